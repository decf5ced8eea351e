import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toDbTime } from '../../../plugin/kernel/db/db-time.js';
import { MS_PER_DAY } from '../../../plugin/kernel/units/time.js';
import { GLOBAL_CONTROL_SETTING, inGlobalControl } from '../../../plugin/modules/campaigns/index.js';
import { chainGroup, createChainEngine } from '../../../plugin/modules/chains/index.js';
import type { SegmentMembersReader } from '../../../plugin/modules/segments/index.js';
import { engines } from '../../helpers/test-database.js';
import { startTestRefill, TestClock, type TestRefill } from '../../helpers/test-refill.js';
import {
    buy,
    chainDesign,
    customerId,
    enrol,
    insertChain,
    runsOf,
    setChainStatus,
} from './chain-engine.fixtures.js';

/**
 * Entry into trigger chains on a real database: each trigger (the sale's,
 * the segment job's, the periodic scan's), the re-entry rules, the cap on
 * concurrent runs, the global control group and the holdout assignment.
 */
describe.each(engines)('chain entry on %s', (engine) => {
    let t: TestRefill;
    const clock = new TestClock(new Date('2026-03-02T07:00:00.000Z'));
    const chains = () => t.internals.services.chains;
    const tx = <T>(
        work: (
            exec: Parameters<Parameters<TestRefill['internals']['database']['transaction']>[0]>[0],
        ) => Promise<T>,
    ) => t.internals.database.transaction(work);

    beforeAll(async () => {
        t = await startTestRefill(engine, 'chain-entry', { clock: clock.fn });
    });
    afterAll(async () => {
        await t?.close();
    });

    it('enters a card enrolled by a sale into an enrolment chain, once', async () => {
        const id = await insertChain(t, chainDesign({ trigger: { type: 'enrolled' } }));
        await buy(t, clock, '1000001', 'E-1');
        await buy(t, clock, '1000001', 'E-2');
        const runs = await runsOf(t, id);
        expect(runs).toHaveLength(1);
        expect(runs[0]).toMatchObject({
            customerId: await customerId(t, '1000001'),
            group: 'test',
            status: 'active',
            stepId: 's1',
            stepSeq: 0,
            entryKey: `${id}:${await customerId(t, '1000001')}:enrolled`,
        });
        await setChainStatus(t, id, 'archived');
    });

    it('enters on the first purchase only, and on a purchase in a category', async () => {
        const first = await insertChain(t, chainDesign({ trigger: { type: 'first-purchase' } }));
        const [cat] = await t.internals.database.all<{ id: unknown }>(
            "SELECT id FROM refill_categories WHERE code = 'C09'",
        );
        const inCat = await insertChain(
            t,
            chainDesign({
                trigger: { type: 'purchase-in-category', categoryId: Number(cat.id) },
                reentry: { rule: 'always' },
            }),
        );
        await enrol(t, '1000002');
        await buy(t, clock, '1000002', 'F-1');
        await buy(t, clock, '1000002', 'F-2', { sku: 'PROMO-1' });
        expect(await runsOf(t, first)).toHaveLength(1);
        expect(await runsOf(t, inCat)).toHaveLength(1);
        await setChainStatus(t, first, 'archived');
        await setChainStatus(t, inCat, 'archived');
    });

    it('enters when the available balance crosses a value upward, not when it stays above', async () => {
        const id = await insertChain(
            t,
            chainDesign({ trigger: { type: 'balance-crossed', amount: 1000 }, reentry: { rule: 'always' } }),
        );
        const customer = await enrol(t, '1000003');
        const event = (purchaseId: number, available: number, earned: number) => ({
            purchaseId,
            receiptId: `B-${purchaseId}`,
            customerId: customer,
            storeId: 1,
            storeCode: 'S1',
            categoryIds: [],
            purchasedAt: clock.fn(),
            committedAt: clock.fn(),
            total: 10000,
            earned,
            redeemed: 0,
            enrolled: false,
            balance: { available, pending: 0, debt: 0 },
        });
        expect((await tx((e) => chains().triggers.onPurchase(event(900001, 1200, 100), e))).entered).toBe(0);
        expect((await tx((e) => chains().triggers.onPurchase(event(900002, 1100, 300), e))).entered).toBe(1);
        expect(await runsOf(t, id)).toHaveLength(1);
        await setChainStatus(t, id, 'archived');
    });

    it('enters customers the segment job moved into the segment', async () => {
        const id = await insertChain(
            t,
            chainDesign({ trigger: { type: 'segment-entered', segment: 'sleeping' } }),
        );
        const a = await enrol(t, '1000004');
        const b = await enrol(t, '1000005');
        const counts = await tx((e) =>
            chains().triggers.onLifecycle(
                {
                    day: '2026-03-02',
                    classifiedAt: clock.fn(),
                    transitions: [
                        { customerId: a, from: 'regular', to: 'sleeping' },
                        { customerId: b, from: 'sleeping', to: 'churned' },
                    ],
                },
                e,
            ),
        );
        expect(counts.entered).toBe(1);
        expect((await runsOf(t, id)).map((r) => r.customerId)).toEqual([a]);
        await setChainStatus(t, id, 'archived');
    });

    it('scans for bonuses about to burn, with the first burning lot as the deadline, once per burn day', async () => {
        const id = await insertChain(t, chainDesign({ trigger: { type: 'bonuses-burning', daysBefore: 7 } }));
        const soon = await enrol(t, '1000006');
        await enrol(t, '1000007');
        const { adjustments } = t.internals.services;
        await adjustments.adjust({
            cardNumber: '1000006',
            amount: 500,
            reason: 'test',
            author: 't',
            lifetimeDays: 5,
        });
        await adjustments.adjust({
            cardNumber: '1000007',
            amount: 500,
            reason: 'test',
            author: 't',
            lifetimeDays: 20,
        });
        expect((await chains().triggers.scan()).entered).toBe(1);
        expect((await chains().triggers.scan()).entered).toBe(0);
        const [run] = await runsOf(t, id);
        expect(run.customerId).toBe(soon);
        expect(run.deadlineAt?.getTime()).toBe(clock.fn().getTime() + 5 * MS_PER_DAY);
        await setChainStatus(t, id, 'archived');
    });

    it('scans for birthdays (refill_customers.birth_date), once a year', async () => {
        const id = await insertChain(t, chainDesign({ trigger: { type: 'birthday' } }));
        const today = await enrol(t, '1000008');
        const other = await enrol(t, '1000009');
        await t.internals.database.run('UPDATE refill_customers SET birth_date = ? WHERE id = ?', [
            '1990-03-02',
            today,
        ]);
        await t.internals.database.run('UPDATE refill_customers SET birth_date = ? WHERE id = ?', [
            '1990-03-03',
            other,
        ]);
        expect((await chains().triggers.scan()).entered).toBe(1);
        expect((await runsOf(t, id))[0].entryKey).toBe(`${id}:${today}:y2026`);
        await setChainStatus(t, id, 'archived');
    });

    it('enters the members of a scheduled audience through the segments port, once a day', async () => {
        const a = await enrol(t, '1000010');
        const b = await enrol(t, '1000011');
        const members: SegmentMembersReader = {
            async membersOf(_audience, afterId, limit) {
                return [a, b].filter((id) => id > afterId).slice(0, limit);
            },
            async whichAreIn(_audience, ids) {
                return new Set(ids.filter((id) => id === a || id === b));
            },
        };
        const own = createChainEngine({
            db: t.internals.database,
            repos: t.internals.repositories,
            config: t.internals.config,
            clock: clock.fn,
            members,
        });
        const id = await insertChain(
            t,
            chainDesign({
                trigger: { type: 'schedule', every: 'day', audience: { lifecycle: 'sleeping' } },
                reentry: { rule: 'always' },
            }),
        );
        expect((await own.triggers.scan()).entered).toBe(2);
        expect((await own.triggers.scan()).entered).toBe(0);
        await setChainStatus(t, id, 'archived');
    });

    it('applies the re-entry rules: once, every N days, always (one open run at a time)', async () => {
        const customer = await enrol(t, '1000012');
        const once = await insertChain(t, chainDesign({ reentry: { rule: 'once' } }));
        const every = await insertChain(t, chainDesign({ reentry: { rule: 'every', days: 10 } }));
        const live = async (id: number) => (await chains().chains.byId(id))!;
        const enter = (id: number, occurrence: string) =>
            tx(async (e) =>
                chains().entry.enter(
                    e,
                    await live(id),
                    [{ customerId: customer, occurrence }],
                    null,
                    clock.fn(),
                ),
            );
        const finish = (id: number) =>
            t.internals.database.run(
                "UPDATE refill_chain_runs SET status = 'done', next_at = NULL WHERE chain_id = ? AND customer_id = ?",
                [id, customer],
            );
        expect((await enter(once, 'a')).entered).toBe(1);
        await finish(once);
        expect((await enter(once, 'b')).reentry).toBe(1);
        expect((await enter(every, 'a')).entered).toBe(1);
        expect((await enter(every, 'b')).reentry).toBe(1); // still open
        await finish(every);
        expect((await enter(every, 'c')).reentry).toBe(1); // too soon
        clock.advanceDays(10);
        expect((await enter(every, 'd')).entered).toBe(1);
        await finish(every);
        // A retried entry of the same occurrence enters once: the entry key.
        await t.internals.database.run(
            'UPDATE refill_chains SET reentry_json = \'{"rule":"always"}\' WHERE id = ?',
            [every],
        );
        chains().chains.invalidate();
        expect((await enter(every, 'd')).duplicate).toBe(1);
        expect(await runsOf(t, every)).toHaveLength(2);
        for (const id of [once, every]) await setChainStatus(t, id, 'archived');
    });

    it('caps the open test runs a customer has across chains', async () => {
        const customer = await enrol(t, '1000013');
        const ids = [
            await insertChain(t, chainDesign({ priority: 1 })),
            await insertChain(t, chainDesign({ priority: 2 })),
            await insertChain(t, chainDesign({ priority: 3 })),
        ];
        const verdicts = [];
        for (const id of ids)
            verdicts.push(
                await tx(async (e) =>
                    chains().entry.enter(
                        e,
                        (await chains().chains.byId(id))!,
                        [{ customerId: customer, occurrence: 'x' }],
                        null,
                        clock.fn(),
                    ),
                ),
            );
        expect(verdicts.map((v) => (v.entered ? 'entered' : v.cap ? 'cap' : '?'))).toEqual([
            'entered',
            'entered',
            'cap',
        ]);
        for (const id of ids) await setChainStatus(t, id, 'archived');
    });

    it('keeps the global control group out of marketing chains only, and assigns holdouts by hash, write-once', async () => {
        const control = { seed: 'gc-test', shareBp: 2000 };
        await t.internals.repositories.settings.set(
            GLOBAL_CONTROL_SETTING,
            JSON.stringify(control),
            clock.fn(),
        );
        chains().chains.invalidate();
        const marketing = await insertChain(
            t,
            chainDesign({ steps: [{ id: 'm', type: 'send', kind: 'offer-expiry' }], holdoutBp: 5000 }),
        );
        const service = await insertChain(t, chainDesign({ holdoutBp: 0 }));
        const customers: number[] = [];
        for (let i = 0; i < 30; i++) customers.push(await enrol(t, `20000${String(i).padStart(2, '0')}`));
        for (const id of [marketing, service])
            await tx(async (e) =>
                chains().entry.enter(
                    e,
                    (await chains().chains.byId(id))!,
                    customers.map((c) => ({ customerId: c, occurrence: 'gc' })),
                    await chains().chains.globalControl(),
                    clock.fn(),
                ),
            );
        const inControl = customers.filter((c) => inGlobalControl(control, c));
        const marketingRuns = await runsOf(t, marketing);
        expect(marketingRuns.map((r) => r.customerId).sort()).toEqual(
            customers.filter((c) => !inControl.includes(c)).sort(),
        );
        expect(await runsOf(t, service)).toHaveLength(30);
        for (const run of marketingRuns) {
            expect(run.group).toBe(chainGroup(marketing, run.customerId, 5000));
            if (run.group === 'holdout') {
                expect(run.stepId).toBeNull();
                expect(run.nextAt?.getTime()).toBe(run.enteredAt.getTime() + 30 * MS_PER_DAY);
            } else expect(run.stepId).toBe('m');
        }
        expect(new Set(marketingRuns.map((r) => r.group))).toEqual(new Set(['test', 'holdout']));
        await t.internals.database.run('DELETE FROM refill_settings WHERE name = ?', [
            GLOBAL_CONTROL_SETTING,
        ]);
        chains().chains.invalidate();
        for (const id of [marketing, service]) await setChainStatus(t, id, 'archived');
        void toDbTime;
    });
});
