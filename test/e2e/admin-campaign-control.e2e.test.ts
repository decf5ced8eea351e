import { Ajv2020 } from 'ajv/dist/2020.js';
import { DateTime } from 'luxon';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedLapsedBuyers, testDesign } from '../helpers/campaign-fixtures.js';
import { createApp } from '../helpers/create-app.js';
import { engines } from '../helpers/test-database.js';
import { startTestRefill, TestClock, type TestRefill } from '../helpers/test-refill.js';

/**
 * The campaign page's own routes: the review of a run the guard holds (size,
 * canary, estimated bill, the first recipients' messages) and the campaign's
 * timeline of audited steps, readable by every role; and the kill switch's
 * required reason.
 */
describe.each(engines)('campaign review and timeline on %s', (engine) => {
    let t: TestRefill;
    let api: ReturnType<typeof request>;
    let id: number;
    let day: string;
    let testGroup: number;
    const tokens: Record<'marketer' | 'admin' | 'analyst' | 'manager', string> = {
        marketer: '',
        admin: '',
        analyst: '',
        manager: '',
    };
    const clock = new TestClock(new Date('2026-01-01T08:00:00.000Z'));
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    const auth = (role: keyof typeof tokens) => ({ Authorization: `Bearer ${tokens[role]}` });
    /** The answer matches the admin OpenAPI document's schema of the operation. */
    const conforms = (path: string, body: unknown) => {
        const pointer = `/paths/${path.replace(/\//g, '~1')}/get/responses/200/content/application~1json/schema`;
        const validate = ajv.getSchema(`admin#${encodeURI(pointer)}`)!;
        expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
    };

    beforeAll(async () => {
        t = await startTestRefill(engine, 'admin_campaign_control', {
            clock: clock.fn,
            messaging: {
                costs: { sms: 250, email: 10 },
                guard: { maxRecipients: 5, canaryPct: 10, canaryMin: 3 },
            },
        });
        api = request(createApp(t.refill));
        await seedLapsedBuyers(t, clock, 30);
        const { adminTokens, adminAuth } = t.internals.services;
        for (const role of ['marketer', 'admin', 'analyst', 'manager'] as const) {
            await adminAuth.createUser(`${role}-person`, 'correct horse battery', role, 'test');
            tokens[role] = await adminTokens.create(`${role}-token`, role, 'test', `${role}-person`);
        }
        ajv.addSchema({ ...(await api.get('/admin/v1/openapi.json').expect(200)).body, $id: 'admin' });
        const created = await api
            .post('/admin/v1/campaigns')
            .set(auth('marketer'))
            .send({ ...testDesign({ channels: ['sms'] }), startsAt: undefined, endsAt: undefined });
        expect(created.status).toBe(201);
        id = created.body.campaign.id as number;
        expect((await api.post(`/admin/v1/campaigns/${id}/launch`).set(auth('marketer'))).status).toBe(200);
        const { campaignSelection, sendGuard } = t.internals.services;
        day = DateTime.fromJSDate(clock.now, { zone: 'Europe/Moscow' }).toISODate() as string;
        const [part] = await campaignSelection.plan();
        testGroup = (await campaignSelection.runPart(id, day, part)).assigned.test;
        expect(await sendGuard.tick()).toMatchObject({ awaitingApproval: 1 });
    });
    afterAll(async () => t?.close());

    it('shows the approver what they approve: size, canary, bill and the first messages', async () => {
        const res = await api.get(`/admin/v1/campaigns/${id}/sends/${day}/review`).set(auth('analyst'));
        expect(res.status, res.text).toBe(200);
        conforms('/campaigns/{id}/sends/{day}/review', res.body);
        const review = res.body.review;
        expect(review).toMatchObject({
            runDay: day,
            status: 'awaiting_approval',
            recipients: testGroup,
            canarySize: 0,
            plannedCanary: Math.max(3, Math.ceil(testGroup * 0.1)),
            launchedBy: 'marketer-person',
        });
        expect(review.previews).toHaveLength(5);
        for (const p of review.previews) {
            expect(p.card).toMatch(/^\*{4}\d{4}$/);
            expect(p.channel).toBe('sms');
            expect(p.text.length).toBeGreaterThan(10);
            expect(p.segments).toBeGreaterThanOrEqual(1);
            expect(p.cost).toBe(250 * p.segments);
        }
        // Every sampled recipient has SMS: the bill is each one's segments × 250, over the whole run.
        expect(review.bill.sampled).toBe(testGroup);
        expect(review.bill.unreachable).toBe(0);
        expect(review.bill.channels).toEqual([
            { channel: 'sms', messages: testGroup, cost: review.bill.messageCost },
        ]);
        expect(review.bill.messageCost).toBeGreaterThanOrEqual(250 * testGroup);
    });

    it('answers 404 for an unknown run, 400 for a bad day', async () => {
        const none = await api.get(`/admin/v1/campaigns/${id}/sends/2020-01-01/review`).set(auth('admin'));
        expect(none.status).toBe(404);
        expect(none.body.error.code).toBe('REFILL_NOT_FOUND');
        const bad = await api.get(`/admin/v1/campaigns/${id}/sends/yesterday/review`).set(auth('admin'));
        expect(bad.status).toBe(400);
        expect(bad.body.error.details[0].path).toBe('day');
    });

    it('records every step on the campaign’s timeline, the kill switch with its required reason', async () => {
        const approved = await api.post(`/admin/v1/campaigns/${id}/sends/${day}/approve`).set(auth('admin'));
        expect(approved.status).toBe(200);
        const noReason = await api
            .post(`/admin/v1/campaigns/${id}/sends/kill`)
            .set(auth('marketer'))
            .send({ reason: '  ' });
        expect(noReason.status).toBe(400);
        expect(noReason.body.error.details[0].path).toBe('reason');
        const killed = await api
            .post(`/admin/v1/campaigns/${id}/sends/kill`)
            .set(auth('marketer'))
            .send({ reason: 'Wrong segment' });
        expect(killed.status).toBe(200);

        // A marketer may not read the audit log, but reads the campaign's own steps.
        expect((await api.get('/admin/v1/audit').set(auth('marketer'))).status).toBe(403);
        const res = await api.get(`/admin/v1/campaigns/${id}/timeline`).set(auth('marketer'));
        expect(res.status, res.text).toBe(200);
        conforms('/campaigns/{id}/timeline', res.body);
        const steps = res.body.data as Array<{
            actor: string;
            action: string;
            details: Record<string, unknown>;
        }>;
        expect(steps.map((s) => [s.action, s.actor])).toEqual([
            ['campaign.sends.kill', 'marketer-person'],
            ['campaign.sends.approve', 'admin-person'],
            ['campaign.launch', 'marketer-person'],
            ['campaign.create', 'marketer-person'],
        ]);
        expect(steps[0].details).toMatchObject({ reason: 'Wrong segment' });
        expect(steps[1].details).toMatchObject({ runDay: day, recipients: testGroup });

        const paged = await api.get(`/admin/v1/campaigns/${id}/timeline?limit=3`).set(auth('manager'));
        expect(paged.body.data).toHaveLength(3);
        const rest = await api
            .get(`/admin/v1/campaigns/${id}/timeline`)
            .query({ limit: 3, cursor: paged.body.meta.pagination.nextCursor })
            .set(auth('manager'));
        expect(rest.body.data.map((s: { action: string }) => s.action)).toEqual(['campaign.create']);
        const unknown = await api.get('/admin/v1/campaigns/999/timeline').set(auth('analyst'));
        expect(unknown.status).toBe(404);
    });
});
