import type { Express } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminAgent, type AdminAgent, signIn, storeIds, TEST_PASSWORD } from '../helpers/admin-agent.js';
import { createApp } from '../helpers/create-app.js';
import { engines } from '../helpers/test-database.js';
import { startTestRefill, type TestRefill } from '../helpers/test-refill.js';

describe.each(engines)('admin users and sessions on %s', (engine) => {
    let t: TestRefill;
    let app: Express;
    let admin: AdminAgent;
    let stores: Record<string, number>;
    const actions = async (entityId: number) =>
        (
            await t.internals.database.all<{ action: string; actor: string }>(
                `SELECT action, actor FROM refill_audit_log WHERE entity_type = 'admin_user' AND entity_id = ? ORDER BY id`,
                [String(entityId)],
            )
        ).map((r) => `${r.actor}:${r.action}`);

    beforeAll(async () => {
        t = await startTestRefill(engine, 'admin_users');
        app = createApp(t.refill);
        stores = await storeIds(t);
        admin = await adminAgent(t, app, 'root', 'admin');
    });
    afterAll(async () => t?.close());

    it('answers the session with the user, their stores, the CSRF token and the expiry', async () => {
        const manager = await adminAgent(t, app, 'mila', 'manager', [stores.S2, stores.S1]);
        const me = await manager.agent.get('/admin/v1/session');
        expect(me.status).toBe(200);
        expect(me.body).toEqual({
            user: {
                id: manager.userId,
                username: 'mila',
                displayName: null,
                role: 'manager',
                storeIds: [stores.S1, stores.S2],
            },
            csrfToken: manager.csrf,
            expiresAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
            chain: { timezone: 'Europe/Moscow', currency: 'RUB' },
        });
    });

    it('creates users (a manager needs stores), refuses duplicates, and audits', async () => {
        const created = await admin.write('post', '/admin/v1/users').send({
            username: 'Nina',
            displayName: 'Nina K.',
            role: 'manager',
            storeIds: [stores.S1],
            password: 'a long enough password',
        });
        expect(created.status).toBe(201);
        expect(created.body).toEqual({
            id: expect.any(Number),
            username: 'nina',
            displayName: 'Nina K.',
            role: 'manager',
            storeIds: [stores.S1],
            disabled: false,
            lastLoginAt: null,
            createdAt: expect.any(String),
        });
        expect(await actions(created.body.id)).toEqual(['root:admin_user.create']);

        const noStores = await admin
            .write('post', '/admin/v1/users')
            .send({ username: 'nostore', role: 'manager', password: 'a long enough password' });
        expect(noStores.status).toBe(400);
        expect(noStores.body.error.details[0].path).toBe('storeIds');
        const unknownStore = await admin.write('post', '/admin/v1/users').send({
            username: 'ghost',
            role: 'manager',
            storeIds: [99999],
            password: 'a long enough password',
        });
        expect(unknownStore.status).toBe(400);
        expect(unknownStore.body.error.details[0].path).toBe('storeIds');
        const short = await admin
            .write('post', '/admin/v1/users')
            .send({ username: 'shorty', role: 'analyst', password: 'short' });
        expect(short.status).toBe(400);
        expect(short.body.error.details[0].path).toBe('password');
        const duplicate = await admin
            .write('post', '/admin/v1/users')
            .send({ username: 'NINA', role: 'analyst', password: 'a long enough password' });
        expect(duplicate.status).toBe(409);
        expect(duplicate.body.error.code).toBe('REFILL_CONFLICT');
    });

    it('lists users by id in pages and filters by q', async () => {
        for (const name of ['pager-a', 'pager-b', 'pager-c'])
            await t.internals.services.adminAuth.createUser(
                name,
                TEST_PASSWORD,
                'analyst',
                'test',
                `Pager ${name}`,
            );
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
            const res = await admin.agent
                .get('/admin/v1/users')
                .query({ q: 'PAGER', limit: 2, ...(cursor ? { cursor } : {}) });
            expect(res.status).toBe(200);
            expect(res.body.meta.pagination.limit).toBe(2);
            seen.push(...res.body.data.map((u: { username: string }) => u.username));
            cursor = res.body.meta.pagination.nextCursor;
        } while (cursor);
        expect(seen).toEqual(['pager-a', 'pager-b', 'pager-c']);
        const all = await admin.agent.get('/admin/v1/users');
        expect(all.body.meta.pagination).toEqual({ limit: 50, nextCursor: null });
        expect((await admin.agent.get('/admin/v1/users').query({ limit: 0 })).status).toBe(400);
        const bad = await admin.agent.get('/admin/v1/users').query({ cursor: 'nonsense' });
        expect(bad.status).toBe(400);
        expect(bad.body.error.details[0].path).toBe('cursor');
    });

    it('changes role and stores, disables (ending sessions), and keeps an admin from disabling or demoting themself', async () => {
        const oleg = await adminAgent(t, app, 'oleg', 'analyst');
        const toManager = await admin
            .write('patch', `/admin/v1/users/${oleg.userId}`)
            .send({ role: 'manager' });
        expect(toManager.status).toBe(400);
        const changed = await admin
            .write('patch', `/admin/v1/users/${oleg.userId}`)
            .send({ role: 'manager', storeIds: [stores.S2], displayName: 'Oleg' });
        expect(changed.status).toBe(200);
        expect(changed.body).toMatchObject({ role: 'manager', storeIds: [stores.S2], displayName: 'Oleg' });
        expect((await oleg.agent.get('/admin/v1/session')).body.user.storeIds).toEqual([stores.S2]);
        const back = await admin.write('patch', `/admin/v1/users/${oleg.userId}`).send({ role: 'marketer' });
        expect(back.body).toMatchObject({ role: 'marketer', storeIds: [] });

        const disabled = await admin
            .write('patch', `/admin/v1/users/${oleg.userId}`)
            .send({ disabled: true });
        expect(disabled.body.disabled).toBe(true);
        expect((await oleg.agent.get('/admin/v1/session')).status).toBe(401);
        expect(
            (await admin.write('patch', `/admin/v1/users/${oleg.userId}`).send({ disabled: false })).body
                .disabled,
        ).toBe(false);

        for (const patch of [{ disabled: true }, { role: 'analyst' }]) {
            const self = await admin.write('patch', `/admin/v1/users/${admin.userId}`).send(patch);
            expect(self.status).toBe(422);
            expect(self.body.error.code).toBe('REFILL_UNPROCESSABLE');
        }
        expect(
            (await admin.write('patch', `/admin/v1/users/${admin.userId}`).send({ displayName: 'Root' }))
                .status,
        ).toBe(200);
        expect((await admin.write('patch', '/admin/v1/users/99999').send({ displayName: 'x' })).status).toBe(
            404,
        );
        expect((await admin.write('patch', `/admin/v1/users/${oleg.userId}`).send({})).status).toBe(400);
        expect(await actions(oleg.userId)).toEqual([
            'test:admin_user.create',
            'oleg:admin.sign_in',
            'root:admin_user.update',
            'root:admin_user.update',
            'root:admin_user.update',
            'root:admin_user.update',
        ]);
    });

    it('resets a password (ending the user’s sessions) and lets a person change their own', async () => {
        const pia = await adminAgent(t, app, 'pia', 'marketer');
        const reset = await admin
            .write('post', `/admin/v1/users/${pia.userId}/password`)
            .send({ password: 'a brand new password' });
        expect(reset.status).toBe(204);
        expect((await pia.agent.get('/admin/v1/session')).status).toBe(401);
        const again = await signIn(app, 'pia', 'a brand new password');
        const other = await signIn(app, 'pia', 'a brand new password');

        const wrong = await again
            .write('post', '/admin/v1/session/password')
            .send({ currentPassword: 'not it at all', newPassword: 'yet another password' });
        expect(wrong.status).toBe(401);
        expect(wrong.body.error.code).toBe('REFILL_UNAUTHORIZED');
        const short = await again
            .write('post', '/admin/v1/session/password')
            .send({ currentPassword: 'a brand new password', newPassword: 'short' });
        expect(short.status).toBe(400);
        expect(short.body.error.details[0].path).toBe('newPassword');
        const noCsrf = await again.agent
            .post('/admin/v1/session/password')
            .send({ currentPassword: 'a brand new password', newPassword: 'yet another password' });
        expect(noCsrf.status).toBe(403);
        const changed = await again
            .write('post', '/admin/v1/session/password')
            .send({ currentPassword: 'a brand new password', newPassword: 'yet another password' });
        expect(changed.status).toBe(204);
        expect((await again.agent.get('/admin/v1/session')).status).toBe(200);
        expect((await other.agent.get('/admin/v1/session')).status).toBe(401);
        await signIn(app, 'pia', 'yet another password');
        expect(await actions(pia.userId)).toEqual([
            'test:admin_user.create',
            'pia:admin.sign_in',
            'root:admin_user.password_reset',
            'pia:admin.sign_in',
            'pia:admin.sign_in',
            'pia:admin.password_change',
            'pia:admin.sign_in',
        ]);
    });

    it('lets only admins manage users', async () => {
        const marketer = await adminAgent(t, app, 'quinn', 'marketer');
        expect((await marketer.agent.get('/admin/v1/users')).status).toBe(403);
        const create = await marketer
            .write('post', '/admin/v1/users')
            .send({ username: 'sneaky', role: 'admin', password: 'a long enough password' });
        expect(create.status).toBe(403);
        expect(create.body.error.code).toBe('REFILL_FORBIDDEN');
    });
});
