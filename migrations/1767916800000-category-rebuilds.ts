import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/*
 * Category rebuilds.
 *
 * `refill_category_rebuilds` holds one row per category whose line mapping
 * and per-customer statistics are (or were last) rebuilt from the stored
 * history: the request's generation (a new request supersedes a running one),
 * its state and phase, the checkpoint of the last batch done (a line id in
 * the remap phase, a customer id in the statistics phase), progress counts,
 * categories to rebuild after it (those that lost or gained lines), the
 * error of a failed run and its times.
 *
 * Purchase days in `refill_customer_category_stats.recent_days` count in the
 * chain's timezone from this version on; before, they were UTC days. When the
 * table already holds rows, the setting `stats.day-zone` is set to `UTC`, so
 * the first instance that runs jobs rebuilds every category's statistics in
 * the chain's timezone (one small row; the rebuild itself runs as batched
 * jobs, never here).
 *
 * Never import entities or services here, and never edit it once landed.
 */

const time = (name: string, isNullable = false) => ({ name, type: 'datetime', precision: 3, isNullable });
const count = (name: string) => ({ name, type: 'bigint', isNullable: false, default: '0' });

/** Progress and checkpoints of category rebuilds. */
export class CategoryRebuilds1767916800000 implements MigrationInterface {
    name = 'CategoryRebuilds1767916800000';

    async up(qr: QueryRunner): Promise<void> {
        await qr.createTable(
            new Table({
                name: 'refill_category_rebuilds',
                columns: [
                    { name: 'category_id', type: 'int', isPrimary: true },
                    { name: 'generation', type: 'int', isNullable: false, default: '1' },
                    { name: 'state', type: 'varchar', length: '12', isNullable: false },
                    { name: 'phase', type: 'varchar', length: '12', isNullable: false },
                    count('cursor_id'),
                    count('lines_total'),
                    count('lines_done'),
                    count('lines_changed'),
                    count('customers_total'),
                    count('customers_done'),
                    count('rows_written'),
                    { name: 'follow_ups', type: 'text', isNullable: true },
                    { name: 'error', type: 'varchar', length: '1000', isNullable: true },
                    time('requested_at'),
                    time('started_at', true),
                    time('finished_at', true),
                    time('updated_at'),
                ],
            }),
            true,
        );
        const legacy: unknown[] = await qr.query(
            'SELECT customer_id FROM refill_customer_category_stats LIMIT 1',
        );
        if (legacy.length)
            await qr.query(
                `INSERT INTO refill_settings (name, value, updated_at) VALUES ('stats.day-zone', 'UTC', ?)`,
                [new Date().toISOString().replace('T', ' ').slice(0, 23)],
            );
    }

    async down(qr: QueryRunner): Promise<void> {
        await qr.query(`DELETE FROM refill_settings WHERE name = 'stats.day-zone'`);
        await qr.dropTable('refill_category_rebuilds', true);
    }
}
