import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminAgent, type AdminAgent, storeIds } from '../helpers/admin-agent.js';
import { createApp } from '../helpers/create-app.js';
import { engines } from '../helpers/test-database.js';
import { startTestRefill, type TestRefill } from '../helpers/test-refill.js';

describe.each(engines)('admin stores and POS keys on %s', (engine) => {
    let t: TestRefill;
    let app: Express;
    let admin: AdminAgent;
    let stores: Record<string, number>;
    const audit = async (action: string) =>
        t.internals.database.all<{ actor: string; entity_id: string; details: string }>(
            `SELECT actor, entity_id, details FROM refill_audit_log WHERE action = ? AND actor = 'root' ORDER BY id`,
            [action],
        );

    beforeAll(async () => {
        t = await startTestRefill(engine, 'admin_stores');
        app = createApp(t.refill);
        stores = await storeIds(t);
        admin = await adminAgent(t, app, 'root', 'admin');
    });
    afterAll(async () => t?.close());

    it('creates and updates stores with an IANA timezone and an address, audited', async () => {
        const created = await admin
            .write('put', '/admin/v1/stores/S9')
            .send({ name: 'Pharmacy 9', timezone: 'Europe/Samara', address: '1 Main St' });
        expect(created.status).toBe(201);
        expect(created.body).toEqual({
            id: expect.any(Number),
            code: 'S9',
            name: 'Pharmacy 9',
            timezone: 'Europe/Samara',
            address: '1 Main St',
            location: null,
            createdAt: expect.any(String),
            activeKeys: 0,
        });
        const renamed = await admin.write('put', '/admin/v1/stores/S9').send({ name: 'Pharmacy Nine' });
        expect(renamed.status).toBe(200);
        expect(renamed.body).toMatchObject({
            name: 'Pharmacy Nine',
            timezone: 'Europe/Samara',
            address: '1 Main St',
        });
        const cleared = await admin
            .write('put', '/admin/v1/stores/S9')
            .send({ name: 'Pharmacy Nine', timezone: null, address: null });
        expect(cleared.body).toMatchObject({ timezone: null, address: null });

        const badZone = await admin
            .write('put', '/admin/v1/stores/S9')
            .send({ name: 'x', timezone: 'Mars/Olympus' });
        expect(badZone.status).toBe(400);
        expect(badZone.body.error.details[0].path).toBe('timezone');
        expect((await admin.write('put', '/admin/v1/stores/S9').send({ name: '' })).status).toBe(400);
        expect((await admin.write('put', '/admin/v1/stores/bad%20code').send({ name: 'x' })).status).toBe(
            400,
        );
        expect((await audit('store.upsert')).map((e) => e.entity_id)).toEqual(['S9', 'S9', 'S9']);
    });

    it('lists stores in pages; a manager sees only theirs', async () => {
        const first = await admin.agent.get('/admin/v1/stores').query({ limit: 2 });
        expect(first.status).toBe(200);
        expect(first.body.data.map((s: { code: string }) => s.code)).toEqual(['S1', 'S2']);
        expect(first.body.data[0].activeKeys).toBe(1);
        const second = await admin.agent
            .get('/admin/v1/stores')
            .query({ limit: 2, cursor: first.body.meta.pagination.nextCursor });
        expect(second.body.data.map((s: { code: string }) => s.code)).toEqual(['S9']);
        expect(second.body.meta.pagination.nextCursor).toBeNull();

        const manager = await adminAgent(t, app, 'mila', 'manager', [stores.S2]);
        const theirs = await manager.agent.get('/admin/v1/stores');
        expect(theirs.body.data.map((s: { code: string }) => s.code)).toEqual(['S2']);
        const analyst = await adminAgent(t, app, 'anya', 'analyst');
        expect((await analyst.agent.get('/admin/v1/stores')).body.data).toHaveLength(3);
        expect((await manager.write('put', '/admin/v1/stores/S2').send({ name: 'Mine' })).status).toBe(403);
        expect((await manager.agent.get('/admin/v1/stores/S2/pos-keys')).status).toBe(403);
    });

    it('creates a POS key showing its secret once, lists keys with their last use, revokes', async () => {
        const created = await admin.write('post', '/admin/v1/stores/S1/pos-keys').send({ label: 'till 2' });
        expect(created.status).toBe(201);
        expect(created.body.secret).toMatch(/^rfk_/);
        expect(created.body.key).toEqual({
            id: expect.any(Number),
            hint: created.body.secret.slice(0, 8),
            label: 'till 2',
            createdAt: expect.any(String),
            revokedAt: null,
            lastUsedAt: null,
            lastUsedIp: null,
        });
        const pos = (key: string) =>
            request(app).get('/pos/v1/customers/0000000000001').set('Authorization', `Bearer ${key}`);
        expect((await pos(created.body.secret)).status).toBe(404);

        const listed = await admin.agent.get('/admin/v1/stores/S1/pos-keys');
        expect(listed.status).toBe(200);
        expect(JSON.stringify(listed.body)).not.toContain(created.body.secret);
        expect(listed.body.data.map((k: { label: string }) => k.label)).toEqual(['till 2', 'till 1']);
        expect(listed.body.data[0]).toMatchObject({
            lastUsedAt: expect.any(String),
            lastUsedIp: expect.stringContaining('127.0.0.1'),
        });

        // At most once a minute per key: a second use right away writes nothing.
        await t.internals.database.run(`UPDATE refill_pos_keys SET last_used_at = NULL WHERE id = ?`, [
            created.body.key.id,
        ]);
        await pos(created.body.secret);
        expect((await admin.agent.get('/admin/v1/stores/S1/pos-keys')).body.data[0].lastUsedAt).toBeNull();

        const revoked = await admin.write('post', `/admin/v1/pos-keys/${created.body.key.id}/revoke`);
        expect(revoked.status).toBe(200);
        expect(revoked.body.revokedAt).toEqual(expect.any(String));
        expect((await admin.write('post', `/admin/v1/pos-keys/${created.body.key.id}/revoke`)).body).toEqual(
            revoked.body,
        );
        expect((await pos(created.body.secret)).status).toBe(401);
        expect((await admin.write('post', '/admin/v1/pos-keys/99999/revoke')).status).toBe(404);
        const unknown = await admin.write('post', '/admin/v1/stores/NOPE/pos-keys').send({});
        expect(unknown.status).toBe(404);
        expect(unknown.body.error.code).toBe('REFILL_STORE_NOT_FOUND');
        expect((await audit('pos_key.create')).map((e) => e.entity_id)).toEqual([
            String(created.body.key.id),
        ]);
        expect((await audit('pos_key.revoke')).map((e) => e.entity_id)).toEqual([
            String(created.body.key.id),
        ]);
    });
});
