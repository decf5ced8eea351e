import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../helpers/test-database.js';
import { startTestRefill, TestClock, type TestRefill } from '../../helpers/test-refill.js';

/**
 * A contact policy saved at run time is what the sender applies from its
 * next run on: the real planner, dispatcher and outbox on a real database.
 */
describe.each(engines)('the run-time contact policy on %s', (engine) => {
    let t: TestRefill;
    // 08:30 in Moscow: before the default sending hours (09:00–21:00).
    const clock = new TestClock(new Date('2026-03-02T05:30:00.000Z'));
    const status = async (card: string) => {
        const [row] = await t.internals.database.all<{ status: string; verdict: string }>(
            `SELECT m.status, m.verdict FROM refill_messages m JOIN refill_customers c ON c.id = m.customer_id
             WHERE c.card_number = ? AND m.channel = 'sms' ORDER BY m.id DESC`,
            [card],
        );
        return row;
    };

    beforeAll(async () => {
        t = await startTestRefill(engine, 'contact_policy_runtime', { clock: clock.fn });
    });
    afterAll(async () => t?.close());

    it('holds under the options, and each run after a save applies the saved values', async () => {
        const { customers, reminders, dispatcher, contactPolicy, outbox } = t.internals.services;
        const enrol = async (card: string) => {
            await customers.upsert(
                card,
                { phone: `+7900${card}`, consents: { sms: { granted: true } } },
                { source: 'test', storeId: null },
            );
            await reminders.welcome();
        };
        await enrol('8880001');
        expect(await dispatcher.run()).toMatchObject({ held: 1, sent: 0 });
        expect(JSON.parse((await status('8880001')).verdict)).toMatchObject({
            decision: 'hold',
            reason: 'outside_window',
            nextAllowedAt: '2026-03-02T06:00:00.000Z',
        });

        // Opening at 08:00: a message decided now goes at once.
        const current = (await contactPolicy.view()).policy;
        await contactPolicy.save({ ...current, window: { from: '08:00', to: '21:00' } }, 'crm');
        await enrol('8880002');
        expect(await dispatcher.run()).toMatchObject({ sent: 1, held: 0 });
        expect((await status('8880002')).status).toBe('delivered');
        expect((await outbox.list({ channel: 'sms' })).map((m) => m.to)).toEqual(['+79008880002']);

        // Opening at 10:00: the first message, due at 09:00, is held again until 10:00.
        await contactPolicy.save({ ...current, window: { from: '10:00', to: '21:00' } }, 'crm');
        clock.now = new Date('2026-03-02T06:00:00.000Z');
        expect(await dispatcher.run()).toMatchObject({ sent: 0, held: 1 });
        expect(JSON.parse((await status('8880001')).verdict)).toMatchObject({
            reason: 'outside_window',
            nextAllowedAt: '2026-03-02T07:00:00.000Z',
        });
        clock.now = new Date('2026-03-02T07:00:00.000Z');
        expect(await dispatcher.run()).toMatchObject({ sent: 1 });
        expect((await status('8880001')).status).toBe('delivered');
    });

    it('applies a changed quiet period and caps the same way (the saved values reach the policy)', async () => {
        const { contactPolicy } = t.internals.services;
        const view = await contactPolicy.view();
        await contactPolicy.save(
            {
                ...view.policy,
                quietDaysAfterPurchase: 0,
                caps: { ...view.policy.caps, allChannels: { daily: 1, weekly: 2 } },
            },
            'crm',
        );
        const applied = await contactPolicy.current();
        expect(applied).toMatchObject({
            quietDaysAfterPurchase: 0,
            window: { from: '10:00', to: '21:00' },
            serviceInWindow: true,
        });
        expect(applied.caps.allChannels).toEqual({ daily: 1, weekly: 2 });
        // A stored value that no longer validates falls back to the options.
        await t.internals.database.run(
            `UPDATE refill_settings SET value = ? WHERE name = 'messaging.contact_policy'`,
            [JSON.stringify({ policy: { window: { from: 'late' } }, updatedBy: 'x', updatedAt: '' })],
        );
        expect((await contactPolicy.current()).window).toEqual({ from: '09:00', to: '21:00' });
    });
});
