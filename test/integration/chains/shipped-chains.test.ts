import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
    ChainOwnedKindsReader,
    ChainRepository,
    SHIPPED_CHAIN_KEYS,
    ShippedChainsService,
} from '../../../plugin/modules/chains/index.js';
import { ReminderPlannerService } from '../../../plugin/modules/messaging/index.js';
import { createApp } from '../../helpers/create-app.js';
import { engines } from '../../helpers/test-database.js';
import { startChainTestRefill, type ChainTestRefill } from './chain-admin.fixture.js';

/*
 * The shipped chains: seeded as drafts once per key, never over a
 * marketer's edit; and while the shipped welcome chain is active, messaging's
 * own welcome reminder is left to it.
 */
describe.each(engines)('shipped chains on %s', (engine) => {
    let t: ChainTestRefill;
    let api: ReturnType<typeof request>;
    let marketer: string;
    let shipped: ShippedChainsService;
    const now = new Date('2026-03-01T10:00:00.000Z');
    const auth = () => ({ Authorization: `Bearer ${marketer}` });

    beforeAll(async () => {
        t = await startChainTestRefill(engine, 'shipped_chains', { clock: () => new Date(now) });
        api = request(createApp(t.refill));
        marketer = await t.internals.services.adminTokens.create('crm', 'marketer', 'test');
        const db = t.internals.database;
        shipped = new ShippedChainsService(
            db,
            { audit: t.internals.repositories.audit, chains: new ChainRepository(db) },
            () => new Date(now),
        );
    }, 60_000);
    afterAll(async () => t?.close());

    const byKey = async () => {
        const chains = (await api.get('/admin/v1/chains').set(auth())).body.chains as Array<{
            id: number;
            key: string;
            status: string;
            name: string;
        }>;
        return new Map(chains.map((c) => [c.key, c]));
    };

    it('seeds the six chains as drafts once (Refill does on start), and seeds nothing the second time', async () => {
        const chains = await byKey();
        expect([...chains.keys()].sort()).toEqual([...SHIPPED_CHAIN_KEYS].sort());
        for (const c of chains.values()) expect(c.status).toBe('draft');
        expect(await shipped.seed()).toEqual([]);
        const [{ n }] = await t.internals.database.all<{ n: unknown }>(
            `SELECT COUNT(*) AS n FROM refill_audit_log WHERE action = 'chain.seed'`,
        );
        expect(Number(n)).toBe(6);
    });

    it('never overwrites a marketer’s edit, nor brings back an archived chain', async () => {
        const chains = await byKey();
        const winback = chains.get('sleeping-winback')!;
        const design = (await api.get(`/admin/v1/chains/${winback.id}`).set(auth())).body.chain;
        const {
            id: _id,
            status: _s,
            traffic: _t,
            budgetReachedAt: _b,
            createdAt: _c,
            updatedAt: _u,
            activatedAt: _a,
            ...edit
        } = design;
        await api
            .put(`/admin/v1/chains/${winback.id}`)
            .set(auth())
            .send({ ...edit, name: 'Our own win-back', holdoutBp: 1500 })
            .expect(200);
        const thanks = chains.get('wonback-thanks')!;
        await api
            .post(`/admin/v1/chains/${thanks.id}/archive`)
            .set(auth())
            .send({ reason: 'not for us' })
            .expect(200);
        expect(await shipped.seed()).toEqual([]);
        const after = await byKey();
        expect(after.get('sleeping-winback')).toMatchObject({ name: 'Our own win-back', status: 'draft' });
        expect(after.get('wonback-thanks')!.status).toBe('archived');
    });

    it('leaves the welcome to the active welcome chain, and sends the built-in one again once it is paused', async () => {
        const db = t.internals.database;
        const reader = new ChainOwnedKindsReader(db, new ChainRepository(db));
        const planner = new ReminderPlannerService(
            db,
            t.internals.repositories,
            t.internals.config,
            () => new Date(now),
            reader,
        );
        await t.internals.services.customers.upsert(
            '5550001',
            { phone: '+79005550001' },
            { source: 'test', storeId: null },
        );
        const welcome = (await byKey()).get('welcome')!;
        const burn = (await byKey()).get('burn-7')!;
        expect(await reader.ownedKinds()).toEqual(new Set());
        await api.post(`/admin/v1/chains/${welcome.id}/activate`).set(auth()).expect(200);
        await api.post(`/admin/v1/chains/${burn.id}/activate`).set(auth()).expect(200);
        expect(await reader.ownedKinds()).toEqual(new Set(['welcome', 'bonus-expiry']));
        expect(await planner.welcome()).toBe(0);
        await api
            .post(`/admin/v1/chains/${welcome.id}/pause`)
            .set(auth())
            .send({ reason: 'back to built-in' })
            .expect(200);
        expect(await reader.ownedKinds()).toEqual(new Set(['bonus-expiry']));
        expect(await planner.welcome()).toBe(1);
    });
});
