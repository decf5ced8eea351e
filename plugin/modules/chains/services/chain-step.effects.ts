import type { RefillConfig } from '../../../config/refill-options.js';
import type { SqlExecutor } from '../../../kernel/db/sql-executor.js';
import { MS_PER_DAY, MS_PER_HOUR } from '../../../kernel/units/time.js';
import type { Customer, CustomerRepository } from '../../customers/index.js';
import { LedgerSession, type LedgerEntryRepository, type LedgerStores } from '../../ledger/index.js';
import type { ChainMessagesService } from '../../messaging/index.js';
import type { ChainRun } from '../entities/chain-run.entity.js';
import type { ActiveChainsQuery, LiveChain } from '../repositories/active-chains.query.js';
import type { ChainRunFactsQuery } from '../repositories/chain-run-facts.query.js';
import type { ChainRunRepository } from '../repositories/chain-run.repository.js';
import type { ChainStepLogRepository } from '../repositories/chain-step-log.repository.js';
import type { ChainTriggerQuery } from '../repositories/chain-trigger.query.js';
import type { ChainStep } from '../rules/chain-definition.js';
import { branchTarget, branchWindow, stepById } from '../rules/chain-walk.rules.js';
import type { ChainClock } from './chain-clock.js';
import type { LiveChainsCache } from './chain-engine.cache.js';

/** What an effect did: the step log's result word, its detail, its cost, and a branch's chosen target. */
export interface Effect {
    result: string;
    detail: Record<string, unknown> | null;
    cost: number;
    /** A branch's target step id (undefined: the next step in the list). */
    target?: string;
    /** The run ends here for this reason (`budget`), instead of moving on. */
    end?: 'budget';
}

/** The collaborators of {@link ChainStepEffects}. */
export interface ChainStepEffectPorts {
    runs: Pick<ChainRunRepository, 'dueOthers'>;
    log: Pick<ChainStepLogRepository, 'costOf' | 'lastOfType'>;
    facts: ChainRunFactsQuery;
    triggers: Pick<ChainTriggerQuery, 'hasColumn'>;
    chainsQuery: Pick<ActiveChainsQuery, 'markBudgetReached'>;
    messages: Pick<ChainMessagesService, 'plan' | 'outcome' | 'spend' | 'chainsPlannedFor'>;
    ledger: LedgerStores & { entries: Pick<LedgerEntryRepository, 'append' | 'findByIdempotencyKey'> };
    customers: Pick<CustomerRepository, 'saveState'>;
}

/**
 * The effects of send, branch and grant steps, inside the step's
 * transaction (the run's row lock held, and for send and grant the
 * customer's before it). Each returns what to log; the executor writes the
 * log row and moves the run in the same transaction.
 */
export class ChainStepEffects {
    constructor(
        private readonly ports: ChainStepEffectPorts,
        private readonly chains: LiveChainsCache,
        private readonly days: ChainClock,
        private readonly config: Pick<RefillConfig, 'returns'>,
    ) {}

    /**
     * Whether the chain's spend (its messages' cost and its grants) has
     * reached its budget cap; the first run to see it marks the chain.
     */
    async budgetReached(tx: SqlExecutor, chain: LiveChain, now: Date): Promise<boolean> {
        const cap = chain.design.budgetCap;
        if (cap === null) return false;
        if (chain.budgetReachedAt) return true;
        const spend =
            (await this.ports.messages.spend(tx, chain.id)) + (await this.ports.log.costOf(tx, chain.id));
        if (spend < cap) return false;
        await this.ports.chainsQuery.markBudgetReached(tx, chain.id, now);
        return true;
    }

    /**
     * Whether a send must wait for the next chain-local day: a customer gets
     * at most one chain message a day. It waits when any chain already
     * planned a send for the customer today, or when another of the
     * customer's open runs, of a chain that outranks this one (a lower
     * priority number; on a tie, the lower chain id), is due today on a
     * send step and so will plan one.
     */
    async mustWaitForTomorrow(tx: SqlExecutor, run: ChainRun, chain: LiveChain, now: Date): Promise<boolean> {
        const from = this.days.dayStart(now);
        const to = this.days.nextDayStart(now);
        if ((await this.ports.messages.chainsPlannedFor(tx, run.customerId, from, to)).length) return true;
        for (const other of await this.ports.runs.dueOthers(tx, run.customerId, run.id, to)) {
            const rival = await this.chains.byId(other.chainId, tx);
            if (!rival || rival.status !== 'active' || other.stepId === null) continue;
            if (stepById(rival.design.steps, other.stepId)?.type !== 'send') continue;
            const outranks =
                rival.design.priority < chain.design.priority ||
                (rival.design.priority === chain.design.priority && rival.id < chain.id);
            if (outranks) return true;
        }
        return false;
    }

    /** When a send that waits for tomorrow is due again: the start of the next chain-local day. */
    tomorrow(now: Date): Date {
        return this.days.nextDayStart(now);
    }

    /** Plans the send's reminder cascade (deadline: the run's and the step's, the earlier). */
    async send(
        tx: SqlExecutor,
        run: ChainRun,
        step: Extract<ChainStep, { type: 'send' }>,
        now: Date,
    ): Promise<Effect> {
        const stepDeadline =
            step.deadlineHours !== undefined
                ? new Date(now.getTime() + step.deadlineHours * MS_PER_HOUR)
                : null;
        const deadlineAt =
            run.deadlineAt && stepDeadline
                ? new Date(Math.min(run.deadlineAt.getTime(), stepDeadline.getTime()))
                : (run.deadlineAt ?? stepDeadline);
        if (deadlineAt && deadlineAt <= now)
            return { result: 'expired', detail: { deadlineAt: deadlineAt.toISOString() }, cost: 0 };
        const { cascadeKey, planned } = await this.ports.messages.plan(
            tx,
            {
                chainId: run.chainId,
                runId: run.id,
                seq: run.stepSeq,
                customerId: run.customerId,
                kind: step.kind,
                channels: step.channels,
                deadlineAt,
            },
            now,
        );
        return {
            result: planned ? 'planned' : 'replanned',
            detail: { cascadeKey, kind: step.kind, channels: step.channels ?? null },
            cost: 0,
        };
    }

    /** Answers a branch's question about the window since the step before it. */
    async branch(
        tx: SqlExecutor,
        run: ChainRun,
        step: Extract<ChainStep, { type: 'branch' }>,
        now: Date,
    ): Promise<Effect> {
        const { from, to } = branchWindow(step, run.stepStartedAt ?? run.enteredAt, now);
        let holds = false;
        const detail: Record<string, unknown> = { condition: step.condition };
        switch (step.condition) {
            case 'delivered':
            case 'opened':
            case 'clicked': {
                const send = await this.ports.log.lastOfType(tx, run.id, 'send');
                const key = send?.detail
                    ? (JSON.parse(send.detail) as { cascadeKey?: string }).cascadeKey
                    : undefined;
                if (key) {
                    const outcome = await this.ports.messages.outcome(tx, key);
                    holds =
                        step.condition === 'delivered'
                            ? outcome.delivered
                            : step.condition === 'opened'
                              ? outcome.opened
                              : outcome.clicked;
                    detail.cascadeKey = key;
                }
                break;
            }
            case 'bought':
                holds = await this.ports.facts.bought(tx, run.customerId, from, to);
                break;
            case 'used-points':
                holds = await this.ports.facts.usedPoints(tx, run.customerId, from, to);
                break;
            case 'entered-segment':
                if (
                    step.segment &&
                    (await this.ports.triggers.hasColumn('refill_lifecycle_transitions', null))
                ) {
                    holds = await this.ports.facts.enteredSegment(
                        tx,
                        run.customerId,
                        step.segment,
                        this.days.day(from),
                        this.days.day(to),
                    );
                    detail.segment = step.segment;
                } else detail.unavailable = true;
                break;
        }
        return { result: holds ? 'then' : 'otherwise', detail, cost: 0, target: branchTarget(step, holds) };
    }

    /**
     * Credits the bonus through the ledger (a new lot burning after the
     * step's lifetime) for the customer whose row the caller locked; the
     * ledger entry's idempotency key is the run and step, so no retry can
     * credit it twice.
     */
    async grant(
        tx: SqlExecutor,
        run: ChainRun,
        customer: Customer,
        step: Extract<ChainStep, { type: 'grant' }>,
        chain: LiveChain,
        now: Date,
    ): Promise<Effect> {
        const key = `chain:${run.id}:${run.stepSeq}`;
        if (await this.ports.ledger.entries.findByIdempotencyKey(tx, key))
            return { result: 'granted', detail: { key, replayed: true }, cost: step.bonus };
        const session = new LedgerSession(
            tx,
            this.ports.ledger,
            customer,
            now,
            this.config.returns.shortfall,
        );
        await session.load();
        session.credit({
            reason: `chain ${chain.design.key} step ${step.id}`,
            author: 'chain-engine',
            idempotencyKey: key,
            lotKind: 'manual',
            entryKind: 'manual_credit',
            amount: step.bonus,
            activeFrom: now,
            expiresAt: new Date(now.getTime() + step.lifetimeDays * MS_PER_DAY),
        });
        const state = await session.flush();
        await this.ports.customers.saveState(tx, customer.id, state, now);
        return { result: 'granted', detail: { key, lifetimeDays: step.lifetimeDays }, cost: step.bonus };
    }
}
