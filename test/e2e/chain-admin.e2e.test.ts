import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../helpers/create-app.js';
import { engines } from '../helpers/test-database.js';
import {
    insertRun,
    startChainTestRefill,
    testChainDesign,
    type ChainTestRefill,
} from '../integration/chains/chain-admin.fixture.js';

/*
 * The chains admin API as a marketer and an analyst reach it: create, read,
 * edit with a version, the design checks by path, activate / pause /
 * archive, the live step counts, roles, and an audit entry for every change.
 */
describe.each(engines)('chains admin API on %s', (engine) => {
    let t: ChainTestRefill;
    let api: ReturnType<typeof request>;
    let marketer: string;
    let analyst: string;
    const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
    const audit = async (action: string) =>
        t.internals.database.all<{ actor: string; entity_id: string; details: string }>(
            `SELECT actor, entity_id, details FROM refill_audit_log WHERE action = ? ORDER BY id`,
            [action],
        );

    beforeAll(async () => {
        t = await startChainTestRefill(engine, 'chain_admin_e2e');
        api = request(createApp(t.refill, '/loyalty'));
        marketer = await t.internals.services.adminTokens.create('crm', 'marketer', 'test');
        analyst = await t.internals.services.adminTokens.create('bi', 'analyst', 'test');
    }, 60_000);
    afterAll(async () => t?.close());

    const base = '/loyalty/admin/v1/chains';

    it('creates a draft, reads it back with its version and traffic, and audits the creation', async () => {
        const res = await api
            .post(base)
            .set(auth(marketer))
            .send(testChainDesign({ key: 'created' }));
        expect(res.status).toBe(201);
        expect(res.body.chain).toMatchObject({
            key: 'created',
            status: 'draft',
            version: 1,
            traffic: 'marketing',
        });
        const got = await api.get(`${base}/${res.body.chain.id}`).set(auth(analyst));
        expect(got.status).toBe(200);
        expect(got.body.chain.steps).toHaveLength(5);
        expect(got.body.chain.reentry).toEqual({ rule: 'once' });
        const entries = await audit('chain.create');
        expect(entries.map((e) => e.entity_id)).toContain(String(res.body.chain.id));
        expect(entries.at(-1)?.actor).toBe('token:crm');
    });

    it('answers 400 with the path of every bad field, from joi and from the design checks, and writes nothing', async () => {
        const before = (await api.get(base).set(auth(analyst))).body.chains.length;
        const bad = await api
            .post(base)
            .set(auth(marketer))
            .send({ ...testChainDesign({ key: 'bad' }), steps: [{ id: 'w', type: 'wait', hours: 0 }] });
        expect(bad.status).toBe(400);
        expect(bad.body.error.code).toBe('REFILL_VALIDATION');
        expect(bad.body.error.details.map((d: { path: string }) => d.path)).toEqual(['steps[0].hours']);

        const design = testChainDesign({ key: 'bad-2' });
        design.steps = [
            { id: 'a', type: 'send', kind: 'lapse-offer' },
            { id: 'a', type: 'wait', hours: 2 },
            { id: 'b', type: 'branch', condition: 'bought', then: 'nowhere' },
        ];
        const checked = await api.post(base).set(auth(marketer)).send(design);
        expect(checked.status).toBe(400);
        expect(checked.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
            'steps[0].kind',
            'steps[1].id',
            'steps[2].then',
        ]);
        expect((await api.get(base).set(auth(analyst))).body.chains.length).toBe(before);
    });

    it('refuses a taken key with 409', async () => {
        await api
            .post(base)
            .set(auth(marketer))
            .send(testChainDesign({ key: 'taken' }))
            .expect(201);
        const again = await api
            .post(base)
            .set(auth(marketer))
            .send(testChainDesign({ key: 'taken' }));
        expect(again.status).toBe(409);
        expect(again.body.error.details[0].path).toBe('key');
    });

    it('saves an edit over the version read, and answers 409 to a stale version without writing', async () => {
        const { id } = (
            await api
                .post(base)
                .set(auth(marketer))
                .send(testChainDesign({ key: 'edited' }))
        ).body.chain;
        const first = await api
            .put(`${base}/${id}`)
            .set(auth(marketer))
            .send({ ...testChainDesign({ key: 'edited', name: 'First edit' }), version: 1 });
        expect(first.status).toBe(200);
        expect(first.body.chain).toMatchObject({ name: 'First edit', version: 2 });
        const stale = await api
            .put(`${base}/${id}`)
            .set(auth(marketer))
            .send({ ...testChainDesign({ key: 'edited', name: 'Stale edit' }), version: 1 });
        expect(stale.status).toBe(409);
        expect(stale.body.error.code).toBe('REFILL_CONFLICT');
        expect(stale.body.error.details).toMatchObject({ currentVersion: 2, sentVersion: 1 });
        expect((await api.get(`${base}/${id}`).set(auth(analyst))).body.chain.name).toBe('First edit');
        const updates = await audit('chain.update');
        expect(JSON.parse(updates.at(-1)!.details).changes).toEqual({ name: 'First edit' });
    });

    it('keeps the steps runs stand on: removing one answers 409 naming it', async () => {
        const { id } = (
            await api
                .post(base)
                .set(auth(marketer))
                .send(testChainDesign({ key: 'busy' }))
        ).body.chain;
        await api.post(`${base}/${id}/activate`).set(auth(marketer)).expect(200);
        const entered = new Date('2026-03-01T10:00:00Z');
        for (const customerId of [1, 2])
            await insertRun(t.internals, {
                chainId: id,
                customerId,
                group: 'test',
                status: 'waiting',
                stepId: 'wait',
                enteredAt: entered,
            });
        const design = testChainDesign({ key: 'busy' });
        design.steps = design.steps.filter((s) => s.id !== 'wait');
        const res = await api
            .put(`${base}/${id}`)
            .set(auth(marketer))
            .send({ ...design, version: 1 });
        expect(res.status).toBe(409);
        expect(res.body.error.details.steps).toEqual([{ stepId: 'wait', runs: 2 }]);

        const steps = await api.get(`${base}/${id}/steps`).set(auth(analyst));
        expect(steps.status).toBe(200);
        expect(steps.body.steps.find((s: { stepId: string }) => s.stepId === 'wait')).toEqual({
            stepId: 'wait',
            type: 'wait',
            at: { test: 2, holdout: 0 },
            passed: { test: 0, holdout: 0 },
        });
        const list = await api.get(base).set(auth(analyst));
        expect(list.body.chains.find((c: { id: number }) => c.id === id)).toMatchObject({
            key: 'busy',
            status: 'active',
            activeRuns: 2,
            goalRate: 0,
        });
    });

    it('moves a chain draft → active → paused → archived, cancelling open runs, and refuses moves from the wrong status', async () => {
        const { id } = (
            await api
                .post(base)
                .set(auth(marketer))
                .send(testChainDesign({ key: 'moved' }))
        ).body.chain;
        expect(
            (await api.post(`${base}/${id}/pause`).set(auth(marketer)).send({ reason: 'not yet' })).status,
        ).toBe(409);
        expect((await api.post(`${base}/${id}/activate`).set(auth(marketer))).body.chain.status).toBe(
            'active',
        );
        await insertRun(t.internals, {
            chainId: id,
            customerId: 9,
            group: 'test',
            status: 'active',
            stepId: 'send',
            enteredAt: new Date('2026-03-01T10:00:00Z'),
        });
        const noReason = await api.post(`${base}/${id}/pause`).set(auth(marketer)).send({});
        expect(noReason.status).toBe(400);
        expect(noReason.body.error.details[0].path).toBe('reason');
        const paused = await api
            .post(`${base}/${id}/pause`)
            .set(auth(marketer))
            .send({ reason: 'holiday season' });
        expect(paused.body.chain.status).toBe('paused');
        const archived = await api
            .post(`${base}/${id}/archive`)
            .set(auth(marketer))
            .send({ reason: 'replaced' });
        expect(archived.body.chain.status).toBe('archived');
        const [run] = await t.internals.database.all<{ status: string; end_reason: string }>(
            `SELECT status, end_reason FROM refill_chain_runs WHERE chain_id = ?`,
            [id],
        );
        expect(run).toEqual({ status: 'cancelled', end_reason: 'archived' });
        const archive = (await audit('chain.archive')).at(-1)!;
        expect(JSON.parse(archive.details)).toMatchObject({
            from: 'paused',
            reason: 'replaced',
            cancelledRuns: 1,
        });
        expect(JSON.parse((await audit('chain.pause')).at(-1)!.details).reason).toBe('holiday season');
        const edit = await api
            .put(`${base}/${id}`)
            .set(auth(marketer))
            .send({ ...testChainDesign({ key: 'moved' }), version: 1 });
        expect(edit.status).toBe(409);
    });

    it('lets the analyst read and never write, and answers 404 for an unknown chain', async () => {
        expect((await api.get(base).set(auth(analyst))).status).toBe(200);
        const write = await api
            .post(base)
            .set(auth(analyst))
            .send(testChainDesign({ key: 'analyst' }));
        expect(write.status).toBe(403);
        expect(write.body.error.code).toBe('REFILL_FORBIDDEN');
        expect((await api.get(`${base}/999999`).set(auth(analyst))).status).toBe(404);
    });

    it('lists the template variables of the chains’ new message kinds, with the unsubscribe link they need', async () => {
        for (const kind of ['second-purchase', 'winback', 'wonback-thanks']) {
            const res = await api
                .get(`/loyalty/admin/v1/templates/variables?kind=${kind}`)
                .set(auth(analyst));
            expect(res.status).toBe(200);
            const names = JSON.stringify(res.body);
            for (const name of ['customer.balance', 'chain.name', 'unsubscribeUrl'])
                expect(names).toContain(name);
        }
    });

    it('lists the chain routes in the admin OpenAPI document', async () => {
        const doc = (await api.get('/loyalty/admin/v1/openapi.json').set(auth(analyst))).body;
        for (const path of ['/chains', '/chains/{id}', '/chains/{id}/report', '/program/global-control'])
            expect(Object.keys(doc.paths)).toContain(path);
    });
});
