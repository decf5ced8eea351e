import {
    Table,
    TableColumn,
    TableForeignKey,
    TableIndex,
    type MigrationInterface,
    type QueryRunner,
    type TableColumnOptions,
} from 'typeorm';

/*
 * The store desk: what a store manager does to a customer's card.
 *
 * - `refill_customers.blocked_at`, `block_reason`: a blocked card (NULL: not
 *   blocked). Tills get no sales, previews, balances or profile changes on it.
 * - `refill_card_replacements`: a card replaced by another. The customer (and
 *   with them balance, lots and history) moved to the new card; the old card
 *   number stays here, unique, so no till enrols it again. The idempotency key
 *   makes a retried replacement answer what the first did.
 * - `refill_consent_events.actor`, `reason`: who changed a consent at the
 *   desk, and why (NULL for tills, imports and the customer's own replies).
 *
 * Schema only. Never import entities or services here, and never edit it
 * once landed. Frozen: its own column helpers.
 */

type Col = TableColumnOptions;

const CUSTOMERS = 'refill_customers';
const REPLACEMENTS = 'refill_card_replacements';
const EVENTS = 'refill_consent_events';

const BLOCKED_AT: Col = { name: 'blocked_at', type: 'datetime', precision: 3, isNullable: true };
const BLOCK_REASON: Col = { name: 'block_reason', type: 'varchar', length: '500', isNullable: true };
const ACTOR: Col = { name: 'actor', type: 'varchar', length: '128', isNullable: true };
const REASON: Col = { name: 'reason', type: 'varchar', length: '500', isNullable: true };

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

/** Blocked cards, replaced cards, and the desk's actor and reason on consent history entries. */
export class StoreDesk1768348800000 implements MigrationInterface {
    name = 'StoreDesk1768348800000';

    async up(qr: QueryRunner): Promise<void> {
        await addMissing(qr, CUSTOMERS, [BLOCKED_AT, BLOCK_REASON]);
        await qr.createTable(
            new Table({
                name: REPLACEMENTS,
                columns: [
                    {
                        name: 'id',
                        // SQLite autoincrements an INTEGER PRIMARY KEY only.
                        type: qr.connection.options.type === 'better-sqlite3' ? 'integer' : 'bigint',
                        isPrimary: true,
                        isGenerated: true,
                        generationStrategy: 'increment',
                    },
                    { name: 'old_card_number', type: 'varchar', length: '64' },
                    { name: 'customer_id', type: 'bigint' },
                    { name: 'new_card_number', type: 'varchar', length: '64' },
                    { name: 'replaced_at', type: 'datetime', precision: 3 },
                    { name: 'actor', type: 'varchar', length: '128' },
                    { name: 'reason', type: 'varchar', length: '500' },
                    { name: 'idempotency_key', type: 'varchar', length: '64', isNullable: true },
                ],
                indices: [
                    new TableIndex({
                        name: 'UQ_refill_card_replacements_old',
                        columnNames: ['old_card_number'],
                        isUnique: true,
                    }),
                    new TableIndex({
                        name: 'UQ_refill_card_replacements_key',
                        columnNames: ['idempotency_key'],
                        isUnique: true,
                    }),
                    new TableIndex({
                        name: 'IDX_refill_card_replacements_customer',
                        columnNames: ['customer_id'],
                    }),
                ],
                foreignKeys: [
                    new TableForeignKey({
                        columnNames: ['customer_id'],
                        referencedTableName: CUSTOMERS,
                        referencedColumnNames: ['id'],
                        onDelete: 'CASCADE',
                        onUpdate: 'NO ACTION',
                    }),
                ],
            }),
            true,
            true,
            true,
        );
        await addMissing(qr, EVENTS, [ACTOR, REASON]);
    }

    async down(qr: QueryRunner): Promise<void> {
        await dropPresent(qr, EVENTS, [ACTOR, REASON]);
        await qr.dropTable(REPLACEMENTS, true, true, true);
        await dropPresent(qr, CUSTOMERS, [BLOCKED_AT, BLOCK_REASON]);
    }
}
