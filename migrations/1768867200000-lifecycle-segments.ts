import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/*
 * The built-in lifecycle segments, kept by the `segments-daily` job:
 *
 * - `refill_customer_lifecycle`: each classified customer's current segment,
 *   since when, and the day of the last classification;
 *   `IDX_refill_customer_lifecycle_segment` (segment, customer_id) pages a
 *   segment's members.
 * - `refill_lifecycle_transitions`: every move between segments, at most one
 *   per customer and day (`UQ_refill_lifecycle_transitions_customer_day`),
 *   with indexes for a month's flows (day) and a segment's entries
 *   (to_segment, day).
 * - `refill_segment_sizes`: each segment's size per day (lifecycle segments
 *   and `custom:<id>`).
 *
 * Schema only; safe to run twice. Never import entities or services here,
 * and never edit it once landed.
 */

const LIFECYCLE = 'refill_customer_lifecycle';
const TRANSITIONS = 'refill_lifecycle_transitions';
const SIZES = 'refill_segment_sizes';

/** Lifecycle segments, their transitions and daily segment sizes. */
export class LifecycleSegments1768867200000 implements MigrationInterface {
    name = 'LifecycleSegments1768867200000';

    async up(qr: QueryRunner): Promise<void> {
        const sqlite = qr.connection.options.type === 'better-sqlite3';
        await qr.createTable(
            new Table({
                name: LIFECYCLE,
                columns: [
                    { name: 'customer_id', type: 'bigint', isPrimary: true },
                    { name: 'segment', type: 'varchar', length: '12' },
                    { name: 'since_day', type: 'varchar', length: '10' },
                    { name: 'classified_day', type: 'varchar', length: '10' },
                    { name: 'updated_at', type: 'datetime', precision: 3 },
                ],
                indices: [
                    new TableIndex({
                        name: 'IDX_refill_customer_lifecycle_segment',
                        columnNames: ['segment', 'customer_id'],
                    }),
                ],
            }),
            true,
            true,
            true,
        );
        await qr.createTable(
            new Table({
                name: TRANSITIONS,
                columns: [
                    {
                        name: 'id',
                        // SQLite autoincrements an INTEGER PRIMARY KEY only.
                        type: sqlite ? 'integer' : 'bigint',
                        isPrimary: true,
                        isGenerated: true,
                        generationStrategy: 'increment',
                    },
                    { name: 'customer_id', type: 'bigint' },
                    { name: 'from_segment', type: 'varchar', length: '12', isNullable: true },
                    { name: 'to_segment', type: 'varchar', length: '12' },
                    { name: 'day', type: 'varchar', length: '10' },
                ],
                indices: [
                    new TableIndex({
                        name: 'UQ_refill_lifecycle_transitions_customer_day',
                        columnNames: ['customer_id', 'day'],
                        isUnique: true,
                    }),
                    new TableIndex({ name: 'IDX_refill_lifecycle_transitions_day', columnNames: ['day'] }),
                    new TableIndex({
                        name: 'IDX_refill_lifecycle_transitions_to',
                        columnNames: ['to_segment', 'day'],
                    }),
                ],
            }),
            true,
            true,
            true,
        );
        await qr.createTable(
            new Table({
                name: SIZES,
                columns: [
                    { name: 'day', type: 'varchar', length: '10', isPrimary: true },
                    { name: 'segment_key', type: 'varchar', length: '40', isPrimary: true },
                    { name: 'size', type: 'int', default: 0 },
                ],
            }),
            true,
            true,
            true,
        );
    }

    async down(qr: QueryRunner): Promise<void> {
        await qr.dropTable(SIZES, true, true, true);
        await qr.dropTable(TRANSITIONS, true, true, true);
        await qr.dropTable(LIFECYCLE, true, true, true);
    }
}
