import {
    Table,
    TableColumn,
    TableIndex,
    type MigrationInterface,
    type QueryRunner,
    type TableColumnOptions,
} from 'typeorm';

/*
 * Reminder cascades: one row per reminder a customer is due (a lapse offer,
 * an offer about to burn, expiring bonuses, a welcome, a balance after a
 * purchase) walking its channels cheapest first; the send batches that hold
 * a large campaign run for a second admin's approval and a canary slice;
 * templates edited through the admin API; instance settings (the unsubscribe
 * link secret); and the contact columns messages need (locale, Telegram chat,
 * push token). Frozen once landed: its own column helpers.
 */

type Col = TableColumnOptions;
const str = (name: string, length: number, isNullable = false, dflt?: string): Col => ({
    name,
    type: 'varchar',
    length: String(length),
    isNullable,
    default: dflt,
});
const int = (name: string, isNullable = false, dflt?: string): Col => ({
    name,
    type: 'int',
    isNullable,
    default: dflt,
});
const big = (name: string, isNullable = false): Col => ({ name, type: 'bigint', isNullable });
const time = (name: string, isNullable = false): Col => ({
    name,
    type: 'datetime',
    precision: 3,
    isNullable,
});
const text = (name: string): Col => ({ name, type: 'text', isNullable: true });
const idx = (name: string, columnNames: string[], isUnique = false) =>
    new TableIndex({ name, columnNames, isUnique });

const ADDED: Record<string, Col[]> = {
    refill_customers: [
        str('locale', 8, true),
        str('telegram_chat_id', 64, true),
        str('push_token', 255, true),
    ],
    refill_campaigns: [
        text('cascade_design'),
        text('test_cards'),
        { name: 'sends_killed', type: 'boolean', default: '0' },
        str('launched_by', 128, true),
    ],
};

/** Creates the cascade, send-batch, template and settings tables and the contact columns. */
export class CreateCascadeTables1767657600000 implements MigrationInterface {
    name = 'CreateCascadeTables1767657600000';

    async up(qr: QueryRunner): Promise<void> {
        const sqlite = qr.connection.options.type === 'better-sqlite3';
        for (const [table, columns] of Object.entries(ADDED))
            await qr.addColumns(
                table,
                columns.map((c) => new TableColumn(c)),
            );
        await qr.createIndex('refill_customers', idx('IDX_refill_customers_enrolled', ['enrolled_at']));
        await qr.createTable(
            new Table({
                name: 'refill_cascades',
                columns: [
                    {
                        name: 'id',
                        type: sqlite ? 'integer' : 'bigint',
                        isPrimary: true,
                        isGenerated: true,
                        generationStrategy: 'increment',
                    },
                    str('cascade_key', 128),
                    big('customer_id'),
                    int('campaign_id', true),
                    int('category_id', true),
                    big('offer_id', true),
                    str('kind', 24),
                    str('traffic', 12),
                    str('status', 12),
                    str('run_day', 10, true),
                    int('step', false, '0'),
                    int('attempt', false, '0'),
                    str('channel', 16, true),
                    str('message_key', 128, true),
                    str('await_status', 12, true),
                    time('next_at'),
                    time('deadline_at', true),
                    text('payload'),
                    str('outcome', 64, true),
                    time('created_at'),
                    time('updated_at'),
                ],
                indices: [
                    idx('UQ_refill_cascades_key', ['cascade_key'], true),
                    idx('IDX_refill_cascades_due', ['status', 'next_at']),
                    idx('IDX_refill_cascades_customer', ['customer_id', 'status']),
                    idx('IDX_refill_cascades_campaign', ['campaign_id', 'run_day', 'status']),
                    idx('IDX_refill_cascades_message', ['message_key']),
                ],
            }),
            true,
        );
        await qr.createTable(
            new Table({
                name: 'refill_send_batches',
                columns: [
                    { ...int('campaign_id'), isPrimary: true },
                    { ...str('run_day', 10), isPrimary: true },
                    str('status', 20),
                    int('recipients'),
                    int('base_size'),
                    int('canary_size', false, '0'),
                    time('canary_until', true),
                    str('approved_by', 128, true),
                    time('approved_at', true),
                    str('note', 255, true),
                    time('created_at'),
                    time('updated_at'),
                ],
                indices: [idx('IDX_refill_send_batches_status', ['status'])],
            }),
            true,
        );
        await qr.createTable(
            new Table({
                name: 'refill_templates',
                columns: [
                    { ...str('kind', 24), isPrimary: true },
                    { ...str('channel', 16), isPrimary: true },
                    { ...str('locale', 8), isPrimary: true },
                    { name: 'source', type: 'text', isNullable: false },
                    str('updated_by', 128),
                    time('updated_at'),
                ],
            }),
            true,
        );
        await qr.createTable(
            new Table({
                name: 'refill_settings',
                columns: [
                    { ...str('name', 64), isPrimary: true },
                    { name: 'value', type: 'text', isNullable: false },
                    time('updated_at'),
                ],
            }),
            true,
        );
    }

    async down(qr: QueryRunner): Promise<void> {
        for (const table of ['refill_settings', 'refill_templates', 'refill_send_batches', 'refill_cascades'])
            await qr.dropTable(table, true);
        await qr.dropIndex('refill_customers', 'IDX_refill_customers_enrolled');
        for (const [table, columns] of Object.entries(ADDED))
            for (const c of columns) await qr.dropColumn(table, c.name);
    }
}
