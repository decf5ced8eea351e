import { toDbTime } from '../../../plugin/kernel/db/db-time.js';
import type { ChainDesign, ChainRun } from '../../../plugin/modules/chains/index.js';
import type { TestClock, TestRefill } from '../../helpers/test-refill.js';

/** A design with test defaults: no holdout, no goal, re-entry once. */
export function chainDesign(over: Partial<ChainDesign> = {}): ChainDesign {
    return {
        key: `chain-${Math.random().toString(36).slice(2, 10)}`,
        name: 'Test chain',
        trigger: { type: 'enrolled' },
        steps: [{ id: 's1', type: 'send', kind: 'welcome' }],
        goal: null,
        goalWindowDays: 30,
        stopOn: [],
        reentry: { rule: 'once' },
        priority: 100,
        holdoutBp: 0,
        budgetCap: null,
        ...over,
    };
}

/** Stores a chain (the chains editor's table, written directly) and drops the engine's cached list. */
export async function insertChain(
    t: TestRefill,
    design: ChainDesign,
    status: 'active' | 'paused' | 'draft' | 'archived' = 'active',
): Promise<number> {
    const now = toDbTime(t.internals.clock());
    const result = await t.internals.database.run(
        'INSERT INTO refill_chains (chain_key, name, status, trigger_json, steps_json, goal, goal_window_days, stop_on_json, reentry_json, priority, holdout_bp, budget_cap, version, created_at, updated_at, activated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)',
        [
            design.key,
            design.name,
            status,
            JSON.stringify(design.trigger),
            JSON.stringify(design.steps),
            design.goal,
            design.goalWindowDays,
            JSON.stringify(design.stopOn),
            JSON.stringify(design.reentry),
            design.priority,
            design.holdoutBp,
            design.budgetCap,
            now,
            now,
            now,
        ],
    );
    t.internals.services.chains.chains.invalidate();
    return result.insertId;
}

/** Sets a chain's status (archive, pause) and drops the cache. */
export async function setChainStatus(t: TestRefill, id: number, status: string): Promise<void> {
    await t.internals.database.run('UPDATE refill_chains SET status = ? WHERE id = ?', [status, id]);
    t.internals.services.chains.chains.invalidate();
}

/** Every run of a chain, by id. */
export async function runsOf(t: TestRefill, chainId: number): Promise<ChainRun[]> {
    const rows = await t.internals.database.all<{ id: unknown }>(
        'SELECT id FROM refill_chain_runs WHERE chain_id = ? ORDER BY id',
        [chainId],
    );
    const out: ChainRun[] = [];
    for (const r of rows)
        out.push(
            (await t.internals.services.chains.runs.find(t.internals.database, Number(r.id))) as ChainRun,
        );
    return out;
}

/** A customer's id by card. */
export async function customerId(t: TestRefill, card: string): Promise<number> {
    return (await t.internals.repositories.customers.findByCard(t.internals.database, card))!.id;
}

/** Enrols a card with an SMS phone and consent. */
export async function enrol(t: TestRefill, card: string): Promise<number> {
    await t.internals.services.customers.upsert(
        card,
        { phone: `+7900${card.padStart(7, '0').slice(-7)}`, consents: { sms: { granted: true } } },
        { source: 'test', storeId: null },
    );
    return customerId(t, card);
}

/** Commits one purchase at the clock's time (a vitamin line by default; `redeem` bonuses). */
export function buy(
    t: TestRefill,
    clock: TestClock,
    card: string,
    receipt: string,
    options: { sku?: string; amount?: number; redeem?: number } = {},
) {
    return t.refill.hooks.commitPurchase({
        receiptId: receipt,
        cardNumber: card,
        storeCode: 'S1',
        purchasedAt: clock.fn().toISOString(),
        redeem: options.redeem ?? 0,
        lines: [
            {
                sku: options.sku ?? 'LOSARTAN-50',
                name: 'Item',
                quantity: 1,
                amount: options.amount ?? 45000,
            },
        ],
    } as never);
}

/** Runs the step runner until nothing is due now. */
export async function stepAll(t: TestRefill): Promise<Record<string, number | boolean>> {
    return t.internals.services.chains.engine.runDue();
}

/** The step log of a run as `stepId:result` words. */
export async function trail(t: TestRefill, runId: number): Promise<string[]> {
    const rows = await t.internals.services.chains.stepLog.ofRun(t.internals.database, runId);
    return rows.map((r) => `${r.stepId}:${r.result}`);
}
