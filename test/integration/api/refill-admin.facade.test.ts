import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RefillError } from '../../../plugin/index.js';
import { createApp } from '../../helpers/create-app.js';
import { engines } from '../../helpers/test-database.js';
import { startTestRefill, type TestRefill } from '../../helpers/test-refill.js';

/** The actors of the audit entries an action left. */
async function auditActors(t: TestRefill, action: string): Promise<string[]> {
    const rows = await t.internals.database.all<{ actor: string }>(
        'SELECT actor FROM refill_audit_log WHERE action = ? ORDER BY id',
        [action],
    );
    return rows.map((r) => r.actor);
}

/** The error code a call fails with. */
async function codeOf(call: Promise<unknown>): Promise<string> {
    const error = await call.then(
        () => null,
        (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RefillError);
    return (error as RefillError).code;
}

describe.each(engines)('refill.admin on %s', (engine) => {
    let t: TestRefill;
    beforeAll(async () => {
        t = await startTestRefill(engine, 'admin_facade');
    });
    afterAll(async () => t?.close());

    it('adds and lists stores, audited as the host or the given actor', async () => {
        const { admin } = t.refill;
        const store = await admin.addStore({ code: 'S9', name: 'Pharmacy 9', timezone: 'Asia/Omsk' });
        expect(store).toMatchObject({ code: 'S9', name: 'Pharmacy 9', timezone: 'Asia/Omsk' });
        await admin.addStore({ code: 'S9', name: 'Pharmacy nine' }, 'ops-script');
        expect((await admin.listStores()).find((s) => s.code === 'S9')).toMatchObject({
            name: 'Pharmacy nine',
            timezone: null,
        });
        expect((await auditActors(t, 'store.upsert')).slice(-2)).toEqual(['host', 'ops-script']);
        expect(await codeOf(admin.addStore({ code: '', name: 'x' }))).toBe('REFILL_VALIDATION');
    });

    it('issues a POS key that the router accepts, lists it and revokes it', async () => {
        const { admin } = t.refill;
        const app = createApp(t.refill);
        const created = await admin.createPosKey({ storeCode: 'S9', label: 'till 1' });
        expect(created).toMatchObject({ storeCode: 'S9', key: expect.stringMatching(/^rfk_/) });
        const balance = () =>
            request(app)
                .get('/pos/v1/customers/5550001/balance')
                .set('Authorization', `Bearer ${created.key}`);
        expect((await balance()).status).not.toBe(401);
        expect((await admin.listPosKeys()).find((k) => k.id === created.id)).toMatchObject({
            storeCode: 'S9',
            label: 'till 1',
            revokedAt: null,
        });
        await admin.revokePosKey(created.id);
        expect((await balance()).status).toBe(401);
        expect(await codeOf(admin.createPosKey({ storeCode: 'NOPE' }))).toBe('REFILL_STORE_NOT_FOUND');
        expect(await codeOf(admin.revokePosKey(created.id))).toBe('REFILL_NOT_FOUND');
        expect(await codeOf(admin.revokePosKey(0))).toBe('REFILL_VALIDATION');
    });

    it('creates and lists admin users without their password hashes', async () => {
        const { admin } = t.refill;
        await admin.createAdminUser({
            username: ' Olga ',
            password: 'a long enough password',
            role: 'manager',
            displayName: 'Olga',
        });
        const users = await admin.listAdminUsers();
        expect(users.find((u) => u.username === 'olga')).toMatchObject({ role: 'manager', disabledAt: null });
        expect(users.every((u) => !('passwordHash' in u))).toBe(true);
        expect(
            await codeOf(admin.createAdminUser({ username: 'ivan', password: 'short', role: 'admin' })),
        ).toBe('REFILL_VALIDATION');
        expect(
            await codeOf(
                admin.createAdminUser({
                    username: 'olga',
                    password: 'a long enough password',
                    role: 'admin',
                }),
            ),
        ).toBe('REFILL_CONFLICT');
    });

    it('puts a category (margin in percent), lists it and reports its rebuild', async () => {
        const { admin } = t.refill;
        const category = await admin.putCategory('C10', {
            name: 'Lipid modifying agents',
            atcPrefixes: ['c10'],
            refillIntervalDays: 30,
            lapseAfterDays: 60,
            marginPct: 28.5,
        });
        expect(category).toMatchObject({ code: 'C10', chronic: true, atcPrefixes: ['C10'], marginPct: 28.5 });
        expect((await admin.listCategories({ reach: false })).map((c) => c.code)).toContain('C10');
        expect(await admin.categoryRebuildStatus('C10')).toMatchObject({ category: 'C10' });
        expect(await admin.rebuildCategory('C10')).toMatchObject({ category: 'C10' });
        expect(await codeOf(admin.putCategory('C11', { name: 'No rules' }))).toBe('REFILL_VALIDATION');
        expect(await codeOf(admin.categoryRebuildStatus('NOPE'))).toBe('REFILL_NOT_FOUND');
    });

    it('walks a campaign through its lifecycle with the API defaults and reports on it', async () => {
        const { admin } = t.refill;
        const draft = await admin.createCampaign({
            code: 'WB-C09',
            name: 'Win back',
            categoryCode: 'C09',
            offer: { kind: 'multiplier', multiplier: 3 },
            channels: ['sms'],
        });
        expect(draft).toMatchObject({ code: 'WB-C09', status: 'draft', controlSharePct: 10, lapseKPct: 150 });
        expect((await admin.listCampaigns()).map((c) => c.id)).toContain(draft.id);
        expect((await admin.launchCampaign(draft.id)).status).toBe('active');
        expect((await admin.pauseCampaign(draft.id)).status).toBe('paused');
        expect((await admin.resumeCampaign(draft.id)).status).toBe('active');
        expect((await admin.stopCampaign(draft.id, 'ops-script')).status).toBe('finished');
        expect((await admin.campaignReport(draft.id)).campaign).toMatchObject({ id: draft.id });
        expect(await auditActors(t, 'campaign.finish')).toEqual(['ops-script']);
        expect(
            await codeOf(admin.createCampaign({ code: 'X', name: 'x', categoryCode: 'C09' } as never)),
        ).toBe('REFILL_VALIDATION');
        expect(await codeOf(admin.pauseCampaign(draft.id))).toBe('REFILL_CONFLICT');
    });

    it('imports customers and past receipts from an iterable, once', async () => {
        const { admin } = t.refill;
        const records = [
            { type: 'customer' as const, cardNumber: '9100001', openingBalance: 5000 },
            {
                type: 'receipt' as const,
                receiptId: 'OLD-1',
                cardNumber: '9100001',
                storeCode: 'S1',
                purchasedAt: new Date('2026-01-10T10:00:00Z'),
                lines: [{ sku: 'LOSARTAN-50', name: 'Losartan', quantity: 1, amount: 45000 }],
            },
        ];
        expect(await admin.importHistory(records)).toMatchObject({
            customersImported: 1,
            receiptsImported: 1,
            rejected: 0,
        });
        expect(await admin.importHistory(records)).toMatchObject({ receiptsImported: 0, receiptsSkipped: 1 });
        expect(await t.refill.hooks.balance('9100001')).toMatchObject({ available: 5000 });
    });

    it('lists, runs, pauses and resumes jobs', async () => {
        const { admin } = t.refill;
        const jobs = await admin.listJobs();
        expect(jobs.map((j) => j.name)).toContain('expire-bonuses');
        await admin.pauseJob('expire-bonuses');
        expect((await admin.listJobs()).find((j) => j.name === 'expire-bonuses')?.paused).toBe(true);
        await admin.resumeJob('expire-bonuses');
        expect((await admin.listJobs()).find((j) => j.name === 'expire-bonuses')?.paused).toBe(false);
        await admin.runJob('expire-bonuses');
        expect(await auditActors(t, 'job.run')).toEqual(['host']);
    });
});
