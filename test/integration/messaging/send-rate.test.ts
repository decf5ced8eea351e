import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRefill, type Refill } from '../../../plugin/index.js';
import { refillInternals, type RefillInternals } from '../../../plugin/testing.js';
import { SendRateRepository } from '../../../plugin/modules/messaging/repositories/send-rate.repository.js';
import { engines } from '../../helpers/test-database.js';
import { startTestRefill, TestClock, type TestRefill } from '../../helpers/test-refill.js';
import { rateChannels, SendRateGateway } from './send-rate-gateway.js';

/**
 * Send-rate limits per provider, shared by every instance through
 * `refill_send_rates`: tokens per second and minute (messages or SMS
 * segments), two instances dispatching at once never exceed them together,
 * and a limit answer (429 with Retry-After, the gateway's own code,
 * Telegram's `retry_after`) pauses the provider for every instance until
 * the retry time, after which the message goes once.
 */
describe.each(engines)('send-rate limits on %s', (engine) => {
    let t: TestRefill;
    let other: Refill | undefined;
    let second: RefillInternals;
    const gateway = new SendRateGateway();
    const clock = new TestClock(new Date('2026-03-02T08:00:00.000Z'));
    const seconds = (n: number) => (clock.now = new Date(clock.now.getTime() + n * 1000));
    let cardSeq = 0;

    /** New customers reachable by SMS only (or Telegram only), with their welcome planned. */
    const welcomeNew = async (count: number, channel: 'sms' | 'telegram' = 'sms') => {
        const { customers, reminders } = t.internals.services;
        for (let i = 0; i < count; i++) {
            const card = `77${String(++cardSeq).padStart(5, '0')}`;
            await customers.upsert(
                card,
                channel === 'sms'
                    ? { phone: `+7900${card}`, consents: { sms: { granted: true } } }
                    : { telegramChatId: `9${card}`, consents: { telegram: { granted: true } } },
                { source: 'test', storeId: null },
            );
        }
        await reminders.welcome();
    };
    const runBoth = () =>
        Promise.all([t.internals.services.dispatcher.run(), second.services.dispatcher.run()]);

    beforeAll(async () => {
        await gateway.start();
        const messaging = {
            channels: rateChannels(gateway, { perSecond: 100, perMinute: 8 }),
            publicUrl: 'https://shop.example/loyalty',
            chain: { name: 'Apteka' },
            // One send at a time, so a page's messages after a limit answer never reach the gateway.
            dispatch: { rateWaitMs: 0, concurrency: 1 },
        };
        t = await startTestRefill(engine, 'send_rate', { clock: clock.fn, messaging });
        // SQLite instances are processes of their own (better-sqlite3 blocks its thread while it
        // waits for the file's lock): there the second dispatcher runs beside the first in this one.
        if (engine === 'sqlite') {
            second = t.internals;
            return;
        }
        // A second instance on the same database: its own pool, its own dispatcher.
        other = createRefill({
            databaseUrl: t.db.url,
            logLevel: 'silent',
            jobs: { process: false },
            clock: clock.fn,
            messaging,
        });
        await other.start();
        second = refillInternals(other);
    });
    afterAll(async () => {
        await other?.stop();
        await t?.close();
        await gateway.stop();
    });

    it('grants tokens per second and per minute, counting SMS segments, never sticking on a large one', async () => {
        const rates = new SendRateRepository(t.internals.database);
        const at = new Date('2026-02-01T10:00:00.200Z');
        const limit = { perSecond: 3, perMinute: 5 };
        expect(await rates.take('test:a', limit, [1, 1, 1, 1], at)).toEqual({
            granted: 3,
            retryAt: new Date('2026-02-01T10:00:01.000Z'),
        });
        // The next second: the minute has 2 left.
        const next = new Date('2026-02-01T10:00:01.100Z');
        expect(await rates.take('test:a', limit, [1, 1, 1], next)).toEqual({
            granted: 2,
            retryAt: new Date('2026-02-01T10:01:00.000Z'),
        });
        expect(await rates.take('test:a', limit, [1], next)).toMatchObject({ granted: 0 });
        expect(await rates.take('test:a', limit, [1, 1, 1], new Date('2026-02-01T10:01:00.000Z'))).toEqual({
            granted: 3,
            retryAt: null,
        });
        // Segments: 4 a second; a 2-segment SMS twice, then the third waits.
        const segments = { perSecond: 4, unit: 'segments' as const };
        expect((await rates.take('test:b', segments, [2, 2, 2], at)).granted).toBe(2);
        // A message larger than the window still goes, alone, in a fresh second.
        const later = new Date('2026-02-01T10:00:05.000Z');
        expect(await rates.take('test:b', segments, [6, 1], later)).toMatchObject({ granted: 1 });
        // A pause holds every take until it ends.
        await rates.pause('test:c', new Date('2026-02-01T10:00:30.000Z'), at);
        expect(await rates.take('test:c', limit, [1], at)).toEqual({
            granted: 0,
            retryAt: new Date('2026-02-01T10:00:30.000Z'),
        });
        expect(await rates.pausedUntil('test:c', at)).toEqual(new Date('2026-02-01T10:00:30.000Z'));
        expect((await rates.take('test:c', limit, [1], new Date('2026-02-01T10:00:30.000Z'))).granted).toBe(
            1,
        );
    });

    it('two instances taking tokens at once never grant more than the limit together', async () => {
        const a = new SendRateRepository(t.internals.database);
        const b = new SendRateRepository(second.database);
        const at = new Date('2026-02-02T10:00:00.000Z');
        const limit = { perSecond: 50, perMinute: 17 };
        const grants = await Promise.all(
            Array.from({ length: 24 }, (_, i) => (i % 2 ? a : b).take('test:race', limit, [1, 1], at)),
        );
        expect(grants.reduce((sum, g) => sum + g.granted, 0)).toBe(17);
    });

    it('two dispatchers together send no more than the provider’s limit per minute; the rest wait, not attempts', async () => {
        clock.now = new Date('2026-03-02T08:00:00.000Z');
        await welcomeNew(20);
        const before = gateway.to('/sms').length;
        const [one, two] = await runBoth();
        expect(gateway.to('/sms').length - before).toBe(8);
        expect(one.sent + two.sent).toBe(8);
        expect(one.throttled + two.throttled).toBe(12);
        const waiting = await t.internals.database.all<{ n: number; a: number }>(
            "SELECT COUNT(*) AS n, MAX(attempt) AS a FROM refill_cascades WHERE status = 'pending' AND outcome = 'throttled:rate'",
        );
        expect(Number(waiting[0].n)).toBe(12);
        expect(Number(waiting[0].a)).toBe(0);
        // Nothing more in this minute, whoever asks.
        seconds(30);
        await runBoth();
        expect(gateway.to('/sms').length - before).toBe(8);
        // The next minute: 8 more; then the last 4.
        seconds(30);
        await runBoth();
        expect(gateway.to('/sms').length - before).toBe(16);
        seconds(60);
        await runBoth();
        const sent = gateway.to('/sms').slice(before);
        expect(sent).toHaveLength(20);
        expect(new Set(sent.map((c) => c.body.id)).size).toBe(20);
    });

    it('a 429 pauses the provider for every instance until its Retry-After, then each message goes once', async () => {
        clock.now = new Date('2026-03-03T08:00:00.000Z');
        await welcomeNew(3);
        const before = gateway.to('/sms').length;
        let throttle = true;
        gateway.answer = (call) => {
            if (call.path !== '/sms' || !throttle) return undefined;
            throttle = false;
            return { status: 429, headers: { 'retry-after': '30' }, body: { error: 'too many requests' } };
        };
        const first = await t.internals.services.dispatcher.run();
        // The first call was throttled; the page's other two never reached the gateway.
        expect(gateway.to('/sms').length - before).toBe(1);
        expect(first).toMatchObject({ sent: 0, failed: 0, throttled: 3 });
        const rows = await t.internals.database.all<{ next_at: unknown; outcome: string }>(
            "SELECT next_at, outcome FROM refill_cascades WHERE outcome LIKE 'throttled:provider'",
        );
        expect(rows).toHaveLength(3);
        for (const r of rows)
            expect(t.internals.database.time(r.next_at)).toEqual(new Date('2026-03-03T08:00:30.000Z'));
        // The other instance honours the pause.
        seconds(10);
        await second.services.dispatcher.run();
        expect(gateway.to('/sms').length - before).toBe(1);
        seconds(21);
        const after = await second.services.dispatcher.run();
        expect(after.sent).toBe(3);
        const calls = gateway.to('/sms').slice(before);
        expect(calls).toHaveLength(4);
        // Each reminder accepted once: the throttled key again, the two others once.
        expect(new Set(calls.slice(1).map((c) => c.body.id)).size).toBe(3);
        const sent = await t.internals.database.all<{ n: number }>(
            "SELECT COUNT(*) AS n FROM refill_messages WHERE channel = 'sms' AND status = 'sent' AND created_at >= ?",
            ['2026-03-03 08:00:00.000'],
        );
        expect(Number(sent[0].n)).toBe(3);
    });

    it('the gateway’s own limit code and Telegram’s retry_after pause their provider likewise', async () => {
        clock.now = new Date('2026-03-04T08:00:00.000Z');
        await welcomeNew(1);
        await welcomeNew(1, 'telegram');
        const sms = gateway.to('/sms').length;
        const tg = gateway.to('/tg').length;
        let once = new Set(['/sms', '/tg']);
        gateway.answer = (call) => {
            const kind = call.path.startsWith('/tg/') ? '/tg' : call.path;
            if (!once.delete(kind)) return undefined;
            return kind === '/sms'
                ? { status: 200, body: { error_code: 9, error: 'too many requests' } }
                : {
                      status: 429,
                      body: {
                          ok: false,
                          error_code: 429,
                          description: 'Too Many Requests: retry after 5',
                          parameters: { retry_after: 5 },
                      },
                  };
        };
        expect(await t.internals.services.dispatcher.run()).toMatchObject({ sent: 0, throttled: 2 });
        seconds(6);
        // Telegram's pause (5 s) is over, the gateway's (20 s) is not.
        expect(await second.services.dispatcher.run()).toMatchObject({ sent: 1 });
        expect(gateway.to('/tg').length - tg).toBe(2);
        expect(gateway.to('/sms').length - sms).toBe(1);
        seconds(15);
        expect(await t.internals.services.dispatcher.run()).toMatchObject({ sent: 1 });
        expect(gateway.to('/sms').length - sms).toBe(2);
        once = new Set();
    });
});
