import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../helpers/create-app.js';
import { engines } from '../helpers/test-database.js';
import { startTestRefill, type TestRefill } from '../helpers/test-refill.js';

describe.each(engines)('admin sessions on %s', (engine) => {
    let t: TestRefill;
    beforeAll(async () => {
        t = await startTestRefill(engine, 'admin_session', { admin: { signInAttempts: 5 } });
        await t.internals.services.adminAuth.createUser('olga', 'correct horse battery', 'manager', 'test');
    });
    afterAll(async () => t?.close());

    it('signs in with an HttpOnly SameSite cookie, needs the CSRF token to sign out', async () => {
        const agent = request.agent(createApp(t.refill, '/loyalty'));
        const signIn = await agent
            .post('/loyalty/admin/v1/session')
            .send({ username: 'olga', password: 'correct horse battery' });
        expect(signIn.status).toBe(201);
        const user = {
            id: expect.any(Number),
            username: 'olga',
            role: 'manager',
            displayName: null,
            storeIds: [],
        };
        const chain = { timezone: 'Europe/Moscow', currency: 'RUB' };
        expect(signIn.body).toEqual({
            user,
            csrfToken: expect.any(String),
            expiresAt: expect.any(String),
            chain,
        });
        const cookie = String(signIn.headers['set-cookie']);
        expect(cookie).toMatch(/refill_admin=/);
        expect(cookie).toMatch(/HttpOnly/);
        expect(cookie).toMatch(/SameSite=Strict/);
        expect(cookie).toMatch(/Path=\/loyalty\/admin/);

        const me = await agent.get('/loyalty/admin/v1/session');
        expect(me.status).toBe(200);
        expect(me.body).toEqual({
            user,
            csrfToken: signIn.body.csrfToken,
            expiresAt: signIn.body.expiresAt,
            chain,
        });

        const noCsrf = await agent.delete('/loyalty/admin/v1/session');
        expect(noCsrf.status).toBe(403);
        expect(noCsrf.body.error.code).toBe('REFILL_CSRF_INVALID');
        const wrongCsrf = await agent.delete('/loyalty/admin/v1/session').set('X-CSRF-Token', 'x'.repeat(43));
        expect(wrongCsrf.status).toBe(403);

        const out = await agent
            .delete('/loyalty/admin/v1/session')
            .set('X-CSRF-Token', signIn.body.csrfToken);
        expect(out.status).toBe(204);
        expect((await agent.get('/loyalty/admin/v1/session')).status).toBe(401);
    });

    it('refuses wrong passwords the same way as unknown users, and rate-limits attempts', async () => {
        const app = createApp(t.refill);
        const wrong = await request(app)
            .post('/admin/v1/session')
            .send({ username: 'olga', password: 'wrong password!' });
        const unknown = await request(app)
            .post('/admin/v1/session')
            .send({ username: 'nobody', password: 'wrong password!' });
        expect(wrong.status).toBe(401);
        expect(unknown.status).toBe(401);
        expect(wrong.body).toEqual(unknown.body);
        const statuses: number[] = [];
        for (let i = 0; i < 6; i++)
            statuses.push(
                (await request(app).post('/admin/v1/session').send({ username: 'eve', password: 'guess' }))
                    .status,
            );
        expect(statuses.slice(0, 5).every((s) => s === 401)).toBe(true);
        expect(statuses[5]).toBe(429);
        expect((await request(app).post('/admin/v1/session').send({ username: 'olga' })).status).toBe(400);
    });

    it('keeps no password or token in clear and audits sign-ins', async () => {
        const [user] = await t.internals.database.all<{ password_hash: string }>(
            `SELECT password_hash FROM refill_admin_users WHERE username = 'olga'`,
        );
        expect(user.password_hash).toMatch(/^scrypt\$/);
        const audit = await t.internals.database.all<{ action: string }>(
            `SELECT action FROM refill_audit_log WHERE action LIKE 'admin%' ORDER BY id`,
        );
        expect(audit.map((a) => a.action)).toEqual(['admin_user.create', 'admin.sign_in']);
    });

    it('refuses weak passwords and duplicate users', async () => {
        await expect(
            t.internals.services.adminAuth.createUser('weak', 'short', 'admin', 'test'),
        ).rejects.toMatchObject({
            code: 'REFILL_VALIDATION',
        });
        await expect(
            t.internals.services.adminAuth.createUser('olga', 'another long password', 'admin', 'test'),
        ).rejects.toMatchObject({ code: 'REFILL_CONFLICT' });
    });
});
