import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MS_PER_MINUTE } from '../../../plugin/kernel/units/time.js';
import { createChainEngine, type ChainDesign } from '../../../plugin/modules/chains/index.js';
import { engines } from '../../helpers/test-database.js';
import { startTestRefill, TestClock, type TestRefill } from '../../helpers/test-refill.js';
import { chainDesign, enrol, insertChain, runsOf, setChainStatus, trail } from './chain-engine.fixtures.js';

/** Crashes once, after the effect of the first step of `type` it sees, before the commit. */
function crashOnce(type: string) {
    let crashed = 0;
    return {
        get crashed() {
            return crashed;
        },
        hook: (_run: unknown, step: { type: string }) => {
            if (step.type === type && crashed === 0) {
                crashed++;
                throw new Error('injected crash after the effect');
            }
        },
    };
}

/**
 * Exactly once: a step whose transaction dies after its effect leaves no
 * trace and is done once by the retry; a retried job, two runners at once
 * (MariaDB: SKIP LOCKED claims, row locks) and entries racing steps never
 * execute a step twice or break the cap.
 */
describe.each(engines)('chain steps exactly once on %s', (engine) => {
    let t: TestRefill;
    const clock = new TestClock(new Date('2026-03-02T07:00:00.000Z'));
    let cards = 0;
    const db = () => t.internals.database;
    const chains = () => t.internals.services.chains;
    const ownEngine = (afterEffect?: (run: never, step: { type: string }) => void) =>
        createChainEngine({
            db: db(),
            repos: t.internals.repositories,
            config: t.internals.config,
            clock: clock.fn,
            afterEffect: afterEffect as never,
        });
    async function enterMany(chainId: number, n: number): Promise<number[]> {
        const ids: number[] = [];
        for (let i = 0; i < n; i++) ids.push(await enrol(t, `40${String(++cards).padStart(5, '0')}`));
        await db().transaction(async (tx) =>
            chains().entry.enter(
                tx,
                (await chains().chains.byId(chainId))!,
                ids.map((customerId) => ({ customerId, occurrence: 'x1' })),
                null,
                clock.fn(),
            ),
        );
        return ids;
    }
    const count = async (sql: string, params: unknown[]) =>
        Number((await db().all<{ n: unknown }>(sql, params))[0].n);

    beforeAll(async () => {
        t = await startTestRefill(engine, 'chain-once', { clock: clock.fn });
    });
    afterAll(async () => {
        await t?.close();
    });

    it('rolls a send back when the step crashes after planning it, and the retry plans it once', async () => {
        const chainId = await insertChain(
            t,
            chainDesign({ steps: [{ id: 's', type: 'send', kind: 'welcome' }] }),
        );
        await enterMany(chainId, 1);
        const [run] = await runsOf(t, chainId);
        const crash = crashOnce('send');
        const faulty = ownEngine(crash.hook);
        expect((await faulty.engine.runDue()).failed).toBe(1);
        expect(crash.crashed).toBe(1);
        expect(await t.internals.repositories.cascades.findByKey(`chain:${run.id}:0`)).toBeNull();
        expect(await trail(t, run.id)).toEqual([]);
        expect((await chains().runs.find(db(), run.id))?.stepSeq).toBe(0);
        // Not due again until the retry delay; then done once, however often the job runs.
        expect((await faulty.engine.runDue()).claimed).toBe(0);
        clock.now = new Date(clock.now.getTime() + 2 * MS_PER_MINUTE);
        await faulty.engine.runDue();
        await faulty.engine.runDue();
        await chains().engine.runDue();
        expect(await trail(t, run.id)).toEqual(['s:planned']);
        expect(
            await count('SELECT COUNT(*) AS n FROM refill_cascades WHERE chain_run_id = ?', [run.id]),
        ).toBe(1);
        await setChainStatus(t, chainId, 'archived');
    });

    it('rolls a grant back when the step crashes after crediting it, and the retry credits it once', async () => {
        const chainId = await insertChain(
            t,
            chainDesign({ steps: [{ id: 'g', type: 'grant', bonus: 70, lifetimeDays: 10 }] }),
        );
        const [customerId] = await enterMany(chainId, 1);
        const crash = crashOnce('grant');
        const faulty = ownEngine(crash.hook);
        await faulty.engine.runDue();
        const lots = () =>
            count("SELECT COUNT(*) AS n FROM refill_bonus_lots WHERE customer_id = ? AND kind = 'manual'", [
                customerId,
            ]);
        expect(await lots()).toBe(0);
        clock.now = new Date(clock.now.getTime() + 2 * MS_PER_MINUTE);
        await faulty.engine.runDue();
        await faulty.engine.runDue();
        expect(await lots()).toBe(1);
        const [customer] = await db().all<{ balance: unknown }>(
            'SELECT balance FROM refill_customers WHERE id = ?',
            [customerId],
        );
        expect(Number(customer.balance)).toBe(70);
        await setChainStatus(t, chainId, 'archived');
    });

    it('rolls a whole group of steps back when one crashes, then steps each run alone, once', async () => {
        const chainId = await insertChain(
            t,
            chainDesign({ steps: [{ id: 's', type: 'send', kind: 'welcome' }] }),
        );
        await enterMany(chainId, 3);
        const crash = crashOnce('send');
        const counts = await ownEngine(crash.hook).engine.runDue();
        expect(crash.crashed).toBe(1);
        expect(counts).toMatchObject({ executed: 3, failed: 0 });
        for (const run of await runsOf(t, chainId)) expect(await trail(t, run.id)).toEqual(['s:planned']);
        expect(await count('SELECT COUNT(*) AS n FROM refill_cascades WHERE chain_id = ?', [chainId])).toBe(
            3,
        );
        await setChainStatus(t, chainId, 'archived');
    });

    it('does nothing twice when a claimed run is executed again (a retried job holding a stale claim)', async () => {
        const chainId = await insertChain(
            t,
            chainDesign({ steps: [{ id: 's', type: 'send', kind: 'welcome' }] }),
        );
        await enterMany(chainId, 1);
        const now = clock.fn();
        const [claimed] = await chains().runs.claimDue(
            'active',
            now,
            10,
            'tok-1',
            new Date(now.getTime() + 60_000),
        );
        const chain = await chains().chains.byId(chainId);
        expect(await chains().executor.execute(claimed, 'tok-1', chain)).toBe('executed');
        expect(await chains().executor.execute(claimed, 'tok-1', chain)).toBe('skipped');
        expect(await chains().executor.execute(claimed, 'tok-2', chain)).toBe('skipped');
        expect(await trail(t, claimed.id)).toEqual(['s:planned']);
        await setChainStatus(t, chainId, 'archived');
    });

    it.runIf(engine === 'mysql')(
        'never executes a step twice with two runners at once, and entries racing steps keep the cap',
        async () => {
            const design: Partial<ChainDesign> = {
                steps: [
                    { id: 's', type: 'send', kind: 'welcome' },
                    { id: 'g', type: 'grant', bonus: 10, lifetimeDays: 30 },
                    { id: 'x', type: 'exit' },
                ],
            };
            const a = await insertChain(t, chainDesign(design));
            const b = await insertChain(t, chainDesign(design));
            const c = await insertChain(t, chainDesign(design));
            const customers = await enterMany(a, 24);
            const runners = [ownEngine(), ownEngine()];
            const entries = async () => {
                for (const chainId of [b, c])
                    for (const customerId of customers)
                        await db().transaction(async (tx) =>
                            chains().entry.enter(
                                tx,
                                (await chains().chains.byId(chainId))!,
                                [{ customerId, occurrence: 'race' }],
                                null,
                                clock.fn(),
                            ),
                        );
            };
            const results = await Promise.all([
                runners[0].engine.runDue(),
                runners[1].engine.runDue(),
                entries(),
            ]);
            await chains().engine.runDue();
            expect(results[0].failed + results[1].failed).toBe(0);
            for (const chainId of [a, b, c]) {
                const duplicates = await db().all(
                    'SELECT l.run_id FROM refill_chain_step_log l WHERE l.chain_id = ? GROUP BY l.run_id, l.step_id HAVING COUNT(*) > 1',
                    [chainId],
                );
                expect(duplicates).toEqual([]);
            }
            // Every run of A walked its three steps once: one cascade and one lot each.
            expect(
                await count('SELECT COUNT(*) AS n FROM refill_chain_step_log WHERE chain_id = ?', [a]),
            ).toBe(72);
            expect(await count('SELECT COUNT(*) AS n FROM refill_cascades WHERE chain_id = ?', [a])).toBe(24);
            // B entered everyone (A left room for one more); C only where A had ended first.
            expect(await runsOf(t, b)).toHaveLength(24);
            // Nobody ever had more than two open runs: B and C entered only where A had finished or left room.
            for (const customerId of customers) {
                const runs = (await runsOf(t, b))
                    .concat(await runsOf(t, c))
                    .filter((r) => r.customerId === customerId);
                expect(runs.length).toBeLessThanOrEqual(2);
            }
            for (const chainId of [a, b, c]) await setChainStatus(t, chainId, 'archived');
        },
    );
});
