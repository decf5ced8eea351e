import type { Clock } from '../../../kernel/clock.js';
import type { Database } from '../../../kernel/db/database.js';
import type { SqlExecutor } from '../../../kernel/db/sql-executor.js';
import { MS_PER_DAY } from '../../../kernel/units/time.js';
import type { Customer, CustomerRepository } from '../../customers/index.js';
import type { ChainRun } from '../entities/chain-run.entity.js';
import type { LiveChain } from '../repositories/active-chains.query.js';
import type { ChainRunPatch, ChainRunRepository } from '../repositories/chain-run.repository.js';
import type { ChainStepLogRepository } from '../repositories/chain-step-log.repository.js';
import type { ChainStep } from '../rules/chain-definition.js';
import { nextStep, stepById, waitEnds } from '../rules/chain-walk.rules.js';
import type { ChainStepEffects, Effect } from './chain-step.effects.js';

/** What one attempt at a run's step came to. */
export type StepOutcome =
    | 'executed'
    /** The run changed since it was claimed (an event, another runner): nothing done. */
    | 'skipped'
    /** A send waits for the next chain-local day (priorities), or a paused chain's run waits. */
    | 'deferred'
    /** A holdout run's goal window ended, or a run had no step left. */
    | 'finished';

/** A point where a test injects a crash: after the step's effect, before its transaction commits. */
export type AfterEffectHook = (run: ChainRun, step: ChainStep) => void | Promise<void>;

/** The repository methods the executor calls. */
export interface ChainStepPorts {
    runs: Pick<ChainRunRepository, 'lock' | 'update'>;
    log: Pick<ChainStepLogRepository, 'insert'>;
    customers: Pick<CustomerRepository, 'lockByIds' | 'lockIds'>;
}

/** How long a run of a paused chain waits before it is looked at again, ms. */
const PAUSED_RETRY_MS = 60 * 60_000;

/**
 * Executes one step of one claimed run in one transaction: (for send and
 * grant, the customer's row lock first, the order the sale uses) the run's
 * row lock, a check that it is still this claim's and unchanged, the step's
 * effect, the step log row keyed (run, seq), and the run moved on. A crash
 * anywhere rolls all of it back and the run is due again, so each step
 * happens exactly once.
 */
export class ChainStepExecutor {
    constructor(
        private readonly db: Database,
        private readonly ports: ChainStepPorts,
        private readonly effects: ChainStepEffects,
        private readonly clock: Clock,
        private readonly afterEffect?: AfterEffectHook,
    ) {}

    /** One step of `claimed` (a run this runner claimed under `token`) for `chain` (undefined: not live). */
    async execute(claimed: ChainRun, token: string, chain: LiveChain | undefined): Promise<StepOutcome> {
        return (await this.executeGroup([{ claimed, chain }], token))[0];
    }

    /**
     * One step of each claimed run of `group`, all in one transaction (the
     * commit's cost shared): the customers the group's sends and grants
     * need are locked first, in id order, then each run in id order, so two
     * groups never wait on each other in a circle. Any failure rolls the
     * whole group back; the caller then retries its runs one by one.
     */
    async executeGroup(
        group: ReadonlyArray<{ claimed: ChainRun; chain: LiveChain | undefined }>,
        token: string,
    ): Promise<StepOutcome[]> {
        const sorted = [...group].sort((a, b) => a.claimed.id - b.claimed.id);
        const typeOf = ({ claimed, chain }: (typeof sorted)[number]) =>
            claimed.group === 'test' && chain && claimed.stepId
                ? stepById(chain.design.steps, claimed.stepId)?.type
                : undefined;
        // A grant needs the customer's row (the ledger session), a send only its lock.
        const grants = sorted.filter((item) => typeOf(item) === 'grant').map((i) => i.claimed.customerId);
        const sends = sorted.filter((item) => typeOf(item) === 'send').map((i) => i.claimed.customerId);
        const outcomes = await this.db.transaction(async (tx) => {
            // One lock order: every customer the group needs, in id order, before any run.
            const rows = grants.length ? await this.ports.customers.lockByIds(tx, [...grants, ...sends]) : [];
            if (!grants.length && sends.length) await this.ports.customers.lockIds(tx, sends);
            const customers = new Map(rows.map((c) => [c.id, c]));
            const out = new Map<number, StepOutcome>();
            for (const { claimed, chain } of sorted)
                out.set(
                    claimed.id,
                    await this.one(tx, claimed, token, chain, customers.get(claimed.customerId)),
                );
            return out;
        });
        return group.map(({ claimed }) => outcomes.get(claimed.id) as StepOutcome);
    }

    /** One step of one run inside the group's transaction. */
    private async one(
        tx: SqlExecutor,
        claimed: ChainRun,
        token: string,
        chain: LiveChain | undefined,
        customer: Customer | undefined,
    ): Promise<StepOutcome> {
        const run = await this.ports.runs.lock(tx, claimed.id);
        if (!run || !unchanged(run, claimed, token)) return 'skipped';
        const now = this.clock();
        const end = (status: ChainRun['status'], reason: string): ChainRunPatch => ({
            status,
            endReason: reason,
            endedAt: now,
            nextAt: null,
            waitingFor: null,
            claimToken: null,
        });
        if (!chain) {
            await this.ports.runs.update(tx, run.id, end('cancelled', 'chain-gone'), now);
            return 'finished';
        }
        if (chain.status === 'paused') {
            const later = new Date(now.getTime() + PAUSED_RETRY_MS);
            await this.ports.runs.update(tx, run.id, { nextAt: later, claimToken: null }, now);
            return 'deferred';
        }
        if (run.group === 'holdout') {
            const windowEnd = new Date(run.enteredAt.getTime() + chain.design.goalWindowDays * MS_PER_DAY);
            if (windowEnd > now) {
                await this.ports.runs.update(tx, run.id, { nextAt: windowEnd, claimToken: null }, now);
                return 'deferred';
            }
            await this.ports.runs.update(tx, run.id, end('done', 'goal-window'), now);
            return 'finished';
        }
        const step = run.stepId ? stepById(chain.design.steps, run.stepId) : null;
        if (!step) {
            await this.ports.runs.update(
                tx,
                run.id,
                end('done', run.stepId ? 'step-removed' : 'last-step'),
                now,
            );
            return 'finished';
        }
        const effect = await this.effect(tx, run, step, chain, customer, now);
        if (effect === 'deferred') {
            const tomorrow = this.effects.tomorrow(now);
            await this.ports.runs.update(tx, run.id, { nextAt: tomorrow, claimToken: null }, now);
            return 'deferred';
        }
        await this.afterEffect?.(run, step);
        await this.ports.log.insert(tx, {
            runId: run.id,
            seq: run.stepSeq,
            chainId: run.chainId,
            stepId: step.id,
            stepType: step.type,
            result: effect.result,
            detail: effect.detail ? JSON.stringify(effect.detail) : null,
            cost: effect.cost,
            executedAt: now,
        });
        await this.ports.runs.update(tx, run.id, this.move(run, step, chain, effect, now, end), now);
        return 'executed';
    }

    /** The step's effect, or `deferred` (a send that waits for tomorrow). */
    private async effect(
        tx: SqlExecutor,
        run: ChainRun,
        step: ChainStep,
        chain: LiveChain,
        customer: Customer | undefined,
        now: Date,
    ): Promise<Effect | 'deferred'> {
        switch (step.type) {
            case 'send':
                if (await this.effects.budgetReached(tx, chain, now))
                    return { result: 'budget', detail: null, cost: 0, end: 'budget' };
                if (await this.effects.mustWaitForTomorrow(tx, run, chain, now)) return 'deferred';
                return this.effects.send(tx, run, step, now);
            case 'grant':
                if (await this.effects.budgetReached(tx, chain, now))
                    return { result: 'budget', detail: null, cost: 0, end: 'budget' };
                if (!customer) return { result: 'no-customer', detail: null, cost: 0 };
                return this.effects.grant(tx, run, customer, step, chain, now);
            case 'branch':
                return this.effects.branch(tx, run, step, now);
            case 'wait':
                return {
                    result: 'waiting',
                    detail: { hours: step.hours, until: step.until ?? null },
                    cost: 0,
                };
            case 'exit':
                return { result: 'exit', detail: null, cost: 0 };
        }
    }

    /** Where the run goes after an executed step. */
    private move(
        run: ChainRun,
        step: ChainStep,
        chain: LiveChain,
        effect: Effect,
        now: Date,
        end: (status: ChainRun['status'], reason: string) => ChainRunPatch,
    ): ChainRunPatch {
        const seq = { stepSeq: run.stepSeq + 1 };
        if (effect.end === 'budget') return { ...seq, ...end('budget', 'budget'), stepId: null };
        if (step.type === 'exit') return { ...seq, ...end('done', 'exit'), stepId: null };
        const next = nextStep(chain.design.steps, step, effect.target);
        if (!next) return { ...seq, ...end('done', 'last-step'), stepId: null };
        const moved: ChainRunPatch = { ...seq, stepId: next.id, stepStartedAt: now, claimToken: null };
        if (step.type === 'wait')
            return {
                ...moved,
                status: 'waiting',
                nextAt: waitEnds(step, now),
                waitingFor: step.until ?? null,
            };
        return { ...moved, status: 'active', nextAt: now, waitingFor: null };
    }
}

/** Whether the locked run is still the one this runner claimed. */
function unchanged(run: ChainRun, claimed: ChainRun, token: string): boolean {
    return (
        run.claimToken === token &&
        run.status === claimed.status &&
        run.stepSeq === claimed.stepSeq &&
        run.stepId === claimed.stepId
    );
}
