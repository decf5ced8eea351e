import {
    TableColumn,
    TableIndex,
    type MigrationInterface,
    type QueryRunner,
    type TableColumnOptions,
} from 'typeorm';

/*
 * Messages sent by a trigger chain carry the chain and the customer's run of
 * it, as campaign messages carry their campaign, so a chain's report and its
 * budget cap can add up its messages' cost:
 *
 * - `refill_cascades.chain_id`, `chain_run_id`: the chain and the run whose
 *   send step planned the reminder (NULL for campaigns and reminders).
 * - `refill_messages.chain_id`: copied from the cascade when the message is
 *   decided, with `IDX_refill_messages_chain` (chain_id, created_at).
 *
 * Schema only; safe to run twice. Never import entities or services here,
 * and never edit it once landed. Frozen: its own column helpers.
 */

type Col = TableColumnOptions;

const CASCADES = 'refill_cascades';
const MESSAGES = 'refill_messages';

const CHAIN_ID: Col = { name: 'chain_id', type: 'int', isNullable: true };
const CHAIN_RUN_ID: Col = { name: 'chain_run_id', type: 'bigint', isNullable: true };
const MESSAGES_CHAIN_INDEX = 'IDX_refill_messages_chain';

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

/** The chain (and run) a reminder and its messages were sent for. */
export class ChainAttribution1768780800000 implements MigrationInterface {
    name = 'ChainAttribution1768780800000';

    async up(qr: QueryRunner): Promise<void> {
        await addMissing(qr, CASCADES, [CHAIN_ID, CHAIN_RUN_ID]);
        await addMissing(qr, MESSAGES, [CHAIN_ID]);
        const messages = await qr.getTable(MESSAGES);
        if (!messages?.indices.some((i) => i.name === MESSAGES_CHAIN_INDEX))
            await qr.createIndex(
                MESSAGES,
                new TableIndex({ name: MESSAGES_CHAIN_INDEX, columnNames: ['chain_id', 'created_at'] }),
            );
    }

    async down(qr: QueryRunner): Promise<void> {
        const messages = await qr.getTable(MESSAGES);
        if (messages?.indices.some((i) => i.name === MESSAGES_CHAIN_INDEX))
            await qr.dropIndex(MESSAGES, MESSAGES_CHAIN_INDEX);
        await dropPresent(qr, MESSAGES, [CHAIN_ID]);
        await dropPresent(qr, CASCADES, [CHAIN_ID, CHAIN_RUN_ID]);
    }
}
