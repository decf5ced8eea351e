import type { Express } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_ROUTE_TABLES } from '../../plugin/api/openapi/admin-openapi.js';
import type { RouteSpec } from '../../plugin/kernel/http/route-table.js';
import { adminSessionRouteTable } from '../../plugin/modules/admin/index.js';
import { adminAgent, type AdminAgent } from '../helpers/admin-agent.js';
import { createApp } from '../helpers/create-app.js';
import { engines } from '../helpers/test-database.js';
import { startTestRefill, type TestRefill } from '../helpers/test-refill.js';

/** Every admin route that names its roles (the session routes are for anyone signed in). */
const routes: RouteSpec[] = ADMIN_ROUTE_TABLES.flatMap((table) => Object.values(table)).filter(
    (r) => r.roles !== undefined,
);
const writes = routes.filter((r) => r.method !== 'get');
const sessionRoutes: RouteSpec[] = Object.values(adminSessionRouteTable);

/** Reads an analyst may not make, and why. */
const ANALYST_CANNOT_READ: Record<string, string> = {
    '/users': 'admin users are the admin’s',
    '/stores/:code/pos-keys': 'POS keys are the admin’s',
    '/messaging/endpoints': 'the URLs carry signed path segments',
    '/campaigns/:id/members/export': 'whole card numbers are for the editors (audited)',
};

describe('admin route roles', () => {
    it('lets no write route in an analyst', () => {
        expect(writes.length).toBeGreaterThan(25);
        for (const r of writes) expect(r.roles, `${r.method} ${r.path}`).not.toContain('analyst');
    });

    it('lets an analyst make every read but the listed ones', () => {
        for (const r of routes.filter((r) => r.method === 'get'))
            expect(r.roles!.includes('analyst'), `GET ${r.path}`).toBe(!(r.path in ANALYST_CANNOT_READ));
    });
});

describe.each(engines)('an analyst on %s', (engine) => {
    let t: TestRefill;
    let app: Express;
    let analyst: AdminAgent;
    beforeAll(async () => {
        t = await startTestRefill(engine, 'admin_roles');
        app = createApp(t.refill);
        analyst = await adminAgent(t, app, 'anya', 'analyst');
    });
    afterAll(async () => t?.close());

    it('gets 403 from every write route, before anything is read or changed', async () => {
        const [{ n: before }] = await t.internals.database.all<{ n: unknown }>(
            `SELECT COUNT(*) AS n FROM refill_audit_log`,
        );
        for (const r of writes) {
            const path = `/admin/v1${r.path.replace(/:[A-Za-z]+/g, '1')}`;
            const res = await analyst.write(r.method as 'post' | 'put' | 'patch' | 'delete', path).send({});
            expect({
                route: `${r.method} ${r.path}`,
                status: res.status,
                code: res.body.error?.code,
            }).toEqual({
                route: `${r.method} ${r.path}`,
                status: 403,
                code: 'REFILL_FORBIDDEN',
            });
        }
        const [{ n: after }] = await t.internals.database.all<{ n: unknown }>(
            `SELECT COUNT(*) AS n FROM refill_audit_log`,
        );
        expect(Number(after)).toBe(Number(before));
    });

    it('reads what it may, answered as the documents say', async () => {
        for (const path of ['/jobs', '/campaigns', '/stores', '/audit', '/messages/stats', '/session']) {
            const res = await analyst.agent.get(`/admin/v1${path}`);
            expect(res.status, path).toBe(200);
            const schema = routes.concat(sessionRoutes).find((r) => r.method === 'get' && r.path === path)
                ?.success.schema;
            if (schema) expect(schema.validate(res.body).error, path).toBeUndefined();
        }
    });
});
