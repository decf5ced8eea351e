import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/*
 * The category editor's ATC autocomplete reads the codes that start with the
 * typed prefix as an index range (`atc >= 'N06' AND atc <= 'N06ZZ…'`, then
 * `LIKE 'N06%'`), on both engines:
 *
 * - `IDX_refill_products_atc` on refill_products (atc): the catalogue's
 *   products per prefix.
 * - `IDX_refill_purchase_lines_atc` on refill_purchase_lines (atc,
 *   purchase_id): the lines of a prefix without reading the table, each
 *   line's purchase then by its key (the buyers of the last 12 months).
 *
 * Schema only; safe to run twice. Never import entities or services here,
 * and never edit it once landed.
 */

const INDEXES = [
    { table: 'refill_products', name: 'IDX_refill_products_atc', columns: ['atc'] },
    {
        table: 'refill_purchase_lines',
        name: 'IDX_refill_purchase_lines_atc',
        columns: ['atc', 'purchase_id'],
    },
] as const;

/** Indexes that read products and purchase lines by the start of their ATC code. */
export class AtcLookup1768694400000 implements MigrationInterface {
    name = 'AtcLookup1768694400000';

    async up(qr: QueryRunner): Promise<void> {
        for (const index of INDEXES) {
            const table = await qr.getTable(index.table);
            if (table?.indices.some((i) => i.name === index.name)) continue;
            await qr.createIndex(
                index.table,
                new TableIndex({ name: index.name, columnNames: [...index.columns] }),
            );
        }
    }

    async down(qr: QueryRunner): Promise<void> {
        for (const index of INDEXES) {
            const table = await qr.getTable(index.table);
            if (table?.indices.some((i) => i.name === index.name))
                await qr.dropIndex(index.table, index.name);
        }
    }
}
