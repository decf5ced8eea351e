import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/*
 * The store desk's customer search answers in milliseconds on millions of
 * customers. Phone, card and e-mail look-ups already have their indexes
 * (`IDX_refill_customers_phone`, `UQ_refill_customers_card`,
 * `IDX_refill_customers_email`; e-mails are stored lower case). A name is
 * searched by its start, case-insensitively, in Cyrillic as in Latin:
 *
 * - `refill_customers.name_search`: the name's search key — trimmed, inner
 *   spaces made one, lower case, `ё` as `е` (the code's `nameSearchKey`),
 *   NULL without a name. SQLite's `lower()`, `LIKE` and `NOCASE` fold ASCII
 *   only, so neither an expression index nor a NOCASE index would find
 *   "Иванов" by "иван"; a stored key works alike on both engines.
 * - `IDX_refill_customers_name_search` on (name_search, id): a prefix range
 *   (`LIKE 'иван%'` on MariaDB, `>= 'иван' AND < 'ивао'` on SQLite) read in
 *   the order the search pages in.
 *
 * Existing names get their key in batches of 1,000 customers after the
 * schema change: on SQLite computed here (its `lower()` knows ASCII only),
 * on MySQL/MariaDB by the server (LOWER() and REGEXP_REPLACE(); whatever
 * the server folds differently from the code still matches through the
 * column's case-insensitive collation). Safe to run twice. Never import entities or
 * services here, and never edit it once landed.
 */

const TABLE = 'refill_customers';
const COLUMN = 'name_search';
const INDEX = 'IDX_refill_customers_name_search';
const BATCH = 1000;

/** The search key of a name, as the code made it when this migration was written (frozen copy). */
const key = (name: string): string => name.trim().replace(/\s+/g, ' ').toLowerCase().replace(/ё/g, 'е');

/** A search key for every name and an index that reads names by their start. */
export class CustomerSearch1768262400000 implements MigrationInterface {
    name = 'CustomerSearch1768262400000';

    async up(qr: QueryRunner): Promise<void> {
        const table = await qr.getTable(TABLE);
        if (!table?.findColumnByName(COLUMN))
            await qr.addColumn(
                TABLE,
                new TableColumn({ name: COLUMN, type: 'varchar', length: '255', isNullable: true }),
            );
        const indexed = await qr.getTable(TABLE);
        if (!indexed?.indices.some((i) => i.name === INDEX))
            await qr.createIndex(TABLE, new TableIndex({ name: INDEX, columnNames: [COLUMN, 'id'] }));
        if (qr.connection.options.type === 'better-sqlite3') await this.fillSqlite(qr);
        else await this.fillMysql(qr);
    }

    async down(qr: QueryRunner): Promise<void> {
        const table = await qr.getTable(TABLE);
        if (table?.indices.some((i) => i.name === INDEX)) await qr.dropIndex(TABLE, INDEX);
        if (table?.findColumnByName(COLUMN)) await qr.dropColumn(TABLE, COLUMN);
    }

    /** Keys computed here, 1,000 customers a statement, by id. */
    private async fillSqlite(qr: QueryRunner): Promise<void> {
        for (let after = 0; ;) {
            const rows: Array<{ id: number; name: string }> = await qr.query(
                `SELECT id, name FROM ${TABLE} WHERE id > ? AND name IS NOT NULL AND ${COLUMN} IS NULL ORDER BY id LIMIT ${BATCH}`,
                [after],
            );
            if (!rows.length) return;
            const cases = rows.map(() => 'WHEN ? THEN ?').join(' ');
            await qr.query(
                `UPDATE ${TABLE} SET ${COLUMN} = CASE id ${cases} END WHERE id IN (${rows.map(() => '?').join(', ')})`,
                [...rows.flatMap((r) => [r.id, key(r.name)]), ...rows.map((r) => r.id)],
            );
            after = Number(rows[rows.length - 1].id);
        }
    }

    /** Keys computed by the server, over id ranges of 1,000 (only numbers cross the wire). */
    private async fillMysql(qr: QueryRunner): Promise<void> {
        const [bounds] = (await qr.query(`SELECT MIN(id) AS lo, MAX(id) AS hi FROM ${TABLE}`)) as Array<{
            lo: unknown;
            hi: unknown;
        }>;
        if (bounds?.lo === null || bounds?.lo === undefined) return;
        const hi = Number(bounds.hi);
        for (let lo = Number(bounds.lo); lo <= hi; lo += BATCH)
            await qr.query(
                `UPDATE ${TABLE} SET ${COLUMN} = REPLACE(LOWER(REGEXP_REPLACE(TRIM(name), '[[:space:]]+', ' ')), 'ё', 'е') WHERE id >= ${lo} AND id < ${lo + BATCH} AND name IS NOT NULL AND ${COLUMN} IS NULL`,
            );
    }
}
