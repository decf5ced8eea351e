import {
    Table,
    TableColumn,
    TableIndex,
    type MigrationInterface,
    type QueryRunner,
    type TableColumnOptions,
} from 'typeorm';

/*
 * Custom segments and the customer facts their rules read:
 *
 * - `refill_stores.latitude`, `longitude`: where a store is, in whole
 *   micro-degrees (degrees × 1 000 000, WGS 84; NULL: not given). Integers so
 *   both engines store and compare them exactly.
 * - `refill_customers.birth_date` ('YYYY-MM-DD', NULL: unknown) and
 *   `card_form` ('physical' | 'virtual', default 'physical'): the card's form
 *   (`card_kind` already holds regular/test/employee).
 * - `refill_customer_home_stores`: each customer's home store (most purchases
 *   in the last 12 months, ties to the latest), rewritten daily.
 * - `refill_segments`: saved segment rules. `active_name` is the name while
 *   the segment is not archived and NULL once it is, so its unique index
 *   keeps names unique among live segments on both engines.
 *
 * Schema only; safe to run twice. Never import entities or services here,
 * and never edit it once landed. Frozen: its own column helpers.
 */

type Col = TableColumnOptions;

const STORES = 'refill_stores';
const CUSTOMERS = 'refill_customers';
const HOME_STORES = 'refill_customer_home_stores';
const SEGMENTS = 'refill_segments';

const LATITUDE: Col = { name: 'latitude', type: 'int', isNullable: true };
const LONGITUDE: Col = { name: 'longitude', type: 'int', isNullable: true };
const BIRTH_DATE: Col = { name: 'birth_date', type: 'varchar', length: '10', isNullable: true };
const CARD_FORM: Col = { name: 'card_form', type: 'varchar', length: '12', default: "'physical'" };

/** Adds each column the table lacks (safe to run twice). */
async function addMissing(qr: QueryRunner, table: string, columns: readonly Col[]): Promise<void> {
    const current = await qr.getTable(table);
    for (const column of columns)
        if (!current?.findColumnByName(column.name)) await qr.addColumn(table, new TableColumn(column));
}

/** Drops each column the table has. */
async function dropPresent(qr: QueryRunner, table: string, columns: readonly Col[]): Promise<void> {
    const current = await qr.getTable(table);
    for (const column of columns)
        if (current?.findColumnByName(column.name)) await qr.dropColumn(table, new TableColumn(column));
}

/** Store coordinates, birth dates and card forms, home stores, and saved segments. */
export class CustomSegments1768953600000 implements MigrationInterface {
    name = 'CustomSegments1768953600000';

    async up(qr: QueryRunner): Promise<void> {
        await addMissing(qr, STORES, [LATITUDE, LONGITUDE]);
        await addMissing(qr, CUSTOMERS, [BIRTH_DATE, CARD_FORM]);
        await qr.createTable(
            new Table({
                name: HOME_STORES,
                columns: [
                    { name: 'customer_id', type: 'bigint', isPrimary: true },
                    { name: 'store_id', type: 'int' },
                    { name: 'purchases', type: 'int' },
                    { name: 'last_purchase_at', type: 'datetime', precision: 3 },
                    { name: 'computed_day', type: 'varchar', length: '10' },
                ],
                indices: [
                    new TableIndex({
                        name: 'IDX_refill_customer_home_stores_store',
                        columnNames: ['store_id'],
                    }),
                ],
            }),
            true,
            true,
            true,
        );
        await qr.createTable(
            new Table({
                name: SEGMENTS,
                columns: [
                    {
                        name: 'id',
                        // SQLite autoincrements an INTEGER PRIMARY KEY only.
                        type: qr.connection.options.type === 'better-sqlite3' ? 'integer' : 'int',
                        isPrimary: true,
                        isGenerated: true,
                        generationStrategy: 'increment',
                    },
                    { name: 'name', type: 'varchar', length: '120' },
                    { name: 'active_name', type: 'varchar', length: '120', isNullable: true },
                    { name: 'rule_json', type: 'text' },
                    { name: 'description', type: 'varchar', length: '500', isNullable: true },
                    { name: 'created_by', type: 'varchar', length: '128' },
                    { name: 'created_at', type: 'datetime', precision: 3 },
                    { name: 'updated_at', type: 'datetime', precision: 3 },
                    { name: 'archived_at', type: 'datetime', precision: 3, isNullable: true },
                ],
                indices: [
                    new TableIndex({
                        name: 'UQ_refill_segments_active_name',
                        columnNames: ['active_name'],
                        isUnique: true,
                    }),
                ],
            }),
            true,
            true,
            true,
        );
    }

    async down(qr: QueryRunner): Promise<void> {
        await qr.dropTable(SEGMENTS, true, true, true);
        await qr.dropTable(HOME_STORES, true, true, true);
        await dropPresent(qr, CUSTOMERS, [BIRTH_DATE, CARD_FORM]);
        await dropPresent(qr, STORES, [LATITUDE, LONGITUDE]);
    }
}
