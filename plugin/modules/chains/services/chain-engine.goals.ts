import type { SqlExecutor } from '../../../kernel/db/sql-executor.js';
import type {
    LifecycleChanged,
    MarketingWithdrawn,
    PurchaseCommitted,
} from '../../../kernel/events/refill-events.js';
import { MS_PER_DAY } from '../../../kernel/units/time.js';
import type { ChainRun } from '../entities/chain-run.entity.js';
import type { ChainRunPatch, ChainRunRepository } from '../repositories/chain-run.repository.js';
import type { ChainEvent } from '../rules/chain-definition.js';
import type { LiveChain } from '../repositories/active-chains.query.js';
import type { LiveChainsCache } from './chain-engine.cache.js';

/** What the events did to runs. */
export interface GoalCounts {
    goal: number;
    stopped: number;
    woken: number;
}

/** The longest goal window a run is looked at for, days (older runs are not read). */
const MAX_GOAL_WINDOW_DAYS = 366;

/**
 * What happens to runs when their customer acts (inside the publisher's
 * transaction, after the customer's row lock the sale holds, so the lock
 * order is customer, then runs, as in the step runner):
 *
 * - the chain's goal (a purchase, points used) within the goal window of
 *   entry: an open run ends `goal`; a finished run (test runs may walk
 *   their steps before the window ends) gets its `goal_at`, so test and
 *   holdout are measured over the same window;
 * - a stop event of the chain: an open run ends `stopped`;
 * - the event a waiting run waits for: it is due now, on its next step.
 *
 * `segment-left` is the customer leaving the segment a `segment-entered`
 * chain started on; `unsubscribed` is messaging's `MarketingWithdrawn` (a
 * STOP reply, an unsubscribe link, an email complaint).
 */
export class ChainGoalsService {
    constructor(
        private readonly runs: Pick<ChainRunRepository, 'recentOf' | 'update'>,
        private readonly chains: LiveChainsCache,
    ) {}

    /** A committed sale: `purchase`, and `points-used` when it spent bonuses. */
    async onPurchase(event: PurchaseCommitted, tx: SqlExecutor): Promise<GoalCounts> {
        const events: ChainEvent[] = event.redeemed > 0 ? ['purchase', 'points-used'] : ['purchase'];
        return this.apply(tx, new Map([[event.customerId, events]]), event.committedAt);
    }

    /** Lifecycle moves: `segment-left` for runs of chains that started on the segment left. */
    async onLifecycle(event: LifecycleChanged, tx: SqlExecutor): Promise<GoalCounts> {
        const left = new Map<number, string>();
        for (const t of event.transitions)
            if (t.from !== null && t.from !== t.to) left.set(t.customerId, t.from);
        if (!left.size) return { goal: 0, stopped: 0, woken: 0 };
        const live = await this.chains.live(tx);
        if (!live.some((c) => c.design.trigger.type === 'segment-entered'))
            return { goal: 0, stopped: 0, woken: 0 };
        const events = new Map<number, ChainEvent[]>([...left.keys()].map((id) => [id, ['segment-left']]));
        return this.apply(tx, events, event.classifiedAt, (chain, run) => {
            const t = chain.design.trigger;
            return t.type === 'segment-entered' && left.get(run.customerId) === t.segment;
        });
    }

    /** Marketing consent withdrawn (STOP, unsubscribe link, complaint): `unsubscribed`. */
    async onWithdrawn(event: MarketingWithdrawn, tx: SqlExecutor): Promise<GoalCounts> {
        const events = new Map<number, ChainEvent[]>(event.customerIds.map((id) => [id, ['unsubscribed']]));
        return this.apply(tx, events, event.withdrawnAt);
    }

    private async apply(
        tx: SqlExecutor,
        events: Map<number, ChainEvent[]>,
        now: Date,
        applies: (chain: LiveChain, run: ChainRun) => boolean = () => true,
    ): Promise<GoalCounts> {
        const counts: GoalCounts = { goal: 0, stopped: 0, woken: 0 };
        const live = await this.chains.live(tx);
        if (!live.length) return counts;
        const since = new Date(now.getTime() - MAX_GOAL_WINDOW_DAYS * MS_PER_DAY);
        for (const run of await this.runs.recentOf(tx, [...events.keys()], since)) {
            const chain = live.find((c) => c.id === run.chainId);
            if (!chain || !applies(chain, run)) continue;
            const happened = events.get(run.customerId) ?? [];
            const open = run.status === 'active' || run.status === 'waiting';
            const windowEnd = run.enteredAt.getTime() + chain.design.goalWindowDays * MS_PER_DAY;
            const goal = chain.design.goal;
            let patch: ChainRunPatch | null = null;
            if (goal && happened.includes(goal) && run.goalAt === null && now.getTime() <= windowEnd) {
                patch = open ? { ...ended('goal', goal, now), goalAt: now } : { goalAt: now };
                counts.goal++;
            } else if (open && happened.some((e) => chain.design.stopOn.includes(e))) {
                patch = ended(
                    'stopped',
                    happened.find((e) => chain.design.stopOn.includes(e)) as string,
                    now,
                );
                counts.stopped++;
            } else if (
                run.status === 'waiting' &&
                run.waitingFor &&
                happened.includes(run.waitingFor as ChainEvent)
            ) {
                patch = { status: 'active', nextAt: now, waitingFor: null, claimToken: null };
                counts.woken++;
            }
            if (patch) await this.runs.update(tx, run.id, patch, now);
        }
        return counts;
    }
}

/** The patch that ends an open run. */
function ended(status: 'goal' | 'stopped', reason: string, now: Date): ChainRunPatch {
    return { status, endReason: reason, endedAt: now, nextAt: null, waitingFor: null, claimToken: null };
}
