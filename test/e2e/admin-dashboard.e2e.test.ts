import express from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dashboardAnswer } from '../../plugin/api/dashboard/dashboard.schemas.js';
import { adminDashboardRoutes } from '../../plugin/api/routes/dashboard.routes.js';
import { errorHandler } from '../../plugin/kernel/http/error-handler.js';
import { MS_PER_HOUR } from '../../plugin/kernel/units/time.js';
import { createApp } from '../helpers/create-app.js';
import { engines } from '../helpers/test-database.js';
import { startTestRefill, TestClock, type TestRefill } from '../helpers/test-refill.js';

/*
 * GET /admin/v1/dashboard over HTTP: the figures after a few sales in two
 * stores, every reader role, validation, and a manager's store scope.
 */
describe.each(engines)('admin dashboard on %s', (engine) => {
    let t: TestRefill;
    let api: ReturnType<typeof request>;
    const tokens: Record<string, string> = {};
    const stores: Record<string, number> = {};
    const clock = new TestClock(new Date('2026-03-10T12:00:00.000Z'));
    const auth = (role: string) => ({ Authorization: `Bearer ${tokens[role]}` });
    const path = '/loyalty/admin/v1/dashboard';

    /** The route behind a stand-in principal: a manager of `storeIds` (the session's, once B1 lands). */
    const managerApp = (storeIds: number[]) => {
        const app = express();
        app.use((_req, res, next) => {
            res.locals.admin = { id: 9, username: 'desk', role: 'manager', storeIds };
            next();
        });
        app.use(adminDashboardRoutes(t.internals.services.dashboard, t.internals.services.stores));
        app.use(errorHandler(t.internals.logger));
        return request(app);
    };

    beforeAll(async () => {
        t = await startTestRefill(engine, 'admin_dashboard', { clock: clock.fn });
        api = request(createApp(t.refill, '/loyalty'));
        for (const role of ['admin', 'manager', 'marketer'] as const)
            tokens[role] = await t.internals.services.adminTokens.create(`dash-${role}`, role, 'test');
        for (const s of await t.internals.services.stores.list()) stores[s.code] = s.id;
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

    it('answers every reader role with the documented shape', async () => {
        for (const role of ['admin', 'manager', 'marketer']) {
            const res = await api.get(path).set(auth(role));
            expect(res.status).toBe(200);
            expect(dashboardAnswer.validate(res.body, { presence: 'required' }).error).toBeUndefined();
        }
        const res = await api.get(path).set(auth('admin'));
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
        const one = await api.get(`${path}?storeId=${stores.S2}`).set(auth('admin'));
        expect(one.status).toBe(200);
        expect(one.body.receipts.map((r: { storeCode: string }) => r.storeCode)).toEqual(['S2', 'S2']);
        expect(one.body.members.total).toBe(2);

        const bad = await api.get(`${path}?storeId=abc`).set(auth('admin'));
        expect(bad.status).toBe(400);
        expect(bad.body.error.code).toBe('REFILL_VALIDATION');
        expect(bad.body.error.details[0].path).toBe('storeId');
        const zero = await api.get(`${path}?storeId=0`).set(auth('admin'));
        expect(zero.status).toBe(400);
        const unknown = await api.get(`${path}?storeId=99999`).set(auth('admin'));
        expect(unknown.status).toBe(404);
        expect(unknown.body.error.code).toBe('REFILL_NOT_FOUND');
        expect((await api.get(path)).status).toBe(401);
    });

    it('limits a manager to their stores: all of theirs by default, one of theirs on request, 403 otherwise', async () => {
        const mine = await managerApp([stores.S1]).get('/dashboard');
        expect(mine.status).toBe(200);
        expect(new Set(mine.body.receipts.map((r: { storeCode: string }) => r.storeCode))).toEqual(
            new Set(['S1']),
        );
        expect(mine.body.members.total).toBe(3);
        expect(mine.body.bonusFlow.reduce((a: number, d: { accrued: number }) => a + d.accrued, 0)).toBe(900);

        const both = await managerApp([stores.S1, stores.S2]).get(`/dashboard?storeId=${stores.S2}`);
        expect(both.status).toBe(200);
        expect(both.body.members.total).toBe(2);

        const other = await managerApp([stores.S1]).get(`/dashboard?storeId=${stores.S2}`);
        expect(other.status).toBe(403);
        expect(other.body.error.code).toBe('REFILL_FORBIDDEN');

        // A manager bound to no store sees nothing rather than everything.
        const none = await managerApp([]).get('/dashboard');
        expect(none.status).toBe(200);
        expect(none.body.members.total).toBe(0);
        expect(none.body.receipts).toEqual([]);
        const tokenManager = await api.get(`${path}?storeId=${stores.S1}`).set(auth('manager'));
        expect(tokenManager.status).toBe(403);
    });
});
