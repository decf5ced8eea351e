import type { Refill } from '../../plugin/index.js';
import { toDbTime } from '../../plugin/kernel/db/db-time.js';
import { sqlDialect } from '../../plugin/kernel/db/sql-dialect.js';
import { refillInternals, type RefillInternals } from '../../plugin/testing.js';

/** Where the baseline "sends": the outbox table, or the local gateway over HTTP. */
export type BaselineTarget = { kind: 'outbox' } | { kind: 'gateway'; url: string };

interface Due {
    id: number;
    customerId: number;
    key: string;
    phone: string;
    text: string;
}

/**
 * The same work as Refill's dispatcher written by hand, for the ratio: read
 * due reminders page by page, read the phones, and per message (16 in
 * flight) record the message under its unique key, send (an outbox row, or
 * a POST to the gateway), mark it sent and finish the reminder. No policy,
 * no templates, no segment counting, no cascade planning: what an engineer
 * would write for exactly one SMS per reminder. `batched` writes the way
 * Refill does (the page's message rows in one INSERT, the answers and the
 * reminders' states in one transaction of multi-row statements); otherwise
 * every write is its own statement.
 */
export async function baselineDispatch(
    refill: Refill,
    now: Date,
    target: BaselineTarget,
    batched: boolean,
    pageSize = 500,
    concurrency = 16,
): Promise<number> {
    const db = refillInternals(refill).database;
    const t = toDbTime(now);
    let sent = 0;
    for (;;) {
        const page = await duePage(refill, t, pageSize);
        if (!page.length) return sent;
        if (batched)
            await db.run(
                `${sqlDialect.insertIgnore(db.dialect)} INTO refill_messages (message_key, customer_id, kind, step, channel, traffic, status, created_at, status_at) VALUES ${sqlDialect.valuesPlaceholders(page.length, 9)}`,
                page.flatMap((m) => [
                    m.key,
                    m.customerId,
                    'bonus-expiry',
                    0,
                    'sms',
                    'service',
                    'sending',
                    t,
                    t,
                ]),
            );
        const ids = new Map<string, string>();
        const queue = [...page];
        const worker = async () => {
            for (let m = queue.pop(); m; m = queue.pop()) {
                if (!batched)
                    await db.run(
                        `${sqlDialect.insertIgnore(db.dialect)} INTO refill_messages (message_key, customer_id, kind, step, channel, traffic, status, created_at, status_at) VALUES (?, ?, 'bonus-expiry', 0, 'sms', 'service', 'sending', ?, ?)`,
                        [m.key, m.customerId, t, t],
                    );
                const providerId = await send(refill, target, m, t);
                ids.set(m.key, providerId);
                if (!batched) {
                    await markSent(refill, [[m.key, providerId]], t);
                    await db.run(`UPDATE refill_cascades SET status = 'done', updated_at = ? WHERE id = ?`, [
                        t,
                        m.id,
                    ]);
                }
                sent++;
            }
        };
        await Promise.all(Array.from({ length: concurrency }, worker));
        if (batched)
            await db.transaction(async (tx) => {
                await markSent(refill, [...ids], t, tx);
                await tx.run(
                    `UPDATE refill_cascades SET status = 'done', updated_at = ? WHERE id IN (${sqlDialect.inList(page.length)})`,
                    [t, ...page.map((m) => m.id)],
                );
            });
    }
}

async function duePage(refill: Refill, t: string, pageSize: number): Promise<Due[]> {
    const db = refillInternals(refill).database;
    const page = await db.all<{ id: unknown; customer_id: unknown; cascade_key: string; payload: string }>(
        `SELECT id, customer_id, cascade_key, payload FROM refill_cascades WHERE status = 'pending' AND next_at <= ? ORDER BY next_at LIMIT ${pageSize}`,
        [t],
    );
    if (!page.length) return [];
    const ids = page.map((r) => Number(r.customer_id));
    const phones = new Map(
        (
            await db.all<{ id: unknown; phone: string }>(
                `SELECT id, phone FROM refill_customers WHERE id IN (${sqlDialect.inList(ids.length)})`,
                ids,
            )
        ).map((r) => [Number(r.id), r.phone]),
    );
    return page.map((r) => {
        const { expiry } = JSON.parse(r.payload) as { expiry: { amount: number; at: string } };
        return {
            id: Number(r.id),
            customerId: Number(r.customer_id),
            key: `${r.cascade_key}:0:0`,
            phone: phones.get(Number(r.customer_id)) as string,
            text: `${expiry.amount / 100} бонусов сгорят ${expiry.at.slice(0, 10)}`,
        };
    });
}

async function send(refill: Refill, target: BaselineTarget, m: Due, t: string): Promise<string> {
    if (target.kind === 'outbox') {
        await refillInternals(refill).database.run(
            `${sqlDialect.insertIgnore(refillInternals(refill).database.dialect)} INTO refill_outbox (message_key, channel, recipient, body, created_at) VALUES (?, 'sms', ?, ?, ?)`,
            [m.key, m.phone, m.text, t],
        );
        return m.key;
    }
    const res = await fetch(target.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ to: m.phone, text: m.text, id: m.key }),
    });
    return ((await res.json()) as { id: string }).id;
}

async function markSent(
    refill: Refill,
    sent: ReadonlyArray<[string, string]>,
    t: string,
    exec: Pick<RefillInternals['database'], 'run' | 'dialect'> = refillInternals(refill).database,
): Promise<void> {
    if (sent.length === 1) {
        await exec.run(
            `UPDATE refill_messages SET status = 'sent', provider = 'sms', provider_message_id = ?, sent_at = ?, status_at = ? WHERE message_key = ?`,
            [sent[0][1], t, t, sent[0][0]],
        );
        return;
    }
    for (const chunk of sqlDialect.chunks(sent, 500))
        await exec.run(
            `UPDATE refill_messages SET status = 'sent', provider = 'sms', sent_at = ?, status_at = ?, provider_message_id = CASE message_key ${chunk.map(() => 'WHEN ? THEN ?').join(' ')} END WHERE message_key IN (${sqlDialect.inList(chunk.length)})`,
            [t, t, ...chunk.flat(), ...chunk.map(([key]) => key)],
        );
}
