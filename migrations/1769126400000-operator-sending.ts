import {
    Table,
    TableColumn,
    type MigrationInterface,
    type QueryRunner,
    type TableColumnOptions,
} from 'typeorm';

/*
 * Operator-grade sending:
 *
 * - `refill_send_rates`: one row per channel provider, the units handed to
 *   it in the current second and minute and until when it is paused after a
 *   limit answer, shared by every instance (tokens are taken under the row's
 *   lock).
 * - `refill_campaigns.budget_cap` (minor units, NULL = none) and
 *   `budget_reached_at` (when sending stopped at the cap), and
 *   `sender_name` (the campaign's own sender name, NULL = the provider's).
 * - `refill_customers.telegram_blocked_at` (the bot was blocked by the
 *   customer: Telegram is skipped until a new chat id) and
 *   `email_undeliverable_at` (a hard bounce: email is skipped until the
 *   address changes).
 * - `refill_email_events`: the email provider's bounce and complaint events
 *   already applied, by the provider's event id (a retried webhook does
 *   nothing twice).
 *
 * Schema only; safe to run twice. Never import entities or services here,
 * and never edit it once landed. Frozen: its own column helpers.
 */

type Col = TableColumnOptions;

const RATES = 'refill_send_rates';
const CAMPAIGNS = 'refill_campaigns';
const CUSTOMERS = 'refill_customers';
const EMAIL_EVENTS = 'refill_email_events';
const TELEGRAM_BLOCKED_AT: Col = {
    name: 'telegram_blocked_at',
    type: 'datetime',
    precision: 3,
    isNullable: true,
};
const EMAIL_UNDELIVERABLE_AT: Col = {
    name: 'email_undeliverable_at',
    type: 'datetime',
    precision: 3,
    isNullable: true,
};

const BUDGET_CAP: Col = { name: 'budget_cap', type: 'bigint', isNullable: true };
const SENDER_NAME: Col = { name: 'sender_name', type: 'varchar', length: '64', isNullable: true };
const BUDGET_REACHED_AT: Col = {
    name: 'budget_reached_at',
    type: 'datetime',
    precision: 3,
    isNullable: true,
};

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

/** Shared send-rate windows per provider, and the campaigns' budget cap. */
export class OperatorSending1769126400000 implements MigrationInterface {
    name = 'OperatorSending1769126400000';

    async up(qr: QueryRunner): Promise<void> {
        if (!(await qr.hasTable(RATES)))
            await qr.createTable(
                new Table({
                    name: RATES,
                    columns: [
                        { name: 'provider_key', type: 'varchar', length: '64', isPrimary: true },
                        { name: 'second_start', type: 'datetime', precision: 3 },
                        { name: 'second_used', type: 'int', default: 0 },
                        { name: 'minute_start', type: 'datetime', precision: 3 },
                        { name: 'minute_used', type: 'int', default: 0 },
                        { name: 'paused_until', type: 'datetime', precision: 3, isNullable: true },
                        { name: 'updated_at', type: 'datetime', precision: 3 },
                    ],
                }),
            );
        await addMissing(qr, CAMPAIGNS, [BUDGET_CAP, BUDGET_REACHED_AT, SENDER_NAME]);
        await addMissing(qr, CUSTOMERS, [TELEGRAM_BLOCKED_AT, EMAIL_UNDELIVERABLE_AT]);
        if (!(await qr.hasTable(EMAIL_EVENTS)))
            await qr.createTable(
                new Table({
                    name: EMAIL_EVENTS,
                    columns: [
                        { name: 'event_id', type: 'varchar', length: '128', isPrimary: true },
                        { name: 'kind', type: 'varchar', length: '16' },
                        { name: 'received_at', type: 'datetime', precision: 3 },
                    ],
                }),
            );
    }

    async down(qr: QueryRunner): Promise<void> {
        if (await qr.hasTable(EMAIL_EVENTS)) await qr.dropTable(EMAIL_EVENTS);
        await dropPresent(qr, CUSTOMERS, [TELEGRAM_BLOCKED_AT, EMAIL_UNDELIVERABLE_AT]);
        await dropPresent(qr, CAMPAIGNS, [BUDGET_CAP, BUDGET_REACHED_AT, SENDER_NAME]);
        if (await qr.hasTable(RATES)) await qr.dropTable(RATES);
    }
}
