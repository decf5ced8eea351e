import {
    Table,
    TableIndex,
    type MigrationInterface,
    type QueryRunner,
    type TableColumnOptions,
} from 'typeorm';

/*
 * The message ledger: one row per (campaign member or customer, kind, step)
 * written before a provider is called, so a retried or re-run job never
 * sends twice; with the policy verdict, provider id, segments, cost and
 * delivery status. And the outbox, where the standalone default provider
 * keeps what it "sent".
 */

type Col = TableColumnOptions;
const str = (name: string, length: number, isNullable = false): Col => ({
    name,
    type: 'varchar',
    length: String(length),
    isNullable,
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
const id = (sqlite: boolean): Col => ({
    name: 'id',
    type: sqlite ? 'integer' : 'bigint',
    isPrimary: true,
    isGenerated: true,
    generationStrategy: 'increment',
});

/** Creates `refill_messages` and `refill_outbox`. */
export class CreateMessageTables1767571200000 implements MigrationInterface {
    name = 'CreateMessageTables1767571200000';

    async up(qr: QueryRunner): Promise<void> {
        const sqlite = qr.connection.options.type === 'better-sqlite3';
        await qr.createTable(
            new Table({
                name: 'refill_messages',
                columns: [
                    id(sqlite),
                    str('message_key', 128),
                    big('customer_id'),
                    int('campaign_id', true),
                    str('kind', 24),
                    int('step', false, '0'),
                    str('channel', 16),
                    str('traffic', 12),
                    str('status', 12),
                    text('verdict'),
                    str('provider', 32, true),
                    str('provider_message_id', 128, true),
                    int('segments', true),
                    int('cost', false, '0'),
                    str('failure_reason', 255, true),
                    time('created_at'),
                    time('sent_at', true),
                    time('status_at', true),
                ],
                indices: [
                    idx('UQ_refill_messages_key', ['message_key'], true),
                    idx('IDX_refill_messages_campaign', ['campaign_id', 'status']),
                    idx('IDX_refill_messages_customer', ['customer_id', 'created_at']),
                    idx('IDX_refill_messages_provider_id', ['provider', 'provider_message_id']),
                ],
            }),
            true,
        );
        await qr.createTable(
            new Table({
                name: 'refill_outbox',
                columns: [
                    id(sqlite),
                    str('message_key', 128),
                    str('channel', 16),
                    str('recipient', 254),
                    str('subject', 255, true),
                    text('body'),
                    text('html'),
                    time('created_at'),
                ],
                indices: [
                    idx('UQ_refill_outbox_key', ['message_key'], true),
                    idx('IDX_refill_outbox_created', ['created_at']),
                ],
            }),
            true,
        );
    }

    async down(qr: QueryRunner): Promise<void> {
        await qr.dropTable('refill_outbox', true);
        await qr.dropTable('refill_messages', true);
    }
}
