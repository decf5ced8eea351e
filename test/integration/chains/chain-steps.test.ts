import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MS_PER_DAY, MS_PER_HOUR } from '../../../plugin/kernel/units/time.js';
import type { ChainDesign } from '../../../plugin/modules/chains/index.js';
import { LinkSigner } from '../../../plugin/modules/messaging/link-signer.js';
import { engines } from '../../helpers/test-database.js';
import { startTestRefill, TestClock, type TestRefill } from '../../helpers/test-refill.js';
import {
    buy,
    chainDesign,
    enrol,
    insertChain,
    runsOf,
    setChainStatus,
    stepAll,
    trail,
} from './chain-engine.fixtures.js';

/**
 * Each step kind on a real database: send (a reminder cascade attributed to
 * the chain and run, which the dispatcher sends and attributes), wait (hours,
 * or until an event), branch, grant (through the ledger), exit; priorities
 * between chains; the budget cap; goals, stop events and holdout runs.
 */
describe.each(engines)('chain steps on %s', (engine) => {
    let t: TestRefill;
    // 10:00 in Moscow: inside the sending hours.
    const clock = new TestClock(new Date('2026-03-02T07:00:00.000Z'));
    let cards = 0;
    const chains = () => t.internals.services.chains;
    const db = () => t.internals.database;

    /** A chain and one customer entered into it now; returns the chain, run and customer ids and the card. */
    async function started(design: Partial<ChainDesign>) {
        const chainId = await insertChain(t, chainDesign(design));
        const card = `30000${String(++cards).padStart(2, '0')}`;
        const customerId = await enrol(t, card);
        await db().transaction(async (tx) =>
            chains().entry.enter(
                tx,
                (await chains().chains.byId(chainId))!,
                [{ customerId, occurrence: 'test' }],
                null,
                clock.fn(),
            ),
        );
        const [run] = await runsOf(t, chainId);
        return { chainId, runId: run.id, customerId, card };
    }
    const run = async (id: number) => (await chains().runs.find(db(), id))!;

    beforeAll(async () => {
        t = await startTestRefill(engine, 'chain-steps', { clock: clock.fn });
    });
    afterAll(async () => {
        await t?.close();
    });

    it('sends through a reminder cascade keyed by run and step; the dispatcher attributes its messages to the chain', async () => {
        const s = await started({ steps: [{ id: 'hi', type: 'send', kind: 'welcome', channels: ['sms'] }] });
        await stepAll(t);
        expect(await trail(t, s.runId)).toEqual(['hi:planned']);
        expect(await run(s.runId)).toMatchObject({ status: 'done', endReason: 'last-step', stepSeq: 1 });
        const cascade = await t.internals.repositories.cascades.findByKey(`chain:${s.runId}:0`);
        expect(cascade).toMatchObject({
            chainId: s.chainId,
            chainRunId: s.runId,
            kind: 'welcome',
            customerId: s.customerId,
        });
        await t.internals.services.dispatcher.run();
        const messages = await db().all<{ channel: string }>(
            'SELECT channel FROM refill_messages WHERE chain_id = ?',
            [s.chainId],
        );
        expect(messages.map((m) => m.channel)).toEqual(['sms']);
        expect(await chains().messages.outcome(db(), `chain:${s.runId}:0`)).toMatchObject({ planned: true });
        await setChainStatus(t, s.chainId, 'archived');
    });

    it('waits hours, or until the event it waits for', async () => {
        const design: Partial<ChainDesign> = {
            steps: [
                { id: 'w', type: 'wait', hours: 24, until: 'purchase' },
                { id: 'x', type: 'exit' },
            ],
            reentry: { rule: 'always' },
        };
        const a = await started(design);
        await stepAll(t);
        expect(await run(a.runId)).toMatchObject({ status: 'waiting', stepId: 'x', waitingFor: 'purchase' });
        expect((await run(a.runId)).nextAt?.getTime()).toBe(clock.fn().getTime() + 24 * MS_PER_HOUR);
        await buy(t, clock, a.card, `W-${a.card}`);
        expect(await run(a.runId)).toMatchObject({ status: 'active', waitingFor: null });
        await stepAll(t);
        expect(await trail(t, a.runId)).toEqual(['w:waiting', 'x:exit']);
        expect(await run(a.runId)).toMatchObject({ status: 'done', endReason: 'exit' });
        await setChainStatus(t, a.chainId, 'archived');
        const b = await started(design);
        await stepAll(t);
        clock.now = new Date(clock.now.getTime() + 23 * MS_PER_HOUR);
        await stepAll(t);
        expect((await run(b.runId)).status).toBe('waiting');
        clock.now = new Date(clock.now.getTime() + MS_PER_HOUR);
        await stepAll(t);
        expect(await trail(t, b.runId)).toEqual(['w:waiting', 'x:exit']);
        await setChainStatus(t, b.chainId, 'archived');
    });

    it('branches on a purchase since the step before, and grants a bonus through the ledger with its lifetime', async () => {
        const design: Partial<ChainDesign> = {
            steps: [
                { id: 'w', type: 'wait', hours: 1 },
                { id: 'b', type: 'branch', condition: 'bought', then: 'g', otherwise: 'e' },
                { id: 'e', type: 'exit' },
                { id: 'g', type: 'grant', bonus: 150, lifetimeDays: 14 },
            ],
        };
        const buyer = await started(design);
        const idle = (await started(design)).runId;
        const idleChain = (await run(idle)).chainId;
        await stepAll(t);
        clock.now = new Date(clock.now.getTime() + 30 * 60_000);
        await buy(t, clock, buyer.card, `G-${buyer.card}`);
        clock.now = new Date(clock.now.getTime() + 30 * 60_000);
        await stepAll(t);
        expect(await trail(t, buyer.runId)).toEqual(['w:waiting', 'b:then', 'g:granted']);
        expect(await trail(t, idle)).toEqual(['w:waiting', 'b:otherwise', 'e:exit']);
        const lots = await db().all<{ amount: unknown; expires_at: unknown }>(
            "SELECT amount, expires_at FROM refill_bonus_lots WHERE customer_id = ? AND kind = 'manual'",
            [buyer.customerId],
        );
        expect(lots.map((l) => Number(l.amount))).toEqual([150]);
        expect(db().time(lots[0].expires_at).getTime()).toBe(clock.fn().getTime() + 14 * MS_PER_DAY);
        expect(await chains().stepLog.costOf(db(), buyer.chainId)).toBe(150);
        for (const id of [buyer.chainId, idleChain]) await setChainStatus(t, id, 'archived');
    });

    it('branches on delivery of the run’s last send', async () => {
        const s = await started({
            steps: [
                { id: 's', type: 'send', kind: 'welcome' },
                { id: 'w', type: 'wait', hours: 1 },
                { id: 'b', type: 'branch', condition: 'delivered', then: 'x', otherwise: 'y' },
                { id: 'y', type: 'exit' },
                { id: 'x', type: 'exit' },
            ],
        });
        await stepAll(t);
        await t.internals.services.dispatcher.run();
        await db().run("UPDATE refill_messages SET status = 'delivered' WHERE chain_id = ?", [s.chainId]);
        clock.now = new Date(clock.now.getTime() + MS_PER_HOUR);
        await stepAll(t);
        expect(await trail(t, s.runId)).toEqual(['s:planned', 'w:waiting', 'b:then', 'x:exit']);
        await setChainStatus(t, s.chainId, 'archived');
    });

    it('ends a run at the budget cap and marks the chain', async () => {
        const s = await started({
            budgetCap: 100,
            steps: [
                { id: 'g1', type: 'grant', bonus: 100, lifetimeDays: 30 },
                { id: 'g2', type: 'grant', bonus: 100, lifetimeDays: 30 },
            ],
        });
        await stepAll(t);
        expect(await trail(t, s.runId)).toEqual(['g1:granted', 'g2:budget']);
        expect(await run(s.runId)).toMatchObject({ status: 'budget', endReason: 'budget' });
        const [chain] = await db().all<{ budget_reached_at: unknown }>(
            'SELECT budget_reached_at FROM refill_chains WHERE id = ?',
            [s.chainId],
        );
        expect(chain.budget_reached_at).not.toBeNull();
        await setChainStatus(t, s.chainId, 'archived');
    });

    it('gives a customer one chain message a day: the higher priority sends, the other waits for tomorrow', async () => {
        const high = await insertChain(t, chainDesign({ priority: 1 }));
        const low = await insertChain(t, chainDesign({ priority: 5 }));
        const customerId = await enrol(t, '3999999');
        // The lower priority enters first: it still waits, as the higher one will send today.
        for (const id of [low, high])
            await db().transaction(async (tx) =>
                chains().entry.enter(
                    tx,
                    (await chains().chains.byId(id))!,
                    [{ customerId, occurrence: 'p' }],
                    null,
                    clock.fn(),
                ),
            );
        const [lowRun] = await runsOf(t, low);
        const [highRun] = await runsOf(t, high);
        await stepAll(t);
        expect(await trail(t, highRun.id)).toEqual(['s1:planned']);
        expect(await trail(t, lowRun.id)).toEqual([]);
        const tomorrow = (await run(lowRun.id)).nextAt!;
        // Midnight in Moscow (UTC+3) after today.
        const today = new Date(clock.now.getTime() + 3 * MS_PER_HOUR).toISOString().slice(0, 10);
        expect(tomorrow.getTime()).toBe(new Date(`${today}T21:00:00.000Z`).getTime());
        clock.now = new Date(tomorrow.getTime() + 8 * MS_PER_HOUR);
        await stepAll(t);
        expect(await trail(t, lowRun.id)).toEqual(['s1:planned']);
        for (const id of [high, low]) await setChainStatus(t, id, 'archived');
    });

    it('stops runs whose chain stops on `unsubscribed` when the customer withdraws marketing consent by an unsubscribe link', async () => {
        const stops = await insertChain(
            t,
            chainDesign({
                stopOn: ['unsubscribed'],
                steps: [
                    { id: 'w', type: 'wait', hours: 48 },
                    { id: 's', type: 'send', kind: 'welcome' },
                ],
            }),
        );
        const keeps = await insertChain(
            t,
            chainDesign({
                steps: [
                    { id: 'w', type: 'wait', hours: 48 },
                    { id: 's', type: 'send', kind: 'welcome' },
                ],
            }),
        );
        const leaver = await enrol(t, '3777771');
        for (const id of [stops, keeps])
            await db().transaction(async (tx) =>
                chains().entry.enter(
                    tx,
                    (await chains().chains.byId(id))!,
                    [{ customerId: leaver, occurrence: 'u' }],
                    null,
                    clock.fn(),
                ),
            );
        await stepAll(t);
        const signer = new LinkSigner(t.internals.repositories.settings, undefined, clock.fn);
        await t.internals.services.inbound.unsubscribe(
            await signer.unsubscribeToken({ customerId: leaver, channel: 'sms' }),
        );
        expect((await runsOf(t, stops))[0]).toMatchObject({ status: 'stopped', endReason: 'unsubscribed' });
        expect((await runsOf(t, keeps))[0]).toMatchObject({ status: 'waiting' });
    });

    it('ends runs on their goal within the window (holdout runs too) and on stop events; holdouts end when the window passes', async () => {
        const goal = await insertChain(
            t,
            chainDesign({ goal: 'purchase', goalWindowDays: 10, holdoutBp: 10_000 }),
        );
        const stop = await insertChain(
            t,
            chainDesign({
                stopOn: ['purchase'],
                steps: [
                    { id: 'w', type: 'wait', hours: 48 },
                    { id: 'x', type: 'exit' },
                ],
            }),
        );
        const buyer = await enrol(t, '3888881');
        const idle = await enrol(t, '3888882');
        for (const id of [goal, stop])
            await db().transaction(async (tx) =>
                chains().entry.enter(
                    tx,
                    (await chains().chains.byId(id))!,
                    [buyer, idle].map((customerId) => ({ customerId, occurrence: 'g' })),
                    null,
                    clock.fn(),
                ),
            );
        await stepAll(t);
        clock.now = new Date(clock.now.getTime() + MS_PER_HOUR);
        await buy(t, clock, '3888881', 'GOAL-1');
        const byCustomer = async (id: number) => new Map((await runsOf(t, id)).map((r) => [r.customerId, r]));
        expect((await byCustomer(goal)).get(buyer)).toMatchObject({
            group: 'holdout',
            status: 'goal',
            endReason: 'purchase',
        });
        expect((await byCustomer(goal)).get(buyer)?.goalAt).not.toBeNull();
        expect((await byCustomer(stop)).get(buyer)).toMatchObject({
            status: 'stopped',
            endReason: 'purchase',
        });
        clock.now = new Date(clock.now.getTime() + 10 * MS_PER_DAY);
        await stepAll(t);
        expect((await byCustomer(goal)).get(idle)).toMatchObject({
            status: 'done',
            endReason: 'goal-window',
            goalAt: null,
        });
        expect(await trail(t, (await byCustomer(goal)).get(idle)!.id)).toEqual([]);
        for (const id of [goal, stop]) await setChainStatus(t, id, 'archived');
    });

    it('cancels the runs of an archived chain and holds those of a paused one', async () => {
        const paused = await started({ steps: [{ id: 'x', type: 'exit' }] });
        await setChainStatus(t, paused.chainId, 'paused');
        await stepAll(t);
        expect(await run(paused.runId)).toMatchObject({ status: 'active', stepSeq: 0 });
        await setChainStatus(t, paused.chainId, 'archived');
        clock.now = new Date(clock.now.getTime() + 2 * MS_PER_HOUR);
        await stepAll(t);
        expect(await run(paused.runId)).toMatchObject({ status: 'cancelled', endReason: 'chain-gone' });
    });
});
