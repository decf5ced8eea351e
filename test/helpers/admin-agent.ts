import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import type { Express } from 'express';
import type { AdminRole } from '../../plugin/kernel/vocabulary/admin-roles.js';
import type { TestRefill } from './test-refill.js';

/** The password every test user gets. */
export const TEST_PASSWORD = 'correct horse battery';

/** A signed-in admin: the cookie agent, the CSRF token and the user's id. */
export interface AdminAgent {
    agent: TestAgent;
    csrf: string;
    userId: number;
    /** A write request with the CSRF header set. */
    write(method: 'post' | 'put' | 'patch' | 'delete', path: string): request.Test;
}

/** Creates a user (a manager bound to `storeIds`) and signs them in on `app`. */
export async function adminAgent(
    t: TestRefill,
    app: Express,
    username: string,
    role: AdminRole,
    storeIds: number[] = [],
): Promise<AdminAgent> {
    await t.internals.services.adminAuth.createUser(username, TEST_PASSWORD, role, 'test', null, storeIds);
    return signIn(app, username);
}

/** Signs an existing user in on `app`. */
export async function signIn(app: Express, username: string, password = TEST_PASSWORD): Promise<AdminAgent> {
    const agent = request.agent(app);
    const res = await agent.post('/admin/v1/session').send({ username, password });
    if (res.status !== 201) throw new Error(`sign-in of ${username} answered ${res.status}`);
    const csrf = res.body.csrfToken as string;
    return {
        agent,
        csrf,
        userId: res.body.user.id as number,
        write: (method, path) => agent[method](path).set('X-CSRF-Token', csrf),
    };
}

/** The ids of the test stores by code. */
export async function storeIds(t: TestRefill): Promise<Record<string, number>> {
    const stores = await t.internals.services.stores.list();
    return Object.fromEntries(stores.map((s) => [s.code, s.id]));
}
