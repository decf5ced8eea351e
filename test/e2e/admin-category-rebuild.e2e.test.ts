import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../plugin/cli/main.js';
import { createApp } from '../helpers/create-app.js';
import { statinHistory } from '../helpers/statin-history.js';
import { engines } from '../helpers/test-database.js';
import { startTestRefill, TestClock, type TestRefill } from '../helpers/test-refill.js';

describe.each(engines)('category rebuilds through the admin API and the CLI on %s', (engine) => {
    let t: TestRefill;
    let api: ReturnType<typeof request>;
    let marketer: string;
    let manager: string;
    // The category changes an hour before the operator runs its rebuild (real time, in the CLI).
    const clock = new TestClock(new Date(Date.now() - 3_600_000));
    const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
    const base = '/loyalty/admin/v1';
    async function cli(...args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
        const out: string[] = [];
        const err: string[] = [];
        const code = await runCli(['--database-url', t.db.url, ...args], {
            out: (l) => out.push(l),
            err: (l) => err.push(l),
        });
        return { code, out, err };
    }

    beforeAll(async () => {
        t = await startTestRefill(engine, 'category_rebuild_api', { clock: clock.fn });
        api = request(createApp(t.refill, '/loyalty'));
        marketer = await t.internals.services.adminTokens.create('crm', 'marketer', 'test');
        manager = await t.internals.services.adminTokens.create('store-manager', 'manager', 'test');
        await t.internals.services.history.importRecords(statinHistory(clock.fn()));
    });
    afterAll(async () => t?.close());

    it('shows a category rebuild’s progress and runs it from the CLI; the dry run says the category is rebuilding', async () => {
        const put = await api
            .put(`${base}/categories/C10`)
            .set(auth(marketer))
            .send({
                name: 'Statins',
                atcPrefixes: ['C10'],
                refillIntervalDays: 30,
                lapseAfterDays: 45,
                minPurchases: 3,
            });
        expect(put.status).toBe(200);
        expect(put.body.category.rebuild).toMatchObject({ category: 'C10', state: 'queued', phase: 'remap' });
        const progress = await api.get(`${base}/categories/C10/rebuild`).set(auth(manager));
        expect(progress.status).toBe(200);
        expect(progress.body.rebuild).toMatchObject({ state: 'queued', done: 0 });
        const unknown = await api.get(`${base}/categories/NOPE/rebuild`).set(auth(manager));
        expect(unknown.status).toBe(404);
        expect(unknown.body.error.code).toBe('REFILL_NOT_FOUND');
        expect((await api.post(`${base}/categories/C10/rebuild`).set(auth(manager))).status).toBe(403);

        const campaign = await api
            .post(`${base}/campaigns`)
            .set(auth(marketer))
            .send({
                code: 'WB-C10',
                name: 'Win back statins',
                categoryCode: 'C10',
                channels: ['sms'],
                offer: { kind: 'multiplier', multiplier: 3, validDays: 14, bonusLifetimeDays: 30 },
            });
        expect(campaign.status).toBe(201);
        const dryRun = `${base}/campaigns/${campaign.body.campaign.id}/dry-run`;
        const during = await api.post(dryRun).set(auth(marketer));
        expect(during.body.dryRun).toMatchObject({ rebuilding: { state: 'queued', done: 0 } });
        expect(during.body.dryRun.warnings).toEqual([expect.stringContaining('being rebuilt')]);

        const run = await cli('categories', 'rebuild', 'C10', '--wait', '--actor', 'olga');
        expect(run.err).toEqual([]);
        expect(run.code).toBe(0);
        expect(run.out.at(-1)).toMatch(/^C10 +done +phase done +(\d+)\/\1 \(100%\)/);

        const done = await api.get(`${base}/categories/C10/rebuild`).set(auth(manager));
        expect(done.body.rebuild).toMatchObject({ state: 'done', error: null });
        const after = await api.post(dryRun).set(auth(marketer));
        expect(after.body.dryRun.rebuilding).toBeUndefined();
        expect(after.body.dryRun.eligible).toBe(17);
        const list = await api.get(`${base}/categories`).set(auth(manager));
        const c10 = list.body.categories.find((c: { code: string }) => c.code === 'C10');
        expect(c10.reach).toMatchObject({ buyers: 30, lapsedBuyers: 17 });

        const again = await api.post(`${base}/categories/C10/rebuild`).set(auth(marketer));
        expect(again.status).toBe(202);
        expect(again.body.rebuild).toMatchObject({ state: 'queued', done: 0 });
        const status = await cli('categories', 'status');
        expect(status.out.find((l) => l.startsWith('C10 '))).toMatch(/queued/);
        const audit = await t.internals.database.all<{ actor: string }>(
            `SELECT actor FROM refill_audit_log WHERE action = 'category.rebuild' ORDER BY id`,
        );
        expect(audit.map((a) => a.actor)).toEqual(['olga', 'token:crm']);
    });
});
