import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buyC09, seedLapsedBuyers, testDesign } from '../helpers/campaign-fixtures.js';
import { createApp } from '../helpers/create-app.js';
import { engines } from '../helpers/test-database.js';
import { startTestRefill, TestClock, type TestRefill } from '../helpers/test-refill.js';

/*
 * The campaign report and the member list as a marketer, a store manager and
 * an admin reach them over HTTP: 40 lapsed C09 buyers assigned on one day,
 * two of them back with a purchase, the report read once every window closed.
 */
describe.each(engines)('campaign report and members over the admin API on %s', (engine) => {
    let t: TestRefill;
    let api: ReturnType<typeof request>;
    let marketer: string;
    let manager: string;
    let base: string;
    /** A test member and a control member who came back with a purchase. */
    const buyer = { test: '', control: '' };
    const clock = new TestClock(new Date('2026-01-01T08:00:00.000Z'));
    const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

    beforeAll(async () => {
        t = await startTestRefill(engine, 'admin_campaign_report', { clock: clock.fn });
        api = request(createApp(t.refill, '/loyalty'));
        marketer = await t.internals.services.adminTokens.create('crm', 'marketer', 'test');
        manager = await t.internals.services.adminTokens.create('store-manager', 'manager', 'test');
        await seedLapsedBuyers(t, clock);
        const { campaigns, campaignSelection: selection } = t.internals.services;
        const c = await campaigns.create(testDesign(), 'marketer');
        await campaigns.launch(c.id, 'marketer');
        const day = selection.localDay(clock.fn());
        for (const part of await selection.plan()) await selection.runPart(c.id, day, part);
        const groups = await t.internals.database.all<{
            card_number: string;
            group_name: 'test' | 'control';
        }>(
            `SELECT c.card_number, m.group_name FROM refill_campaign_members m JOIN refill_customers c ON c.id = m.customer_id
             WHERE m.campaign_id = ? ORDER BY c.card_number`,
            [c.id],
        );
        for (const g of ['test', 'control'] as const)
            buyer[g] = groups.find((m) => m.group_name === g)!.card_number;
        clock.advanceDays(2);
        await buyC09(t, clock, buyer.test, 'R-back-test');
        await buyC09(t, clock, buyer.control, 'R-back-control');
        clock.advanceDays(20);
        base = `/loyalty/admin/v1/campaigns/${c.id}`;
    }, 60_000);
    afterAll(async () => t?.close());

    const csvRows = async (path: string, token: string) => {
        const res = await api.get(path).set(auth(token));
        expect(res.status).toBe(200);
        expect(res.headers['content-type']).toMatch(/text\/csv/);
        return parse(res.text, { columns: true }) as Array<Record<string, string>>;
    };

    it('the CSV report labels every figure with its unit (no unlabelled χ²)', async () => {
        const res = await api.get(`${base}/report?format=csv`).set(auth(manager));
        expect(res.text.split('\n')[0]).toBe('section,metric,label,value,unit,ci_low,ci_high,p_value');
        const rows = await csvRows(`${base}/report?format=csv`, manager);
        const figures = rows.filter((r) => r.value !== '' || r.ci_low !== '');
        expect(figures.length).toBeGreaterThan(50);
        expect(figures.filter((r) => r.unit === '')).toEqual([]);
        const srm = rows.find((r) => r.section === 'health' && r.metric === 'srm chi-squared')!;
        expect(srm.unit).toMatch(/χ² statistic, 1 degree of freedom/);
        expect(rows.find((r) => r.metric === 'bonus cost')!.unit).toMatch(/minor currency units/);
        const json = (await api.get(`${base}/report`).set(auth(manager))).body.report;
        expect(json.units['health.srm.chiSquared']).toMatch(/χ²/);
    });

    it('the CSV report carries the design (window, offer, control share, dates) and iROAS', async () => {
        const rows = await csvRows(`${base}/report?format=csv`, manager);
        const find = (section: string, metric: string, label?: string) =>
            rows.find((r) => r.section === section && r.metric === metric && (!label || r.label === label));
        expect(find('design', 'control share')).toMatchObject({ value: '50', unit: 'percent (28 = 28%)' });
        expect(find('design', 'window', 'offer validity')!.value).toBe('14');
        expect(find('design', 'window', 'settlement lag')!.value).toBe('3');
        expect(find('design', 'window', 'total')).toMatchObject({ value: '17', unit: 'days' });
        expect(find('design', 'offer', 'multiplier')!.value).toBe('5');
        expect(find('design', 'offer', 'bonus lifetime')!.value).toBe('30');
        expect(find('design', 'launchedAt')!.label).toBe('2026-09-08T08:00:00.000Z');
        expect(find('design', 'firstAssignmentDay')!.label).toBe('2026-09-08');
        expect(find('design', 'margin used')).toMatchObject({ label: 'from the campaign', value: '0.3' });
        const report = (await api.get(`${base}/report`).set(auth(manager))).body.report;
        expect(find('money', 'iROAS')!.value).toBe(String(Number(report.money.iroas.toPrecision(8))));
        expect(find('money', 'iROAS')!.unit).toMatch(/not ROMI/);
    });

    it('the member list is paginated with masked cards; its CSV export (whole cards) is for admins and marketers, and audited', async () => {
        const first = await api.get(`${base}/members?page=1&pageSize=15`).set(auth(manager));
        expect(first.status).toBe(200);
        expect(first.body).toMatchObject({ page: 1, pageSize: 15, total: 40 });
        expect(first.body.members).toHaveLength(15);
        const last = await api.get(`${base}/members?page=3&pageSize=15`).set(auth(manager));
        expect(last.body.members).toHaveLength(10);
        const cards = [...first.body.members, ...last.body.members].map((m: { card: string }) => m.card);
        expect(cards.every((card: string) => /^\*{4}\d{4}$/.test(card))).toBe(true);
        expect(JSON.stringify(first.body)).not.toMatch(/70000\d\d/);

        const one = await api.get(`${base}/members?card=${buyer.test}`).set(auth(manager));
        expect(one.body.total).toBe(1);
        const [member] = one.body.members;
        expect(member).toMatchObject({
            card: `****${buyer.test.slice(-4)}`,
            group: 'test',
            mature: true,
            converted: true,
            revenueInWindow: 45000,
            offerUsed: true,
        });
        const control = (await api.get(`${base}/members?card=${buyer.control}`).set(auth(manager))).body;
        expect(control.members[0]).toMatchObject({ group: 'control', converted: true, offerUsed: null });
        expect(member.assignmentDay).toBe('2026-09-08');

        const bad = await api.get(`${base}/members?pageSize=1000&group=vip`).set(auth(manager));
        expect(bad.status).toBe(400);
        expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
            'group',
            'pageSize',
        ]);
        expect((await api.get('/loyalty/admin/v1/campaigns/999/members').set(auth(manager))).status).toBe(
            404,
        );

        expect((await api.get(`${base}/members/export`).set(auth(manager))).status).toBe(403);
        const exported = await api.get(`${base}/members/export`).set(auth(marketer));
        expect(exported.headers['content-disposition']).toMatch(/campaign-WINBACK-C09-members\.csv/);
        const rows = parse(exported.text, { columns: true }) as Array<Record<string, string>>;
        expect(exported.text.split('\n')[0]).toBe(
            'card,group,assignment_day,assigned_at_utc,window_ends_at_utc,mature,converted,revenue_in_window_minor_units,offer_used',
        );
        expect(rows).toHaveLength(40);
        expect(rows.find((r) => r.card === buyer.control)).toMatchObject({
            converted: 'true',
            revenue_in_window_minor_units: '45000',
        });
        expect(rows.filter((r) => r.group === 'control').every((r) => r.offer_used === '')).toBe(true);
        const testOnly = await csvRows(`${base}/members/export?group=test`, marketer);
        expect(testOnly.every((r) => r.group === 'test')).toBe(true);

        const audit = await t.internals.database.all<{ actor: string; entity_id: string; details: string }>(
            `SELECT actor, entity_id, details FROM refill_audit_log WHERE action = 'campaign.members.export' ORDER BY id`,
        );
        expect(audit.map((a) => a.actor)).toEqual(['token:crm', 'token:crm']);
        expect(JSON.parse(audit[0].details)).toMatchObject({ rows: 40, group: 'all', cards: 'whole' });
        expect(JSON.parse(audit[1].details)).toMatchObject({ rows: testOnly.length, group: 'test' });
    });
});
