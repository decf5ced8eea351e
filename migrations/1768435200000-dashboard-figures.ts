import {
    Table,
    TableIndex,
    type MigrationInterface,
    type QueryRunner,
    type TableColumnOptions,
} from 'typeorm';

/*
 * The admin dashboard's pre-aggregated figures, kept by the `daily-figures`
 * job (ledger module):
 *
 * - `refill_daily_figures`: one row per calendar day in the chain's timezone
 *   and store (store 0: what belongs to no store — expiry, manual
 *   adjustments, members without a home store): receipts, revenue, bonuses
 *   accrued and redeemed at the till, returns with the bonuses they took
 *   back and gave back, bonuses expired, manual credits and debits, and new
 *   members by home store.
 * - `refill_member_figures`: a snapshot per home store (0: none) of the
 *   members, those who bought in the last 30 days, the outstanding balance
 *   and pending bonuses, and what burns in the next 30 days.
 * - `refill_figure_watermarks`: per source table, the last row id already
 *   counted into the daily figures.
 * - `IDX_refill_messages_created`: today's messages per channel without a
 *   scan of the whole message log.
 *
 * Schema only. Never import entities or services here, and never edit it
 * once landed. Frozen: its own column helpers.
 */

type Col = TableColumnOptions;

const int = (name: string): Col => ({ name, type: 'int', default: '0' });
const big = (name: string): Col => ({ name, type: 'bigint', default: '0' });
const time = (name: string): Col => ({ name, type: 'datetime', precision: 3 });

const DAILY = 'refill_daily_figures';
const MEMBERS = 'refill_member_figures';
const WATERMARKS = 'refill_figure_watermarks';
const MESSAGES_CREATED = 'IDX_refill_messages_created';

/** The dashboard's daily and member figures, their watermarks, and an index on messages' creation time. */
export class DashboardFigures1768435200000 implements MigrationInterface {
    name = 'DashboardFigures1768435200000';

    async up(qr: QueryRunner): Promise<void> {
        await qr.createTable(
            new Table({
                name: DAILY,
                columns: [
                    { name: 'day', type: 'varchar', length: '10', isPrimary: true },
                    { name: 'store_id', type: 'int', isPrimary: true },
                    int('receipts'),
                    big('revenue'),
                    big('accrued'),
                    big('redeemed'),
                    int('returns'),
                    big('returned_amount'),
                    big('reversed'),
                    big('refunded'),
                    big('expired'),
                    big('credited'),
                    big('debited'),
                    int('new_members'),
                    time('updated_at'),
                ],
                indices: [
                    new TableIndex({
                        name: 'IDX_refill_daily_figures_store',
                        columnNames: ['store_id', 'day'],
                    }),
                ],
            }),
            true,
        );
        await qr.createTable(
            new Table({
                name: MEMBERS,
                columns: [
                    { name: 'store_id', type: 'int', isPrimary: true },
                    int('members'),
                    int('active_30d'),
                    big('balance'),
                    big('pending'),
                    big('burns_30d'),
                    time('taken_at'),
                ],
            }),
            true,
        );
        await qr.createTable(
            new Table({
                name: WATERMARKS,
                columns: [
                    { name: 'source', type: 'varchar', length: '32', isPrimary: true },
                    big('last_id'),
                    time('updated_at'),
                ],
            }),
            true,
        );
        const messages = await qr.getTable('refill_messages');
        if (messages && !messages.indices.some((i) => i.name === MESSAGES_CREATED))
            await qr.createIndex(
                'refill_messages',
                new TableIndex({ name: MESSAGES_CREATED, columnNames: ['created_at'] }),
            );
    }

    async down(qr: QueryRunner): Promise<void> {
        const messages = await qr.getTable('refill_messages');
        if (messages?.indices.some((i) => i.name === MESSAGES_CREATED))
            await qr.dropIndex('refill_messages', MESSAGES_CREATED);
        await qr.dropTable(WATERMARKS, true);
        await qr.dropTable(MEMBERS, true);
        await qr.dropTable(DAILY, true);
    }
}
