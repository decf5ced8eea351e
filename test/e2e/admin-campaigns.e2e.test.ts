import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../helpers/create-app.js';
import { engines } from '../helpers/test-database.js';
import { startTestRefill, TestClock, type TestRefill } from '../helpers/test-refill.js';

describe.each(engines)('admin campaign API on %s', (engine) => {
    let t: TestRefill;
    let api: ReturnType<typeof request>;
    let marketer: string;
    let manager: string;
    let admin: string;
    const clock = new TestClock(new Date('2026-02-01T08:00:00.000Z'));
    const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

    beforeAll(async () => {
        t = await startTestRefill(engine, 'admin_campaigns', { clock: clock.fn });
        api = request(createApp(t.refill, '/loyalty'));
        const tokens = t.internals.services.adminTokens;
        marketer = await tokens.create('crm', 'marketer', 'test');
        manager = await tokens.create('store-manager', 'manager', 'test');
        admin = await tokens.create('ops', 'admin', 'test');
    });
    afterAll(async () => t?.close());

    it('refuses requests without a valid token or session', async () => {
        expect((await api.get('/loyalty/admin/v1/campaigns')).status).toBe(401);
        const bad = await api.get('/loyalty/admin/v1/campaigns').set(auth('rfa_nope'));
        expect(bad.status).toBe(401);
        expect(bad.body.error.code).toBe('REFILL_UNAUTHORIZED');
    });

    it('defines a chronic category by ATC prefix and shows its reach; audited', async () => {
        const put = await api
            .put('/loyalty/admin/v1/categories/C10')
            .set(auth(marketer))
            .send({
                name: 'Statins',
                atcPrefixes: ['C10AA'],
                refillIntervalDays: 30,
                lapseAfterDays: 45,
                minPurchases: 3,
                seasonalMonths: [8],
                marginPct: 28,
            });
        expect(put.status).toBe(200);
        expect(put.body.category).toMatchObject({
            code: 'C10',
            chronic: true,
            atcPrefixes: ['C10AA'],
            seasonalMonths: [8],
            marginPct: 28,
        });
        expect(put.body.category.reach).toEqual({ buyers: 0, revenue: 0, lapsedBuyers: 0 });
        const bad = await api
            .put('/loyalty/admin/v1/categories/C10')
            .set(auth(marketer))
            .send({ name: 'x', seasonalMonths: [13] });
        expect(bad.status).toBe(400);
        expect(bad.body.error.details[0].path).toBe('seasonalMonths[0]');
        const list = await api.get('/loyalty/admin/v1/categories').set(auth(manager));
        expect(list.body.categories.map((c: { code: string }) => c.code)).toContain('C10');
        const [audit] = await t.internals.database.all<{ actor: string }>(
            `SELECT actor FROM refill_audit_log WHERE action = 'category.upsert'`,
        );
        expect(audit.actor).toBe('token:crm');
    });

    it('validates a campaign with field paths and writes nothing on bad input', async () => {
        const bad = await api
            .post('/loyalty/admin/v1/campaigns')
            .set(auth(marketer))
            .send({
                code: 'X',
                name: 'x',
                categoryCode: 'C09',
                channels: ['pigeon'],
                offer: { kind: 'gift', multiplier: 3 },
            });
        expect(bad.status).toBe(400);
        const paths = bad.body.error.details.map((d: { path: string }) => d.path);
        expect(paths).toEqual(
            expect.arrayContaining(['channels[0]', 'offer.multiplier', 'offer.giftAmount']),
        );
        const unknownCategory = await api
            .post('/loyalty/admin/v1/campaigns')
            .set(auth(marketer))
            .send({
                code: 'X',
                name: 'x',
                categoryCode: 'NOPE',
                channels: ['sms'],
                offer: { kind: 'multiplier', multiplier: 3 },
            });
        expect(unknownCategory.status).toBe(400);
        expect(unknownCategory.body.error.details[0].path).toBe('categoryCode');
        expect((await api.get('/loyalty/admin/v1/campaigns').set(auth(manager))).body.campaigns).toEqual([]);
    });

    it('runs the lifecycle with roles, frozen design after launch, and an audit entry per change', async () => {
        const created = await api
            .post('/loyalty/admin/v1/campaigns')
            .set(auth(marketer))
            .send({
                code: 'WB-C09',
                name: 'Win back C09',
                categoryCode: 'C09',
                channels: ['sms', 'email'],
                offer: { kind: 'gift', giftAmount: 30000, minAmount: 100000, validDays: 10 },
                expected: { conversionPct: 10, upliftPct: 5 },
            });
        expect(created.status).toBe(201);
        const c = created.body.campaign;
        expect(c).toMatchObject({
            status: 'draft',
            controlSharePct: 10,
            settlementLagDays: 7,
            cooldownDays: 60,
            runHour: 7,
        });
        expect(c.hash.salt).toMatch(/^[0-9a-f]{24}$/);
        const base = `/loyalty/admin/v1/campaigns/${c.id}`;
        expect((await api.post(`${base}/launch`).set(auth(manager))).status).toBe(403);
        const zero = await api.patch(base).set(auth(marketer)).send({ controlSharePct: 0 });
        expect(zero.status).toBe(200);
        const refused = await api.post(`${base}/launch`).set(auth(marketer));
        expect(refused.status).toBe(422);
        expect(refused.body.error.details[0].path).toBe('controlSharePct');
        await api.patch(base).set(auth(marketer)).send({ controlSharePct: 10 });
        const launched = await api.post(`${base}/launch`).set(auth(marketer));
        expect(launched.body.campaign.status).toBe('active');
        const frozen = await api.patch(base).set(auth(marketer)).send({ controlSharePct: 20, name: 'New' });
        expect(frozen.status).toBe(409);
        expect(frozen.body.error.details.map((d: { path: string }) => d.path)).toEqual(['controlSharePct']);
        expect(
            (await api.patch(base).set(auth(marketer)).send({ dailyCap: 500 })).body.campaign.dailyCap,
        ).toBe(500);
        expect((await api.post(`${base}/resume`).set(auth(marketer))).status).toBe(409);
        expect((await api.post(`${base}/pause`).set(auth(marketer))).body.campaign.status).toBe('paused');
        expect((await api.post(`${base}/resume`).set(auth(marketer))).body.campaign.status).toBe('active');
        const actions = await t.internals.database.all<{ action: string }>(
            `SELECT action FROM refill_audit_log WHERE entity_type = 'campaign' ORDER BY id`,
        );
        expect(actions.map((a) => a.action)).toEqual([
            'campaign.create',
            'campaign.update',
            'campaign.update',
            'campaign.launch',
            'campaign.update',
            'campaign.pause',
            'campaign.resume',
        ]);
    });

    it('dry-runs, plans with a minimum detectable effect and forecast, and reports as JSON and CSV', async () => {
        const [c] = (await api.get('/loyalty/admin/v1/campaigns').set(auth(manager))).body.campaigns;
        const base = `/loyalty/admin/v1/campaigns/${c.id}`;
        const dry = await api.post(`${base}/dry-run`).set(auth(marketer));
        expect(dry.status).toBe(200);
        expect(dry.body.dryRun).toMatchObject({ dryRun: true, candidates: 0, eligible: 0 });
        const plan = await api.get(`${base}/plan`).set(auth(manager));
        expect(plan.body.plan.forecast).toMatchObject({ basis: 'prior' });
        const report = await api.get(`${base}/report`).set(auth(manager));
        expect(report.status).toBe(200);
        expect(report.body.report.sample).toMatchObject({ test: 0, control: 0 });
        expect(report.body.report.results.conversion).toBeNull();
        const csv = await api.get(`${base}/report?format=csv`).set(auth(manager));
        expect(csv.headers['content-type']).toMatch(/text\/csv/);
        expect(csv.text.split('\n')[0]).toBe('section,metric,label,value,unit,ci_low,ci_high,p_value');
        expect(csv.text).toMatch(/results,conversion,not measurable yet/);
        expect((await api.get('/loyalty/admin/v1/campaigns/999').set(auth(manager))).status).toBe(404);
        expect((await api.get('/loyalty/admin/v1/campaigns/abc').set(auth(manager))).status).toBe(400);
    });

    it('lets admins issue and revoke tokens and mark employee cards', async () => {
        expect(
            (
                await api
                    .post('/loyalty/admin/v1/tokens')
                    .set(auth(marketer))
                    .send({ name: 'x', role: 'admin' })
            ).status,
        ).toBe(403);
        const issued = await api
            .post('/loyalty/admin/v1/tokens')
            .set(auth(admin))
            .send({ name: 'bi', role: 'manager' });
        expect(issued.status).toBe(201);
        expect((await api.get('/loyalty/admin/v1/campaigns').set(auth(issued.body.token))).status).toBe(200);
        expect((await api.delete('/loyalty/admin/v1/tokens/bi').set(auth(admin))).status).toBe(204);
        expect((await api.get('/loyalty/admin/v1/campaigns').set(auth(issued.body.token))).status).toBe(401);
        await t.internals.services.customers.upsert('5550001', {}, { source: 'test', storeId: null });
        const kind = await api
            .put('/loyalty/admin/v1/customers/5550001/card-kind')
            .set(auth(manager))
            .send({ cardKind: 'employee' });
        expect(kind.status).toBe(200);
        const missing = await api
            .put('/loyalty/admin/v1/customers/5550999/card-kind')
            .set(auth(manager))
            .send({ cardKind: 'test' });
        expect(missing.status).toBe(404);
    });
});
