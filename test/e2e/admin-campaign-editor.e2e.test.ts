import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
    estimateAnswer,
    overviewAnswer,
    previewAnswer,
    testSendAnswer,
} from '../../plugin/api/campaign-editor/campaign-editor.schemas.js';
import { createApp } from '../helpers/create-app.js';
import { seedLapsedBuyers, testDesign } from '../helpers/campaign-fixtures.js';
import { engines } from '../helpers/test-database.js';
import { startTestRefill, TestClock, type TestRefill } from '../helpers/test-refill.js';

/** A gift design as the editor sends it (JSON: no dates). */
function giftDesign(over: Record<string, unknown> = {}) {
    return {
        ...testDesign({
            code: 'GIFT-C09',
            controlSharePct: 10,
            channels: ['sms'],
            offer: {
                kind: 'gift',
                giftAmount: 20000,
                minAmount: 50000,
                validDays: 14,
                bonusLifetimeDays: 30,
            },
        }),
        ...over,
    };
}

describe.each(engines)('campaign editor API on %s', (engine) => {
    let t: TestRefill;
    let api: ReturnType<typeof request>;
    let marketer: string;
    let analyst: string;
    let manager: string;
    const clock = new TestClock(new Date('2026-01-01T08:00:00.000Z'));
    const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
    const url = (path: string) => `/loyalty/admin/v1${path}`;

    beforeAll(async () => {
        t = await startTestRefill(engine, 'admin_campaign_editor', { clock: clock.fn });
        api = request(createApp(t.refill, '/loyalty'));
        const tokens = t.internals.services.adminTokens;
        marketer = await tokens.create('crm', 'marketer', 'test');
        analyst = await tokens.create('numbers', 'analyst', 'test');
        manager = await tokens.create('store-manager', 'manager', 'test');
        await seedLapsedBuyers(t, clock);
    });
    afterAll(async () => t?.close());

    it('refuses a bad design with field paths, an unknown category at its field, and the analyst', async () => {
        const bad = await api
            .post(url('/campaigns/estimate'))
            .set(auth(marketer))
            .send({ ...giftDesign(), channels: ['pigeon'], controlSharePct: 80, offer: { kind: 'gift' } });
        expect(bad.status).toBe(400);
        expect(bad.body.error.code).toBe('REFILL_VALIDATION');
        expect(bad.body.error.details.map((d: { path: string }) => d.path)).toEqual(
            expect.arrayContaining(['channels[0]', 'controlSharePct', 'offer.giftAmount']),
        );
        const unknown = await api
            .post(url('/campaigns/estimate'))
            .set(auth(marketer))
            .send(giftDesign({ categoryCode: 'NOPE' }));
        expect(unknown.status).toBe(400);
        expect(unknown.body.error.details[0].path).toBe('categoryCode');
        const byAnalyst = await api.post(url('/campaigns/estimate')).set(auth(analyst)).send(giftDesign());
        expect(byAnalyst.status).toBe(403);
        const noDesign = await api
            .post(url('/campaigns/preview-message'))
            .set(auth(marketer))
            .send({ channel: 'sms' });
        expect(noDesign.status).toBe(400);
        expect(noDesign.body.error.details[0].path).toBe('design');
    });

    it('estimates an unsaved design: segment, reach, size, MDE, forecast and bill; writes nothing', async () => {
        const at10 = await api
            .post(url('/campaigns/estimate'))
            .set(auth(manager))
            .send(giftDesign({ expected: { conversionPct: 10, upliftPct: 5 } }));
        expect(at10.status).toBe(200);
        expect(estimateAnswer.validate(at10.body).error).toBeUndefined();
        const e = at10.body.estimate;
        expect(e.dryRun).toMatchObject({ eligible: 40, reachable: { sms: 40 }, firstReachable: { sms: 40 } });
        expect(e.dryRun.exclusions.within_rhythm).toBe(1);
        // The test card and the card without SMS consent are left out for their own reasons.
        expect(Object.keys(e.dryRun.exclusions).length).toBeGreaterThanOrEqual(2);
        expect(e.dryRun.sampleCustomerIds).toBeUndefined();
        expect(e.plannedSize.total).toBeGreaterThanOrEqual(40);
        expect(e.mde.absolute).toBeGreaterThan(0);
        expect(e.forecast).toMatchObject({ basis: 'prior' });
        expect(e.steps).toEqual([
            expect.objectContaining({ channel: 'sms', costPerMessage: expect.any(Number) }),
        ]);
        expect(e.testMembers).toBe(Math.round(e.plannedSize.total * 0.9));
        const [sms] = e.bill.messages;
        expect(sms.messages).toBe(e.testMembers);
        expect(sms.cost).toBe(sms.messages * e.steps[0].costPerMessage);
        expect(e.bonusPerConverter).toBe(20000);
        expect(e.bill.bonusCost.neutral).toBe(e.bill.converters.neutral * 20000);
        expect(e.bill.total.neutral).toBe(e.bill.messageCost + e.bill.bonusCost.neutral);
        expect(e.bill.total.pessimistic).toBeLessThanOrEqual(e.bill.total.optimistic);
        expect(e.units['bill.total.*']).toMatch(/minor/);

        const at30 = (
            await api
                .post(url('/campaigns/estimate'))
                .set(auth(marketer))
                .send(giftDesign({ controlSharePct: 30, expected: { conversionPct: 10, upliftPct: 5 } }))
        ).body.estimate;
        expect(at30.mde.absolute).toBeLessThan(e.mde.absolute);
        expect(at30.testMembers).toBeLessThan(e.testMembers);
        expect(at30.bill.total.neutral).toBeLessThan(e.bill.total.neutral);

        const list = await api.get(url('/campaigns')).set(auth(analyst));
        expect(list.body.campaigns).toEqual([]);
        const [{ n }] = await t.internals.database.all<{ n: number }>(
            'SELECT COUNT(*) AS n FROM refill_campaign_members',
        );
        expect(Number(n)).toBe(0);
    });

    it('previews a step’s message for a customer of today’s segment or a card typed in', async () => {
        const fromSegment = await api
            .post(url('/campaigns/preview-message'))
            .set(auth(marketer))
            .send({ design: giftDesign(), channel: 'sms' });
        expect(fromSegment.status).toBe(200);
        expect(previewAnswer.validate(fromSegment.body).error).toBeUndefined();
        const p = fromSegment.body.preview;
        expect(p).toMatchObject({ source: 'segment', channel: 'sms', reachable: true });
        expect(p.customer.card).toMatch(/^\*{4}\d{4}$/);
        expect(p.text.length).toBeGreaterThan(10);
        expect(p.sms.segments).toBeGreaterThanOrEqual(1);
        const byCard = await api
            .post(url('/campaigns/preview-message'))
            .set(auth(marketer))
            .send({ design: giftDesign(), channel: 'email', card: '8000003' });
        expect(byCard.status).toBe(200);
        expect(byCard.body.preview).toMatchObject({
            source: 'card',
            customer: { card: '****0003' },
            reachable: false,
        });
        expect(byCard.body.preview.subject).toEqual(expect.any(String));
        const nobody = await api
            .post(url('/campaigns/preview-message'))
            .set(auth(marketer))
            .send({ design: giftDesign(), channel: 'sms', card: '999999' });
        expect(nobody.status).toBe(404);
        expect(nobody.body.error.code).toBe('REFILL_CUSTOMER_NOT_FOUND');
    });

    it('sends a test only to a saved campaign’s test card; audited', async () => {
        const created = await api.post(url('/campaigns')).set(auth(marketer)).send(giftDesign());
        expect(created.status).toBe(201);
        const id = created.body.campaign.id as number;
        const refused = await api
            .post(url(`/campaigns/${id}/test-send`))
            .set(auth(marketer))
            .send({ channel: 'sms', card: '8000002' });
        expect(refused.status).toBe(422);
        expect(refused.body.error.details[0].path).toBe('card');
        await api
            .put(url(`/campaigns/${id}/test-cards`))
            .set(auth(marketer))
            .send({ cards: ['8000002'] });
        const byAnalyst = await api
            .post(url(`/campaigns/${id}/test-send`))
            .set(auth(analyst))
            .send({ channel: 'sms', card: '8000002' });
        expect(byAnalyst.status).toBe(403);
        const bad = await api
            .post(url(`/campaigns/${id}/test-send`))
            .set(auth(marketer))
            .send({ channel: 'fax' });
        expect(bad.status).toBe(400);
        expect(bad.body.error.details.map((d: { path: string }) => d.path)).toEqual(
            expect.arrayContaining(['channel', 'card']),
        );
        const sent = await api
            .post(url(`/campaigns/${id}/test-send`))
            .set(auth(marketer))
            .send({ channel: 'sms', card: '8000002' });
        expect(sent.status).toBe(200);
        expect(testSendAnswer.validate(sent.body).error).toBeUndefined();
        expect(sent.body.providerMessageId).toEqual(expect.any(String));
        const outbox = await t.internals.services.outbox.list({ channel: 'sms' });
        expect(outbox.some((m) => m.text === sent.body.preview.text)).toBe(true);
        const audit = await t.internals.database.all<{ actor: string; details: string }>(
            `SELECT actor, details FROM refill_audit_log WHERE action = 'campaign.test_send'`,
        );
        expect(audit).toHaveLength(1);
        expect(audit[0].actor).toBe('token:crm');
        expect(audit[0].details).toContain('****0002');
        expect(audit[0].details).not.toContain('8000002');
    });

    it('lists campaigns with status, members, uplift and ROMI without a report per request', async () => {
        const { campaigns, campaignSelection: selection } = t.internals.services;
        const live = await campaigns.create(
            giftDesign({ code: 'LIVE-C09', controlSharePct: 50 }) as never,
            'crm',
        );
        await campaigns.launch(live.id, 'crm');
        const day = selection.localDay(clock.fn());
        for (const part of await selection.plan()) await selection.runPart(live.id, day, part);
        let answer = await api.get(url('/campaigns/overview')).set(auth(analyst));
        for (let i = 0; i < 40 && answer.body.pending > 0; i++) {
            await new Promise((resolve) => setTimeout(resolve, 100));
            answer = await api.get(url('/campaigns/overview')).set(auth(analyst));
        }
        expect(answer.status).toBe(200);
        expect(answer.body.pending).toBe(0);
        expect(overviewAnswer.validate(answer.body).error).toBeUndefined();
        const byCode = Object.fromEntries(
            answer.body.campaigns.map((c: { code: string }) => [c.code, c]),
        ) as Record<string, { status: string; members: number | null; figuresAt: string | null }>;
        expect(byCode['GIFT-C09']).toMatchObject({ status: 'draft', members: 0, figuresAt: null });
        expect(byCode['LIVE-C09']).toMatchObject({ status: 'active', members: 40 });
        expect(byCode['LIVE-C09'].figuresAt).toEqual(expect.any(String));
        const single = await api.get(url(`/campaigns/${live.id}`)).set(auth(analyst));
        expect(single.status).toBe(200);
    });
});
