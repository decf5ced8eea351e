import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../helpers/test-database.js';
import { startTestRefill, TestClock, type TestRefill } from '../../helpers/test-refill.js';
import { rateChannels, SendRateGateway } from './send-rate-gateway.js';

/**
 * A Telegram "bot was blocked by the user" answer is remembered on the
 * customer, so their next reminders skip Telegram (recorded as not sent)
 * instead of trying it first every time; a new chat id clears it.
 */
describe.each(engines)('a blocked Telegram bot on %s', (engine) => {
    let t: TestRefill;
    const gateway = new SendRateGateway();
    const clock = new TestClock(new Date('2026-03-02T08:00:00.000Z'));
    let customerId: number;

    beforeAll(async () => {
        await gateway.start();
        gateway.answer = (call) =>
            call.path.startsWith('/tg/') && call.body.chat_id === '111'
                ? {
                      status: 403,
                      body: {
                          ok: false,
                          error_code: 403,
                          description: 'Forbidden: bot was blocked by the user',
                      },
                  }
                : undefined;
        t = await startTestRefill(engine, 'telegram_blocked', {
            clock: clock.fn,
            messaging: { channels: rateChannels(gateway), publicUrl: 'https://shop.example/loyalty' },
        });
        await t.internals.services.customers.upsert(
            '9900001',
            {
                phone: '+79009900001',
                telegramChatId: '111',
                consents: { telegram: { granted: true }, sms: { granted: true } },
            },
            { source: 'test', storeId: null },
        );
        customerId = (await t.internals.repositories.customers.findByCard(t.internals.database, '9900001'))!
            .id;
    });
    afterAll(async () => {
        await t?.close();
        await gateway.stop();
    });

    /** A service reminder for the customer, due now. */
    const plan = (key: string) =>
        t.internals.repositories.cascades.insertMany(
            t.internals.database,
            [
                {
                    cascadeKey: key,
                    customerId,
                    campaignId: null,
                    categoryId: null,
                    offerId: null,
                    kind: 'welcome',
                    traffic: 'service',
                    status: 'pending',
                    runDay: null,
                    nextAt: clock.now,
                    deadlineAt: null,
                    payload: null,
                },
            ],
            clock.now,
        );
    const blockedAt = async () =>
        (await t.internals.repositories.customers.findByCard(t.internals.database, '9900001'))!
            .telegramBlockedAt ?? null;

    it('remembers the block and skips Telegram for the next reminders', async () => {
        await plan('welcome:tg-1');
        const { dispatcher } = t.internals.services;
        await dispatcher.run();
        expect(gateway.to('/tg')).toHaveLength(1);
        expect(await blockedAt()).toEqual(clock.now);
        // The next tick moves the first reminder on to SMS.
        await dispatcher.run();
        expect(gateway.to('/sms')).toHaveLength(1);
        // A later reminder goes straight to SMS: Telegram is not tried again.
        await plan('welcome:tg-2');
        await dispatcher.run();
        expect(gateway.to('/tg')).toHaveLength(1);
        expect(gateway.to('/sms')).toHaveLength(2);
        const [skip] = await t.internals.database.all<{ verdict: string }>(
            "SELECT verdict FROM refill_messages WHERE message_key LIKE 'welcome:tg-2:%:skip' AND channel = 'telegram'",
        );
        expect(JSON.parse(skip.verdict)).toEqual({ decision: 'drop', reason: 'no_contact' });
    });

    it('a new chat id clears the mark', async () => {
        await t.internals.database.transaction((tx) =>
            t.internals.repositories.customers.updateProfile(
                tx,
                customerId,
                { telegramChatId: '222' },
                clock.now,
            ),
        );
        expect(await blockedAt()).toBeNull();
        await plan('welcome:tg-3');
        await t.internals.services.dispatcher.run();
        expect(gateway.to('/tg').at(-1)!.body.chat_id).toBe('222');
    });
});
