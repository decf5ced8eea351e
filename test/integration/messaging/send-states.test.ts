import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../helpers/jobs-fixtures.js';
import { gatewayChannels, LocalGateway } from '../../helpers/local-gateway.js';
import { engines } from '../../helpers/test-database.js';
import { startTestRefill, TestClock, type TestRefill } from '../../helpers/test-refill.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** One dispatcher run in a process of its own. */
const CHILD = join(ROOT, 'test', 'helpers', 'send-dispatch.child.ts');

/*
 * Issue 11, the sending pipeline: what a message row says after a crash, a
 * retry and a hold. The SMS gateway dedupes on Refill's key (`id`), as the
 * issue's gateways do, so "sent twice" means two different keys for one
 * message, and "lost" means a key that never reached it.
 */
describe.each(engines)('message send states on %s', (engine) => {
    let t: TestRefill;
    const gateway = new LocalGateway({ dedupe: true });
    const clock = new TestClock();
    const minutes = (n: number) => (clock.now = new Date(clock.now.getTime() + n * 60_000));

    beforeAll(async () => {
        await gateway.start();
        t = await startTestRefill(engine, 'send_states', {
            clock: clock.fn,
            messaging: { channels: { sms: gatewayChannels(gateway).sms } },
        });
    });
    afterAll(async () => {
        await t?.close();
        await gateway.stop();
    });

    /** Customers with an SMS consent and a bonus-expiry notice due now; their ids. */
    async function remind(cards: string[], timezone?: string): Promise<number[]> {
        const ids: number[] = [];
        for (const card of cards) {
            await t.internals.services.customers.upsert(
                card,
                { phone: `+7900${card}`, timezone, consents: { sms: { granted: true } } },
                { source: 'test', storeId: null },
            );
            ids.push((await t.internals.repositories.customers.findByCard(t.internals.database, card))!.id);
        }
        await t.internals.repositories.cascades.insertMany(
            t.internals.database,
            ids.map((id) => ({
                cascadeKey: `bonus-expiry:send-states-${id}`,
                customerId: id,
                campaignId: null,
                categoryId: null,
                offerId: null,
                kind: 'bonus-expiry',
                traffic: 'service' as const,
                status: 'pending' as const,
                runDay: null,
                nextAt: clock.fn(),
                deadlineAt: null,
                payload: JSON.stringify({ expiry: { amount: 15000, at: '2026-04-30T00:00:00Z' } }),
            })),
            clock.fn(),
        );
        return ids;
    }
    const smsTo = (card: string) =>
        gateway.calls.filter((c) => c.path === '/sms' && c.body.to === `+7900${card}`);
    const cascade = (id: number) =>
        t.internals.repositories.cascades.findByKey(`bonus-expiry:send-states-${id}`);

    it('a crash inside the first send loses none of the page and sends none twice', async () => {
        // 10:00 in Moscow.
        clock.now = new Date('2026-03-02T07:00:00.000Z');
        const cards = Array.from({ length: 40 }, (_, i) => `71100${String(i).padStart(2, '0')}`);
        const ids = await remind(cards);
        // The gateway takes every SMS and answers none: the sender is killed inside its first send.
        gateway.hang = () => true;
        const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
            cwd: ROOT,
            env: {
                ...process.env,
                REFILL_TEST_DB: t.db.url,
                REFILL_TEST_SMS: `${gateway.url}/sms`,
                REFILL_TEST_NOW: clock.now.toISOString(),
                REFILL_TEST_CONCURRENCY: '4',
            },
            stdio: ['ignore', 'pipe', 'pipe'],
        });
        let output = '';
        child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
        child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
        const exited = new Promise((ok) => child.once('exit', ok));
        await waitFor(() => gateway.sent.length > 0 || child.exitCode !== null, 30_000);
        child.kill('SIGKILL');
        await exited;
        expect(gateway.sent.length, output).toBeGreaterThan(0);
        gateway.hang = () => false;
        const reached = new Set(gateway.sent);
        const crashed = await t.internals.database.all<{ message_key: string; status: string }>(
            `SELECT message_key, status FROM refill_messages WHERE channel = 'sms' AND customer_id IN (${ids.join(', ')})`,
        );

        // Within the dead run's lease nothing is taken over; after it, the next run finishes the page.
        minutes(1);
        await t.internals.services.dispatcher.run();
        expect(gateway.sent).toHaveLength(reached.size);
        minutes(5);
        const after = await t.internals.services.dispatcher.run();

        // Every customer's SMS reached the gateway under one key, and the gateway sent each once.
        expect(gateway.sent).toHaveLength(40);
        expect(new Set(gateway.sent).size).toBe(40);
        const keyOf = new Map(
            cards.map((card) => [card, new Set(smsTo(card).map((c) => String(c.body.id)))]),
        );
        for (const card of cards) expect(keyOf.get(card)!.size).toBe(1);
        expect(after.sent).toBe(40);
        // Only what the dead run had handed over went to the gateway a second time (and was deduped).
        const twice = cards
            .filter((card) => smsTo(card).length === 2)
            .map((card) => [...keyOf.get(card)!][0]);
        for (const key of reached) expect(twice).toContain(key);
        expect(cards.every((card) => smsTo(card).length <= 2)).toBe(true);

        // The rows said what had happened: handed over (`sending`) for every SMS that reached the gateway
        // (and for at most one more per worker, marked while the first was out), claimed for the rest of
        // the page, which no provider had seen; none counted as sent.
        const status = new Map(crashed.map((r) => [r.message_key, r.status]));
        expect(status.size).toBe(40);
        for (const key of reached) expect(status.get(key)).toBe('sending');
        expect([...status.values()].filter((s) => s === 'sending').length).toBeLessThanOrEqual(2 * 4);
        expect([...status.values()].filter((s) => s === 'claimed').length).toBeGreaterThanOrEqual(40 - 2 * 4);
        expect([...status.values()].every((s) => s === 'claimed' || s === 'sending')).toBe(true);
        // Now every one is sent; the ones handed over twice say so.
        const rows = await t.internals.database.all<{
            message_key: string;
            status: string;
            attempts: unknown;
        }>(
            `SELECT message_key, status, attempts FROM refill_messages WHERE channel = 'sms' AND customer_id IN (${ids.join(', ')})`,
        );
        for (const r of rows) {
            expect(r.status).toBe('sent');
            expect(Number(r.attempts)).toBe(status.get(r.message_key) === 'sending' ? 2 : 1);
        }
        for (const id of ids) expect(await cascade(id)).toMatchObject({ status: 'waiting', outcome: 'sent' });
    });

    it('a retried step reuses its idempotency key, so a gateway that dedupes sends it once', async () => {
        clock.now = new Date('2026-03-03T07:00:00.000Z');
        const [id] = await remind(['7120001']);
        // The gateway takes the SMS and drops the connection unanswered: a retryable failure.
        gateway.cut = (body) => body.to === '+79007120001';
        await t.internals.services.dispatcher.run();
        expect(await cascade(id)).toMatchObject({
            status: 'pending',
            attempt: 1,
            outcome: 'retry:CHANNEL_UNAVAILABLE',
        });
        gateway.cut = () => false;
        minutes(5);
        await t.internals.services.dispatcher.run();
        const calls = smsTo('7120001');
        expect(calls).toHaveLength(2);
        expect(calls[1].body.id).toBe(calls[0].body.id);
        expect(gateway.sent.filter((key) => key === calls[0].body.id)).toHaveLength(1);
        expect(await cascade(id)).toMatchObject({ status: 'waiting', attempt: 2, outcome: 'sent' });
    });

    it('holds (outside the sending hours) are not attempts: a step held twice still gets its retries', async () => {
        // 23:30 in Samara (UTC+4): held until 09:00.
        clock.now = new Date('2026-03-04T19:30:00.000Z');
        const [id] = await remind(['7130001'], 'Europe/Samara');
        await t.internals.services.dispatcher.run();
        expect(await cascade(id)).toMatchObject({
            status: 'pending',
            attempt: 0,
            outcome: 'held:outside_window',
        });
        // Due since 09:00, run again at 21:30: held again.
        clock.now = new Date('2026-03-05T17:30:00.000Z');
        await t.internals.services.dispatcher.run();
        expect(await cascade(id)).toMatchObject({
            status: 'pending',
            attempt: 0,
            outcome: 'held:outside_window',
        });
        expect(smsTo('7130001')).toHaveLength(0);
        // 10:00: the gateway takes the SMS and drops the connection. The step has tries left: it is retried.
        clock.now = new Date('2026-03-06T06:00:00.000Z');
        gateway.cut = (body) => body.to === '+79007130001';
        await t.internals.services.dispatcher.run();
        expect(await cascade(id)).toMatchObject({
            status: 'pending',
            attempt: 1,
            outcome: 'retry:CHANNEL_UNAVAILABLE',
        });
        gateway.cut = () => false;
        minutes(5);
        await t.internals.services.dispatcher.run();
        expect(await cascade(id)).toMatchObject({ status: 'waiting', outcome: 'sent' });
        expect(new Set(smsTo('7130001').map((c) => c.body.id)).size).toBe(1);
    });
});
