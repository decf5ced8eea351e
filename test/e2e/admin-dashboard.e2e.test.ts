import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dashboardAnswer } from '../../plugin/api/dashboard/dashboard.schemas.js';
import { MS_PER_HOUR } from '../../plugin/kernel/units/time.js';
import { adminAgent, type AdminAgent, storeIds } from '../helpers/admin-agent.js';
import { createApp } from '../helpers/create-app.js';
import { engines } from '../helpers/test-database.js';
import { startTestRefill, TestClock, type TestRefill } from '../helpers/test-refill.js';

/*
 * GET /admin/v1/dashboard over HTTP, signed in as each role: the figures
 * after a few sales in two stores, validation, and a manager's store scope.
 */
describe.each(engines)('admin dashboard on %s', (engine) => {
    let t: TestRefill;
    let app: Express;
    const as: Record<string, AdminAgent> = {};
    let stores: Record<string, number> = {};
    const clock = new TestClock(new Date('2026-03-10T12:00:00.000Z'));
    const path = '/admin/v1/dashboard';
    const get = (who: string, query = '') => as[who].agent.get(`${path}${query}`);

    beforeAll(async () => {
        t = await startTestRefill(engine, 'admin_dashboard', { clock: clock.fn });
        app = createApp(t.refill);
        stores = await storeIds(t);
        for (const role of ['admin', 'marketer', 'analyst'] as const)
            as[role] = await adminAgent(t, app, `dash-${role}`, role);
        as.manager = await adminAgent(t, app, 'dash-manager', 'manager', [stores.S1]);
        as.both = await adminAgent(t, app, 'dash-both', 'manager', [stores.S1, stores.S2]);
        let n = 0;
        for (const [store, count] of [
            ['S1', 3],
            ['S2', 2],
        ] as const)
            for (let i = 0; i < count; i++)
                await t.refill.hooks.commitPurchase({
                    receiptId: `D-${++n}`,
                    cardNumber: `DASH-${n}`,
                    storeCode: store,
                    purchasedAt: new Date(clock.now.getTime() - i * 24 * MS_PER_HOUR),
                    lines: [{ sku: 'X', name: 'x', quantity: 1, amount: 10_000 }],
                });
        await t.internals.services.dailyFigures.refresh({ settleMs: 0 });
    });
    afterAll(async () => t?.close());

    it('answers every role with the documented shape', async () => {
        for (const role of ['admin', 'marketer', 'analyst', 'manager']) {
            const res = await get(role);
            expect(res.status).toBe(200);
            expect(dashboardAnswer.validate(res.body, { presence: 'required' }).error).toBeUndefined();
        }
        const res = await get('analyst');
        expect(res.body).toMatchObject({
            timezone: 'Europe/Moscow',
            currency: 'RUB',
            members: { total: 5, active30d: 5, newThisMonth: 5 },
            campaigns: [],
            failedJobs: [],
        });
        expect(res.body.liability.outstanding).toBe(5 * 300);
        expect(res.body.bonusFlow).toHaveLength(90);
        expect(res.body.bonusFlow[89]).toEqual({ day: '2026-03-10', accrued: 600, redeemed: 0 });
        expect(res.body.receipts).toEqual([
            { day: '2026-03-08', storeId: stores.S1, storeCode: 'S1', receipts: 1, revenue: 10_000 },
            { day: '2026-03-09', storeId: stores.S1, storeCode: 'S1', receipts: 1, revenue: 10_000 },
            { day: '2026-03-09', storeId: stores.S2, storeCode: 'S2', receipts: 1, revenue: 10_000 },
            { day: '2026-03-10', storeId: stores.S1, storeCode: 'S1', receipts: 1, revenue: 10_000 },
            { day: '2026-03-10', storeId: stores.S2, storeCode: 'S2', receipts: 1, revenue: 10_000 },
        ]);
    });

    it('narrows to one store for an admin, and refuses bad or unknown store ids', async () => {
        const one = await get('admin', `?storeId=${stores.S2}`);
        expect(one.status).toBe(200);
        expect(one.body.receipts.map((r: { storeCode: string }) => r.storeCode)).toEqual(['S2', 'S2']);
        expect(one.body.members.total).toBe(2);

        const bad = await get('admin', '?storeId=abc');
        expect(bad.status).toBe(400);
        expect(bad.body.error.code).toBe('REFILL_VALIDATION');
        expect(bad.body.error.details[0].path).toBe('storeId');
        expect((await get('admin', '?storeId=0')).status).toBe(400);
        expect((await get('admin', '?storeId=1&other=1')).status).toBe(400);
        const unknown = await get('admin', '?storeId=99999');
        expect(unknown.status).toBe(404);
        expect(unknown.body.error.code).toBe('REFILL_NOT_FOUND');
    });

    it('limits a manager to their stores: all of theirs by default, one of theirs on request, 403 otherwise', async () => {
        const mine = await get('manager');
        expect(mine.status).toBe(200);
        expect(new Set(mine.body.receipts.map((r: { storeCode: string }) => r.storeCode))).toEqual(
            new Set(['S1']),
        );
        expect(mine.body.members.total).toBe(3);
        expect(mine.body.bonusFlow.reduce((a: number, d: { accrued: number }) => a + d.accrued, 0)).toBe(900);

        const both = await get('both');
        expect(both.body.members.total).toBe(5);
        const second = await get('both', `?storeId=${stores.S2}`);
        expect(second.status).toBe(200);
        expect(second.body.members.total).toBe(2);

        const other = await get('manager', `?storeId=${stores.S2}`);
        expect(other.status).toBe(403);
        expect(other.body.error.code).toBe('REFILL_FORBIDDEN');
        expect((await get('manager', '?storeId=99999')).status).toBe(403);
    });

    it('needs a session', async () => {
        expect((await request(app).get(path)).status).toBe(401);
    });
});
