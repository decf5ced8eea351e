import type { SqlExecutor } from '../../../kernel/db/sql-executor.js';
import { MS_PER_DAY } from '../../../kernel/units/time.js';
import { inGlobalControl, type GlobalControl } from '../../campaigns/index.js';
import type { CustomerRepository } from '../../customers/index.js';
import type { LiveChain } from '../repositories/active-chains.query.js';
import type { ChainRunRepository } from '../repositories/chain-run.repository.js';
import { chainGroup } from '../rules/chain-assignment.rules.js';
import { entryKey, mayEnter, underCap } from '../rules/chain-reentry.rules.js';
import { firstStep, sendsMarketing } from '../rules/chain-walk.rules.js';

/** One customer a trigger fired for. */
export interface EntryCandidate {
    customerId: number;
    /** What fired, unique per customer and chain (a purchase id, a day, a burn day): the entry key's tail. */
    occurrence: string;
    /** A deadline the run's deadline-bound sends must beat (bonuses burning), if any. */
    deadlineAt?: Date | null;
}

/** Why a candidate entered or did not. */
export type EntryVerdict = 'entered' | 'inactive' | 'global-control' | 'reentry' | 'cap' | 'duplicate';

/** How many candidates got each verdict. */
export type EntryCounts = Record<EntryVerdict, number>;

/** The repository methods {@link ChainEntryService} calls. */
export interface ChainEntryPorts {
    runs: Pick<ChainRunRepository, 'insertIgnore' | 'earlier' | 'openTestRuns'>;
    customers: Pick<CustomerRepository, 'lockIds'>;
}

/** Empty counts. */
export function noEntries(): EntryCounts {
    return { entered: 0, inactive: 0, 'global-control': 0, reentry: 0, cap: 0, duplicate: 0 };
}

/**
 * Enters customers into a chain inside the caller's transaction (the sale's,
 * the segment job's, or a scan page's), after the customers' row locks, so
 * two entries for one customer never both pass the cap. For each candidate:
 * the chain must be active; the global control group gets no runs of chains
 * that send marketing traffic; the re-entry rule; the cap on open test runs
 * per customer; then the group by hash (write-once, in the run row) and the
 * run, whose unique entry key makes a retried entry enter once. A test run
 * is due at once on its first step; a holdout run walks no steps and is due
 * when its goal window ends.
 */
export class ChainEntryService {
    constructor(
        private readonly repos: ChainEntryPorts,
        private readonly maxActiveRuns: number,
    ) {}

    /** Enters the candidates (one chain) and counts the verdicts. */
    async enter(
        tx: SqlExecutor,
        chain: LiveChain,
        candidates: readonly EntryCandidate[],
        control: GlobalControl | null,
        now: Date,
    ): Promise<EntryCounts> {
        const counts = noEntries();
        if (chain.status !== 'active') {
            counts.inactive = candidates.length;
            return counts;
        }
        const marketing = sendsMarketing(chain.design);
        const eligible = candidates.filter((c) => {
            if (marketing && inGlobalControl(control, c.customerId)) {
                counts['global-control']++;
                return false;
            }
            return true;
        });
        if (!eligible.length) return counts;
        await this.repos.customers.lockIds(
            tx,
            eligible.map((c) => c.customerId),
        );
        const open = await this.repos.runs.openTestRuns(
            tx,
            eligible.map((c) => c.customerId),
        );
        for (const c of eligible) {
            const verdict = await this.enterOne(tx, chain, c, open, now);
            counts[verdict]++;
        }
        return counts;
    }

    private async enterOne(
        tx: SqlExecutor,
        chain: LiveChain,
        c: EntryCandidate,
        open: Map<number, number>,
        now: Date,
    ): Promise<EntryVerdict> {
        const earlier = await this.repos.runs.earlier(tx, chain.id, c.customerId);
        if (!mayEnter(chain.design.reentry, earlier, now)) return 'reentry';
        const openRuns = open.get(c.customerId) ?? 0;
        if (!underCap(openRuns, this.maxActiveRuns)) return 'cap';
        const group = chainGroup(chain.id, c.customerId, chain.design.holdoutBp);
        const first = firstStep(chain.design.steps);
        const inserted = await this.repos.runs.insertIgnore(
            tx,
            {
                chainId: chain.id,
                customerId: c.customerId,
                entryKey: entryKey(chain.id, c.customerId, c.occurrence),
                group,
                status: 'active',
                stepId: group === 'test' ? (first?.id ?? null) : null,
                stepSeq: 0,
                nextAt:
                    group === 'test'
                        ? now
                        : new Date(now.getTime() + chain.design.goalWindowDays * MS_PER_DAY),
                waitingFor: null,
                stepStartedAt: now,
                deadlineAt: c.deadlineAt ?? null,
                enteredAt: now,
            },
            now,
        );
        if (!inserted) return 'duplicate';
        if (group === 'test') open.set(c.customerId, openRuns + 1);
        return 'entered';
    }
}
