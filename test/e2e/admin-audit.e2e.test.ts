import type { Express } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toDbTime } from '../../plugin/kernel/db/db-time.js';
import { adminAgent, type AdminAgent, storeIds } from '../helpers/admin-agent.js';
import { createApp } from '../helpers/create-app.js';
import { engines } from '../helpers/test-database.js';
import { startTestRefill, type TestRefill } from '../helpers/test-refill.js';

describe.each(engines)('the admin audit log on %s', (engine) => {
    let t: TestRefill;
    let app: Express;
    let admin: AdminAgent;
    let analyst: AdminAgent;
    let manager: AdminAgent;

    /** Stores an entry as older versions wrote it (their spellings kept). */
    const store = (
        actor: string,
        action: string,
        entityType: string,
        entityId: string,
        at: string,
        details: unknown = null,
    ) =>
        t.internals.database.run(
            `INSERT INTO refill_audit_log (actor, action, entity_type, entity_id, details, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
            [
                actor,
                action,
                entityType,
                entityId,
                details === null ? null : JSON.stringify(details),
                toDbTime(new Date(at)),
            ],
        );

    beforeAll(async () => {
        t = await startTestRefill(engine, 'admin_audit');
        app = createApp(t.refill);
        admin = await adminAgent(t, app, 'root', 'admin');
        analyst = await adminAgent(t, app, 'anya', 'analyst');
        manager = await adminAgent(t, app, 'mila', 'manager', [(await storeIds(t)).S1]);
        await store('olga', 'customer.card-kind', 'customer', '7', '2030-01-01T10:00:00Z', {
            cardKind: 'test',
        });
        await store('olga', 'ledger.adjust', 'customer', '7', '2030-01-02T10:00:00Z', { amount: 100 });
        await store('root', 'admin-token.create', 'admin-token', '3', '2030-01-03T10:00:00Z', { name: 'ci' });
        await store('root', 'customer.card_kind', 'customer', '8', '2030-01-04T10:00:00Z', {
            cardKind: 'employee',
        });
        await store('root', 'campaign.launch', 'campaign', '1', '2030-01-05T10:00:00Z', {
            note: '=HYPERLINK("x")',
        });
    });
    afterAll(async () => t?.close());

    it('answers entries newest first in pages, in today’s spellings', async () => {
        const first = await analyst.agent
            .get('/admin/v1/audit')
            .query({ limit: 2, from: '2030-01-01T00:00:00Z' });
        expect(first.status).toBe(200);
        expect(first.body.data).toEqual([
            {
                id: expect.any(Number),
                actor: 'root',
                action: 'campaign.launch',
                entityType: 'campaign',
                entityId: '1',
                details: { note: '=HYPERLINK("x")' },
                createdAt: '2030-01-05T10:00:00.000Z',
            },
            expect.objectContaining({ action: 'customer.card_kind', entityId: '8' }),
        ]);
        const rest = await analyst.agent
            .get('/admin/v1/audit')
            .query({ limit: 2, from: '2030-01-01T00:00:00Z', cursor: first.body.meta.pagination.nextCursor });
        expect(rest.body.data.map((e: { action: string }) => e.action)).toEqual([
            'admin_token.create',
            'ledger.adjust',
        ]);
        const last = await analyst.agent
            .get('/admin/v1/audit')
            .query({ limit: 2, from: '2030-01-01T00:00:00Z', cursor: rest.body.meta.pagination.nextCursor });
        expect(last.body.data.map((e: { action: string }) => e.action)).toEqual(['customer.card_kind']);
        expect(last.body.meta.pagination.nextCursor).toBeNull();
    });

    it('filters by actor, action, entity and time, matching older spellings', async () => {
        const ids = async (query: Record<string, string>) =>
            (await admin.agent.get('/admin/v1/audit').query(query)).body.data.map(
                (e: { action: string; entityId: string }) => `${e.action}#${e.entityId}`,
            );
        expect(await ids({ action: 'customer.card_kind' })).toEqual([
            'customer.card_kind#8',
            'customer.card_kind#7',
        ]);
        expect(await ids({ entityType: 'admin_token' })).toEqual(['admin_token.create#3']);
        expect(await ids({ entityType: 'customer', entityId: '7' })).toEqual([
            'ledger.adjust#7',
            'customer.card_kind#7',
        ]);
        expect(await ids({ actor: 'olga', to: '2030-01-02T00:00:00Z' })).toEqual(['customer.card_kind#7']);
        const bad = await admin.agent.get('/admin/v1/audit').query({ from: 'yesterday' });
        expect(bad.status).toBe(400);
        expect(bad.body.error.details[0].path).toBe('from');
    });

    it('lets a manager read customer entries only, and never export', async () => {
        const customers = await manager.agent
            .get('/admin/v1/audit')
            .query({ entityType: 'customer', entityId: '7' });
        expect(customers.status).toBe(200);
        expect(customers.body.data).toHaveLength(2);
        const all = await manager.agent.get('/admin/v1/audit');
        expect(all.status).toBe(403);
        expect(all.body.error.code).toBe('REFILL_FORBIDDEN');
        expect(
            (await manager.agent.get('/admin/v1/audit/export').query({ entityType: 'customer' })).status,
        ).toBe(403);
        const marketer = await adminAgent(t, app, 'mark', 'marketer');
        expect((await marketer.agent.get('/admin/v1/audit')).status).toBe(403);
    });

    it('exports the filtered log as CSV, newest first, formulas escaped', async () => {
        const csv = await analyst.agent.get('/admin/v1/audit/export').query({ from: '2030-01-01T00:00:00Z' });
        expect(csv.status).toBe(200);
        expect(csv.headers['content-type']).toMatch(/^text\/csv/);
        expect(csv.headers['content-disposition']).toMatch(/attachment; filename="?audit.csv"?/);
        const lines = csv.text.trim().split('\n');
        expect(lines[0]).toBe('id,createdAt,actor,action,entityType,entityId,details');
        expect(lines).toHaveLength(6);
        expect(lines[1]).toContain(',root,campaign.launch,campaign,1,');
        expect(lines[1]).not.toMatch(/,"?=HYPERLINK/);
        expect(lines[3]).toContain('admin_token.create,admin_token,3');
    });
});
