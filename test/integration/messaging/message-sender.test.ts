import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
    ChannelError,
    type ChannelProvider,
} from '../../../plugin/modules/messaging/channels/channel-provider.js';
import { OutboxProvider } from '../../../plugin/modules/messaging/channels/outbox.provider.js';
import { decideContact } from '../../../plugin/modules/messaging/policy/contact-policy.js';
import { testDesign } from '../../helpers/campaign-fixtures.js';
import { createApp } from '../../helpers/create-app.js';
import { engines } from '../../helpers/test-database.js';
import { startTestRefill, TestClock, type TestRefill } from '../../helpers/test-refill.js';

describe.each(engines)('message ledger on %s', (engine) => {
    let t: TestRefill;
    let customerId: number;
    const clock = new TestClock(new Date('2026-11-24T08:00:00Z'));
    beforeAll(async () => {
        t = await startTestRefill(engine, 'message_sender', { clock: clock.fn });
        await t.internals.services.customers.upsert(
            '6000001',
            { phone: '+79001112233' },
            { source: 'test', storeId: null },
        );
        const [row] = await t.internals.database.all<{ id: unknown }>(
            "SELECT id FROM refill_customers WHERE card_number = '6000001'",
        );
        customerId = Number(row.id);
    });
    afterAll(async () => t?.close());

    const send = { decision: 'send' } as const;
    const sms = (text: string) => ({
        key: '',
        channel: 'sms' as const,
        to: '+79001112233',
        text,
        segments: 2,
    });

    it('calls the provider once per key, however often the job runs, and records the cost', async () => {
        const campaign = await t.internals.services.campaigns.create(testDesign({ code: 'MSG' }), 'test');
        let calls = 0;
        const provider: ChannelProvider = {
            id: 'counting-gateway',
            channel: 'sms',
            async send() {
                calls++;
                return { providerMessageId: `gw-${calls}`, cost: 500, status: 'accepted' };
            },
        };
        const request = {
            key: `c${campaign.id}:m${customerId}:lapse-offer:0`,
            customerId,
            campaignId: campaign.id,
            kind: 'lapse-offer',
            step: 0,
            traffic: 'marketing' as const,
            verdict: send,
            message: sms('Ваше персональное предложение'),
        };
        const results = await Promise.all(
            [1, 2, 3].map(() => t.internals.services.messageSender.send(request, provider)),
        );
        expect(calls).toBe(1);
        expect(results.filter((r) => r.outcome === 'sent')).toHaveLength(1);
        // The other two found it claimed by the first (in flight: busy) or already sent: neither sent it.
        expect(results.filter((r) => r.outcome === 'busy' || r.outcome === 'duplicate')).toHaveLength(2);
        expect(await t.internals.services.messageSender.send(request, provider)).toMatchObject({
            outcome: 'duplicate',
            status: 'sent',
        });
        expect(
            await t.internals.repositories.messages.applyStatus(
                'counting-gateway',
                'gw-1',
                'delivered',
                null,
                clock.fn(),
            ),
        ).toBe(1);
        const report = await t.internals.services.campaignReports.report(campaign.id);
        expect(report.campaign.code).toBe('MSG');
        expect(
            await t.internals.repositories.messages.costForCampaign(t.internals.database, campaign.id),
        ).toBe(500);
    });

    it('records held and dropped decisions with their verdict, and failures with their code', async () => {
        const outbox = new OutboxProvider('sms', t.internals.services.outbox, clock.fn);
        const held = decideContact(
            {
                channel: 'sms',
                traffic: 'marketing',
                timezone: 'Europe/Samara',
                consented: true,
                hasContact: true,
                sent: [1, 2, 3].map(() => ({ channel: 'sms', traffic: 'marketing', at: clock.fn() })),
                lastPurchaseAt: null,
            },
            clock.fn(),
        );
        const base = {
            customerId,
            campaignId: null,
            kind: 'offer-expiry',
            step: 0,
            traffic: 'marketing' as const,
            message: sms('x'),
        };
        expect(
            await t.internals.services.messageSender.send({ ...base, key: 'held-1', verdict: held }, outbox),
        ).toEqual({ outcome: 'held' });
        const [row] = await t.internals.database.all<{ status: string; verdict: string }>(
            "SELECT status, verdict FROM refill_messages WHERE message_key = 'held-1'",
        );
        expect(row.status).toBe('held');
        expect(JSON.parse(row.verdict)).toMatchObject({
            decision: 'hold',
            reason: 'daily_cap',
            used: 3,
            cap: 3,
        });
        const failing: ChannelProvider = {
            id: 'down',
            channel: 'sms',
            async send() {
                throw new ChannelError('CHANNEL_REJECTED', 'invalid number', false);
            },
        };
        expect(
            await t.internals.services.messageSender.send({ ...base, key: 'fail-1', verdict: send }, failing),
        ).toMatchObject({
            outcome: 'failed',
            code: 'CHANNEL_REJECTED',
            retryable: false,
        });
        expect(
            await t.internals.services.messageSender.send({ ...base, key: 'out-1', verdict: send }, outbox),
        ).toMatchObject({ outcome: 'sent' });
    });

    it('shows tracking per channel and the outbox through the admin API', async () => {
        const token = await t.internals.services.adminTokens.create('ops', 'admin', 'test');
        const api = request(createApp(t.refill));
        const stats = await api.get('/admin/v1/messages/stats').set({ Authorization: `Bearer ${token}` });
        expect(stats.status).toBe(200);
        expect(stats.body.channels).toEqual([
            expect.objectContaining({
                channel: 'sms',
                sent: 2,
                delivered: 2,
                failed: 1,
                held: 1,
                failedByReason: { CHANNEL_REJECTED: 1 },
                cost: 500,
            }),
        ]);
        const outbox = await api
            .get('/admin/v1/outbox?channel=sms')
            .set({ Authorization: `Bearer ${token}` });
        expect(outbox.body.messages).toEqual([expect.objectContaining({ key: 'out-1', text: 'x' })]);
        expect(
            (await api.get('/admin/v1/outbox?limit=0').set({ Authorization: `Bearer ${token}` })).status,
        ).toBe(400);
    });

    it('a delivery report under our key settles a message handed over before its answer was recorded', async () => {
        const { messages } = t.internals.repositories;
        const db = t.internals.database;
        const now = clock.fn();
        const key = 'welcome:report-first:0';
        const answer = (token: string, providerMessageId: string) =>
            messages.recordResults(
                db,
                [
                    {
                        key,
                        customerId,
                        kind: 'welcome',
                        channel: 'push',
                        traffic: 'service',
                        status: 'sent',
                        providerMessageId,
                        cost: 5,
                        segments: null,
                        failureReason: null,
                    },
                ],
                token,
                now,
            );
        await messages.claim(
            db,
            [
                {
                    messageKey: key,
                    customerId,
                    campaignId: null,
                    kind: 'welcome',
                    step: 0,
                    channel: 'push',
                    traffic: 'service',
                    verdict: JSON.stringify(send),
                    provider: 'chain-push',
                    attempts: 0,
                },
            ],
            'claim-a',
            now,
            new Date(now.getTime() + 300_000),
        );
        expect(await messages.handOver(db, [key], 'claim-a', now)).toEqual(new Set([key]));
        // No answer recorded (the sender died); the chain's gateway reports under our key.
        expect(await messages.applyStatus('chain-push', key, 'delivered', null, now)).toBe(1);
        expect(await messages.keyOf('chain-push', key)).toBe(key);
        // Another claim's answer changes nothing; the claim's own late answer adds the id and the cost.
        await answer('claim-b', 'gw-other');
        await answer('claim-a', 'gw-77');
        const [row] = await db.all<Record<string, unknown>>(
            'SELECT status, provider_message_id, cost, attempts FROM refill_messages WHERE message_key = ?',
            [key],
        );
        expect(row).toMatchObject({ status: 'delivered', provider_message_id: 'gw-77' });
        expect([Number(row.cost), Number(row.attempts)]).toEqual([5, 1]);
    });
});
