import { DateTime } from 'luxon';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRefill } from '../../../plugin/index.js';
import { createApp } from '../../helpers/create-app.js';
import { expectLedgerConsistent } from '../../helpers/ledger-invariants.js';
import { engines } from '../../helpers/test-database.js';
import { startTestRefill, TestClock, type TestRefill } from '../../helpers/test-refill.js';
import { refillInternals } from '../../../plugin/testing.js';

describe.each(engines)("Refill's jobs on %s", (engine) => {
    let t: TestRefill;
    const clock = new TestClock(new Date('2026-01-10T09:00:00Z'));
    const cards = Array.from({ length: 8 }, (_, i) => `JOB-${1000 + i}`);

    beforeAll(async () => {
        t = await startTestRefill(engine, 'refill_jobs', {
            clock: clock.fn,
            timezone: 'Europe/Moscow',
            accrual: { lifetimeDays: 30, pendingDays: 2 },
            jobs: { process: false, processEvery: 200 },
        });
        for (const card of cards)
            await t.refill.hooks.commitPurchase({
                receiptId: `${card}-1`,
                cardNumber: card,
                storeCode: 'S1',
                purchasedAt: clock.fn(),
                lines: [{ sku: 'X', name: 'x', quantity: 1, amount: 10_000 }],
            });
    });
    afterAll(async () => t?.close());

    it('schedules each job once, at the configured local time in the chain timezone', async () => {
        const jobs = await t.internals.services.jobs.list();
        expect(jobs.map((j) => j.name)).toEqual([
            'expire-bonuses',
            'activate-pending-bonuses',
            'daily-figures',
            'campaigns-daily',
            'messages-dispatch',
            'message-reminders',
            'segments-daily',
            'chain-steps',
            'chain-triggers',
            'segments-home-stores',
        ]);
        const expire = jobs[0];
        expect(expire.schedule).toBe('5 3 * * *');
        const next = DateTime.fromISO(expire.nextRunAt!).setZone('Europe/Moscow');
        expect([next.hour, next.minute]).toEqual([3, 5]);
        // Starting again (another instance, a restart) keeps one row per job.
        await t.internals.scheduler.start();
        const rows = await t.internals.database.all<{ n: unknown }>(`SELECT COUNT(*) AS n FROM refill_jobs`);
        expect(Number(rows[0].n)).toBe(10);
    });

    it('runs a job on demand through the locks, records its counts, and is safe to run again', async () => {
        clock.advanceDays(3);
        const counts = await t.internals.services.jobs.run('activate-pending-bonuses', 'test', true);
        expect(counts).toMatchObject({ customers: 8, lotsActivated: 8, bonusesActivated: 8 * 300 });
        const again = await t.internals.services.jobs.run('activate-pending-bonuses', 'test', true);
        expect(again).toMatchObject({ customers: 0, lotsActivated: 0 });
        const [, activate] = await t.internals.services.jobs.list();
        const finished = activate.recentRuns.filter((r) => r.event === 'success');
        expect(finished[0].counts).toMatchObject({ lotsActivated: 0 });
        expect(finished[1].counts).toMatchObject({ lotsActivated: 8 });
        const audit = await t.internals.database.all<{ action: string }>(
            `SELECT action FROM refill_audit_log WHERE entity_type = 'job' ORDER BY id`,
        );
        expect(audit.map((a) => a.action)).toEqual(['job.run', 'job.run']);
    });

    it('burns expired bonuses once even when two instances run the expiry at the same time', async () => {
        clock.advanceDays(30);
        // On SQLite, two connections of one process would wait on each other's write lock inside one
        // thread (better-sqlite3 blocks while busy); there, the two runs share the DataSource.
        const other =
            engine === 'mysql'
                ? createRefill({
                      databaseUrl: t.db.url,
                      logLevel: 'silent',
                      clock: clock.fn,
                      jobs: { process: false },
                  })
                : t.refill;
        await other.start();
        try {
            const [a, b] = await Promise.all([
                t.internals.services.maintenance.expireDue({ batchSize: 2 }),
                refillInternals(other).services.maintenance.expireDue({ batchSize: 2 }),
            ]);
            expect(a.lotsExpired + b.lotsExpired).toBe(8);
            const [row] = await t.internals.database.all<{ n: unknown }>(
                `SELECT COUNT(*) AS n FROM refill_ledger_entries WHERE kind = 'expiry'`,
            );
            expect(Number(row.n)).toBe(8);
            for (const card of cards) await expectLedgerConsistent(t.refill, card);
        } finally {
            if (other !== t.refill) await other.stop();
        }
    });

    it('pauses and resumes a job for every instance', async () => {
        await t.internals.services.jobs.pause('expire-bonuses', 'test');
        expect((await t.internals.services.jobs.list())[0].paused).toBe(true);
        await t.internals.services.jobs.resume('expire-bonuses', 'test');
        expect((await t.internals.services.jobs.list())[0].paused).toBe(false);
        await expect(t.internals.services.jobs.pause('nope', 'test')).rejects.toMatchObject({
            code: 'REFILL_NOT_FOUND',
        });
    });

    it('lists jobs in the admin API for admins and managers; only admins control them', async () => {
        const auth = t.internals.services.adminAuth;
        await auth.createUser('root-admin', 'a long admin password', 'admin', 'test');
        await auth.createUser('store-boss', 'a long manager password', 'manager', 'test');
        await auth.createUser('crm-girl', 'a long marketer password', 'marketer', 'test');
        const app = createApp(t.refill);
        const signIn = async (username: string, password: string) => {
            const agent = request.agent(app);
            const res = await agent.post('/admin/v1/session').send({ username, password });
            return { agent, csrf: res.body.csrfToken as string };
        };
        const admin = await signIn('root-admin', 'a long admin password');
        const list = await admin.agent.get('/admin/v1/jobs');
        expect(list.status).toBe(200);
        expect(list.body.jobs[0]).toMatchObject({ name: 'expire-bonuses', paused: false, failCount: 0 });
        expect(list.body.jobs[0].nextRunAt).toEqual(expect.any(String));
        expect((await admin.agent.post('/admin/v1/jobs/expire-bonuses/pause')).status).toBe(403);
        const paused = await admin.agent
            .post('/admin/v1/jobs/expire-bonuses/pause')
            .set('X-CSRF-Token', admin.csrf);
        expect(paused.status).toBe(202);
        await admin.agent.post('/admin/v1/jobs/expire-bonuses/resume').set('X-CSRF-Token', admin.csrf);
        expect(
            (await admin.agent.post('/admin/v1/jobs/nope/run').set('X-CSRF-Token', admin.csrf)).status,
        ).toBe(404);

        const manager = await signIn('store-boss', 'a long manager password');
        expect((await manager.agent.get('/admin/v1/jobs')).status).toBe(200);
        const denied = await manager.agent
            .post('/admin/v1/jobs/expire-bonuses/run')
            .set('X-CSRF-Token', manager.csrf);
        expect(denied.status).toBe(403);
        expect(denied.body.error.code).toBe('REFILL_FORBIDDEN');

        const marketer = await signIn('crm-girl', 'a long marketer password');
        expect((await marketer.agent.get('/admin/v1/jobs')).status).toBe(403);
        expect((await request(app).get('/admin/v1/jobs')).status).toBe(401);
    });
});
