import type { Express } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
    customerLifecycleAnswer,
    flowsAnswer,
    overviewAnswer,
    sizesAnswer,
    thresholdsAnswer,
} from '../../plugin/modules/segments/routes/lifecycle.schemas.js';
import { MS_PER_HOUR } from '../../plugin/kernel/units/time.js';
import { adminAgent, type AdminAgent } from '../helpers/admin-agent.js';
import { createApp } from '../helpers/create-app.js';
import { engines } from '../helpers/test-database.js';
import { startTestRefill, TestClock, type TestRefill } from '../helpers/test-refill.js';

/*
 * The lifecycle segment routes over HTTP: each role's reads, the thresholds'
 * validation (400 with the field path, nothing saved), the audited save,
 * and a customer's lifecycle at the store desk.
 */
describe.each(engines)('lifecycle segment routes on %s', (engine) => {
    let t: TestRefill;
    let app: Express;
    const as: Record<string, AdminAgent> = {};
    const clock = new TestClock(new Date('2026-05-20T12:00:00.000Z'));
    const base = '/admin/v1/segments/lifecycle';

    beforeAll(async () => {
        t = await startTestRefill(engine, 'lifecycle_routes', { clock: clock.fn });
        app = createApp(t.refill);
        for (const role of ['admin', 'marketer', 'analyst', 'manager'] as const)
            as[role] = await adminAgent(t, app, `life-${role}`, role);
        for (let i = 0; i < 3; i++)
            await t.refill.hooks.commitPurchase({
                receiptId: `LC-${i}`,
                cardNumber: `LIFE-${i % 2}`,
                storeCode: 'S1',
                purchasedAt: new Date(clock.now.getTime() - i * MS_PER_HOUR),
                lines: [{ sku: 'X', name: 'x', quantity: 1, amount: 10_000 }],
            });
        await t.internals.services.lifecycleClassification.run();
    });
    afterAll(async () => t?.close());

    it('answers every role with the documented shapes', async () => {
        for (const role of ['admin', 'marketer', 'analyst', 'manager']) {
            const res = await as[role].agent.get(base);
            expect(res.status).toBe(200);
            expect(overviewAnswer.validate(res.body).error).toBeUndefined();
        }
        const overview = await as.analyst.agent.get(base);
        expect(overview.body.day).toBe('2026-05-20');
        expect(overview.body.segments).toContainEqual({ segment: 'new', size: 1, share: 50 });
        expect(overview.body.segments).toContainEqual({ segment: 'developing', size: 1, share: 50 });

        const sizes = await as.analyst.agent.get(`${base}/sizes`);
        expect(sizes.status).toBe(200);
        expect(sizesAnswer.validate(sizes.body).error).toBeUndefined();
        expect(sizes.body.from).toBe('2026-02-20');
        expect(sizes.body.days).toEqual([
            {
                day: '2026-05-20',
                sizes: {
                    enrolled: 0,
                    new: 1,
                    developing: 1,
                    regular: 0,
                    sleeping: 0,
                    churned: 0,
                    won_back: 0,
                },
            },
        ]);

        const flows = await as.marketer.agent.get(`${base}/flows?month=2026-05`);
        expect(flows.status).toBe(200);
        expect(flowsAnswer.validate(flows.body).error).toBeUndefined();
        expect(flows.body.flows).toHaveLength(2);
        expect(flows.body.totals).toContainEqual({ segment: 'new', entered: 1, left: 0 });

        const card = await as.manager.agent.get('/admin/v1/customers/LIFE-0/lifecycle');
        expect(card.status).toBe(200);
        expect(customerLifecycleAnswer.validate(card.body).error).toBeUndefined();
        expect(card.body).toEqual({
            segment: 'developing',
            since: '2026-05-20',
            classifiedDay: '2026-05-20',
            history: [{ day: '2026-05-20', from: null, to: 'developing' }],
        });
        expect((await as.manager.agent.get('/admin/v1/customers/NOPE-1/lifecycle')).body.error.code).toBe(
            'REFILL_CUSTOMER_NOT_FOUND',
        );
    });

    it('rejects bad queries with the field path', async () => {
        const bad = async (query: string, path: string) => {
            const res = await as.analyst.agent.get(`${base}${query}`);
            expect(res.status).toBe(400);
            expect(res.body.error.code).toBe('REFILL_VALIDATION');
            expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
        };
        await bad('/sizes?from=2026-13-01', 'from');
        await bad('/sizes?from=2026-05-10&to=2026-05-01', 'from');
        await bad('/sizes?from=2020-01-01&to=2026-05-01', 'from');
        await bad('/flows?month=2026-5', 'month');
    });

    it('saves thresholds for editors only, validated, audited', async () => {
        const good = { regularWithinDays: 21, sleepingAfterDays: 45, churnedAfterDays: 120, wonBackDays: 14 };
        for (const role of ['analyst', 'manager']) {
            const res = await as[role].write('put', `${base}/thresholds`).send(good);
            expect(res.status).toBe(403);
        }
        const invalid = [
            [{ ...good, churnedAfterDays: 45 }, 'churnedAfterDays'],
            [{ ...good, sleepingAfterDays: 20 }, 'sleepingAfterDays'],
            [{ ...good, wonBackDays: 1.5 }, 'wonBackDays'],
            [{ ...good, regularWithinDays: undefined }, 'regularWithinDays'],
            [{ ...good, extra: 1 }, 'extra'],
        ] as const;
        for (const [body, path] of invalid) {
            const res = await as.marketer.write('put', `${base}/thresholds`).send(body);
            expect(res.status).toBe(400);
            expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
        }
        const before = await as.analyst.agent.get(`${base}/thresholds`);
        expect(before.body.customised).toBe(false);
        const saved = await as.marketer.write('put', `${base}/thresholds`).send(good);
        expect(saved.status).toBe(200);
        expect(thresholdsAnswer.validate(saved.body).error).toBeUndefined();
        expect(saved.body).toMatchObject({ thresholds: good, customised: true });
        expect((await as.analyst.agent.get(base)).body.thresholds).toEqual(good);
        const audit = await t.internals.database.all<{ actor: string; details: string }>(
            `SELECT actor, details FROM refill_audit_log WHERE action = 'lifecycle.thresholds'`,
        );
        expect(audit).toHaveLength(1);
        expect(audit[0].actor).toBe('life-marketer');
        expect(JSON.parse(audit[0].details)).toMatchObject({ before: before.body.thresholds, after: good });
    });

    it('lists the routes in the admin OpenAPI document', async () => {
        const doc = (await as.analyst.agent.get('/admin/v1/openapi.json')).body;
        for (const path of [
            '/segments/lifecycle',
            '/segments/lifecycle/sizes',
            '/segments/lifecycle/flows',
            '/segments/lifecycle/thresholds',
            '/customers/{cardNumber}/lifecycle',
        ])
            expect(Object.keys(doc.paths)).toContain(path);
        expect(doc.paths['/segments/lifecycle/thresholds'].put['x-refill-roles']).toEqual([
            'admin',
            'marketer',
        ]);
    });
});
