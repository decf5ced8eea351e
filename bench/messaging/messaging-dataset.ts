import type { Refill } from '../../plugin/index.js';
import { toDbTime } from '../../plugin/kernel/db/db-time.js';
import { sqlDialect } from '../../plugin/kernel/db/sql-dialect.js';
import { bonusExpiryReminder } from '../../plugin/modules/messaging/services/reminder-planner.service.js';
import { refillInternals } from '../../plugin/testing.js';
import { MS_PER_DAY } from '../../plugin/kernel/units/time.js';

const BATCH = 1000;

/**
 * Seeds `count` customers (ids 1…count) with a phone, a name, a timezone
 * spread over Russia's zones and SMS consent, with hand-written multi-row
 * INSERTs (setup, not measured).
 */
export async function seedCustomers(refill: Refill, count: number, now: Date): Promise<void> {
    const db = refillInternals(refill).database;
    const zones = ['Europe/Moscow', 'Europe/Samara', 'Asia/Yekaterinburg', 'Europe/Kaliningrad'];
    const t = toDbTime(now);
    for (let from = 1; from <= count; from += BATCH) {
        const ids = Array.from({ length: Math.min(BATCH, count - from + 1) }, (_, i) => from + i);
        await db.run(
            `INSERT INTO refill_customers (id, card_number, phone, name, timezone, balance, enrolled_at, updated_at) VALUES ${sqlDialect.valuesPlaceholders(ids.length, 8)}`,
            ids.flatMap((id) => [
                id,
                `77${String(id).padStart(10, '0')}`,
                `+7901${String(id).padStart(7, '0')}`,
                id % 3 ? 'Анна' : 'Ivan',
                zones[id % zones.length],
                45_000,
                t,
                t,
            ]),
        );
        await db.run(
            `INSERT INTO refill_customer_consents (customer_id, channel, granted, changed_at, source) VALUES ${sqlDialect.valuesPlaceholders(ids.length, 5)}`,
            ids.flatMap((id) => [id, 'sms', true, t, 'bench']),
        );
    }
}

/**
 * Plans one bonus-expiry reminder per customer, due now (clears earlier
 * messages, outbox rows and reminders first), so every side starts from the
 * same state.
 */
export async function planReminders(refill: Refill, count: number, now: Date): Promise<void> {
    const db = refillInternals(refill).database;
    for (const table of ['refill_messages', 'refill_outbox', 'refill_cascades'])
        await db.run(`DELETE FROM ${table}`);
    const firstExpiry = new Date(now.getTime() + 5 * MS_PER_DAY);
    for (let from = 1; from <= count; from += BATCH) {
        const ids = Array.from({ length: Math.min(BATCH, count - from + 1) }, (_, i) => from + i);
        await refillInternals(refill).repositories.cascades.insertMany(
            db,
            ids.map((customerId) =>
                bonusExpiryReminder(
                    { customerId, amount: 15_000 + (customerId % 7) * 100, firstExpiry },
                    now,
                ),
            ),
            now,
        );
    }
}
