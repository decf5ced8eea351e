import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toDbTime } from '../../plugin/kernel/db/db-time.js';
import { testDesign } from '../helpers/campaign-fixtures.js';
import { createApp } from '../helpers/create-app.js';
import { engines } from '../helpers/test-database.js';
import { startTestRefill, type TestRefill } from '../helpers/test-refill.js';

const PASSWORD = 'correct horse battery';
const DAY = '2026-03-01';

/**
 * Second-person approval of a large send (issue 10, defect 2): every
 * credential resolves to a person, and the approver must be another person
 * than the launcher whatever credential either of them used.
 */
describe.each(engines)('second-person approval on %s', (engine) => {
    let t: TestRefill;
    beforeAll(async () => {
        t = await startTestRefill(engine, 'second_person');
        for (const name of ['anna', 'boris'])
            await t.internals.services.adminAuth.createUser(name, PASSWORD, 'admin', 'test');
    });
    afterAll(async () => t?.close());

    /** A signed-in agent and its CSRF token. */
    async function session(username: string): Promise<{ agent: TestAgent; csrf: string }> {
        const agent = request.agent(createApp(t.refill));
        const res = await agent.post('/admin/v1/session').send({ username, password: PASSWORD });
        expect(res.status).toBe(201);
        return { agent, csrf: res.body.csrfToken as string };
    }
    const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

    /** Creates and launches a campaign, and holds a large run of it for approval. */
    async function launched(code: string, launch: (id: number) => Promise<request.Response>) {
        const { agent, csrf } = await session('boris');
        const created = await agent
            .post('/admin/v1/campaigns')
            .set('X-CSRF-Token', csrf)
            .send({ ...testDesign({ code }), startsAt: undefined, endsAt: undefined });
        expect(created.status).toBe(201);
        const id = created.body.campaign.id as number;
        expect((await launch(id)).status).toBe(200);
        await t.internals.repositories.sendBatches.insert(
            {
                campaignId: id,
                runDay: DAY,
                status: 'awaiting_approval',
                recipients: 5000,
                baseSize: 20000,
                canarySize: 0,
                canaryUntil: null,
                approvedBy: null,
                approvedAt: null,
                note: 'above the guard',
            },
            new Date(),
        );
        return id;
    }
    const approve = (id: number, as: (r: request.Test) => request.Test) =>
        as(request(createApp(t.refill)).post(`/admin/v1/campaigns/${id}/sends/${DAY}/approve`));

    it('an admin cannot approve their own launch through an API token of their own', async () => {
        const anna = await session('anna');
        const id = await launched('SELF-TOKEN', (id) =>
            anna.agent.post(`/admin/v1/campaigns/${id}/launch`).set('X-CSRF-Token', anna.csrf),
        );
        const created = await anna.agent
            .post('/admin/v1/tokens')
            .set('X-CSRF-Token', anna.csrf)
            .send({ name: 'anna-scripts', role: 'admin' });
        expect(created.status).toBe(201);

        const self = await approve(id, (r) => r.set(bearer(created.body.token)));
        expect(self.status).toBe(409);
        expect(self.body.error.code).toBe('REFILL_SECOND_ADMIN_REQUIRED');

        // A token bound to no person cannot vouch for anyone.
        const robot = await t.internals.services.adminTokens.create('robot', 'admin', 'ops');
        const nobody = await approve(id, (r) => r.set(bearer(robot)));
        expect(nobody.status).toBe(409);
        expect(nobody.body.error.code).toBe('REFILL_SECOND_ADMIN_REQUIRED');

        const boris = await session('boris');
        const byBoris = await boris.agent
            .post(`/admin/v1/campaigns/${id}/sends/${DAY}/approve`)
            .set('X-CSRF-Token', boris.csrf);
        expect(byBoris.status).toBe(200);
        expect(byBoris.body.batch).toMatchObject({ status: 'canary', approvedBy: 'boris' });
    });

    it('a launch through a token is its person’s launch: their session cannot approve it, another person’s token can', async () => {
        const anna = await session('anna');
        const token = await t.internals.services.adminTokens.create('anna-crm', 'marketer', 'anna', 'anna');
        const id = await launched('BY-TOKEN', (id) =>
            request(createApp(t.refill)).post(`/admin/v1/campaigns/${id}/launch`).set(bearer(token)),
        );
        const self = await anna.agent
            .post(`/admin/v1/campaigns/${id}/sends/${DAY}/approve`)
            .set('X-CSRF-Token', anna.csrf);
        expect(self.status).toBe(409);
        expect(self.body.error.code).toBe('REFILL_SECOND_ADMIN_REQUIRED');
        const borisToken = await t.internals.services.adminTokens.create(
            'boris-crm',
            'admin',
            'test',
            'BORIS ',
        );
        const ok = await approve(id, (r) => r.set(bearer(borisToken)));
        expect(ok.status).toBe(200);
        expect(ok.body.batch.approvedBy).toBe('boris');
    });

    it('a token of a disabled person stops working', async () => {
        await t.internals.services.adminAuth.createUser('carl', PASSWORD, 'admin', 'test');
        const token = await t.internals.services.adminTokens.create('carl-crm', 'admin', 'test', 'carl');
        expect((await request(createApp(t.refill)).get('/admin/v1/jobs').set(bearer(token))).status).toBe(
            200,
        );
        await t.internals.database.run(
            `UPDATE refill_admin_users SET disabled_at = ? WHERE username = 'carl'`,
            [toDbTime(new Date())],
        );
        expect((await request(createApp(t.refill)).get('/admin/v1/jobs').set(bearer(token))).status).toBe(
            401,
        );
    });
});
