import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/*
 * Identifiers match exactly on every engine, receipts and returns are unique
 * per store, and stored responses fit the largest receipt.
 *
 * - On MySQL/MariaDB the identifier columns inherited the server's collation
 *   (case- and trailing-space-insensitive, e.g. utf8mb4_unicode_ci), while
 *   SQLite compares bytes: `CS-1` and `cs-1` were one card on one engine and
 *   two on the other. They become binary and NO PAD (utf8mb4_nopad_bin on
 *   MariaDB, utf8mb4_0900_bin on MySQL 8, utf8mb4_bin where neither exists).
 *   SQLite needs nothing.
 * - A receipt or return id is the till's number, unique within its store
 *   only: the unique keys become (store_id, receipt_id) and (store_id, return_id).
 * - The stored response of a 500-line receipt is several hundred KB: TEXT
 *   (64 KB) becomes LONGTEXT on MariaDB and JSON on MySQL (the column types
 *   TypeORM's `json` maps to, as the entities declare; SQLite's TEXT has no limit).
 *
 * The column changes are MySQL-only `MODIFY` statements because TypeORM's
 * `changeColumn` drops and re-adds a column whose type changes (its data with
 * it). The index changes use the QueryRunner schema API on both engines; each
 * new unique key is created before the old one is dropped. Never edit this
 * migration once landed.
 */

/** Identifier columns made binary: table, column, length, nullable. */
const IDENTIFIERS: ReadonlyArray<[string, string, number, boolean]> = [
    ['refill_stores', 'code', 64, false],
    ['refill_customers', 'card_number', 64, false],
    ['refill_products', 'sku', 64, false],
    ['refill_categories', 'code', 64, false],
    ['refill_category_rules', 'value', 64, false],
    ['refill_purchases', 'receipt_id', 64, false],
    ['refill_returns', 'return_id', 64, false],
    ['refill_ledger_entries', 'idempotency_key', 128, true],
    ['refill_campaigns', 'code', 64, false],
];

/** Columns holding a stored response. */
const RESPONSES: ReadonlyArray<string> = ['refill_purchases', 'refill_returns'];

/** Identifier columns compare exactly; receipt and return ids are unique per store; responses fit 500 lines. */
export class ExactIdentifiers1767744000000 implements MigrationInterface {
    name = 'ExactIdentifiers1767744000000';

    async up(qr: QueryRunner): Promise<void> {
        if (qr.connection.options.type !== 'better-sqlite3') {
            const [{ v }] = (await qr.query('SELECT VERSION() AS v')) as Array<{ v: string }>;
            const document = /mariadb/i.test(v) ? 'LONGTEXT' : 'JSON';
            // Binary and NO PAD, so trailing spaces count too (utf8mb4_bin pads on MariaDB).
            const [nopad] = (await qr.query(
                `SELECT COLLATION_NAME AS name FROM information_schema.COLLATIONS WHERE COLLATION_NAME IN ('utf8mb4_nopad_bin', 'utf8mb4_0900_bin') ORDER BY COLLATION_NAME`,
            )) as Array<{ name: string }>;
            const exact = nopad?.name ?? 'utf8mb4_bin';
            for (const table of new Set(IDENTIFIERS.map(([t]) => t))) {
                const changes = IDENTIFIERS.filter(([t]) => t === table).map(
                    ([, column, length, nullable]) =>
                        `MODIFY \`${column}\` VARCHAR(${length}) CHARACTER SET utf8mb4 COLLATE ${exact} ${nullable ? 'NULL' : 'NOT NULL'}`,
                );
                if (RESPONSES.includes(table)) changes.push(`MODIFY \`response\` ${document} NULL`);
                await qr.query(`ALTER TABLE \`${table}\` ${changes.join(', ')}`);
            }
        }
        await this.swapUnique(qr, 'refill_purchases', 'UQ_refill_purchases_receipt', {
            name: 'UQ_refill_purchases_store_receipt',
            columnNames: ['store_id', 'receipt_id'],
        });
        await this.swapUnique(qr, 'refill_returns', 'UQ_refill_returns_return', {
            name: 'UQ_refill_returns_store_return',
            columnNames: ['store_id', 'return_id'],
        });
    }

    async down(qr: QueryRunner): Promise<void> {
        // Fails, as it should, where two stores have used the same receipt or return id.
        await this.swapUnique(qr, 'refill_returns', 'UQ_refill_returns_store_return', {
            name: 'UQ_refill_returns_return',
            columnNames: ['return_id'],
        });
        await this.swapUnique(qr, 'refill_purchases', 'UQ_refill_purchases_store_receipt', {
            name: 'UQ_refill_purchases_receipt',
            columnNames: ['receipt_id'],
        });
        if (qr.connection.options.type === 'better-sqlite3') return;
        for (const table of new Set(IDENTIFIERS.map(([t]) => t))) {
            // Back to the table's own default collation.
            const changes = IDENTIFIERS.filter(([t]) => t === table).map(
                ([, column, length, nullable]) =>
                    `MODIFY \`${column}\` VARCHAR(${length}) ${nullable ? 'NULL' : 'NOT NULL'}`,
            );
            if (RESPONSES.includes(table)) changes.push('MODIFY `response` TEXT NULL');
            await qr.query(`ALTER TABLE \`${table}\` ${changes.join(', ')}`);
        }
    }

    /**
     * Replaces a unique key. MySQL may have made the old key carry a foreign
     * key on its first column (it drops the index it created for the foreign
     * key once another index can serve it), and then refuses to drop it: the
     * foreign key is dropped and re-created around the drop, which gives it
     * back an index of its own if it still needs one.
     */
    private async swapUnique(
        qr: QueryRunner,
        table: string,
        old: string,
        next: { name: string; columnNames: string[] },
    ): Promise<void> {
        await qr.createIndex(table, new TableIndex({ ...next, isUnique: true }));
        const oldIndex = (await qr.getTable(table))?.indices.find((i) => i.name === old);
        const carried = (await qr.getTable(table))?.foreignKeys.find(
            (fk) => fk.columnNames.length === 1 && fk.columnNames[0] === oldIndex?.columnNames[0],
        );
        if (carried && qr.connection.options.type !== 'better-sqlite3') {
            await qr.dropForeignKey(table, carried);
            await qr.dropIndex(table, old);
            await qr.createForeignKey(table, carried);
        } else await qr.dropIndex(table, old);
    }
}
