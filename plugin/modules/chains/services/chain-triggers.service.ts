import type { Clock } from '../../../kernel/clock.js';
import type { Database } from '../../../kernel/db/database.js';
import type { SqlExecutor } from '../../../kernel/db/sql-executor.js';
import type { LifecycleChanged, PurchaseCommitted } from '../../../kernel/events/refill-events.js';
import { MS_PER_DAY } from '../../../kernel/units/time.js';
import type { SegmentMembersReader } from '../../segments/index.js';
import type { LiveChain } from '../repositories/active-chains.query.js';
import type { ChainTriggerQuery } from '../repositories/chain-trigger.query.js';
import type { ChainClock } from './chain-clock.js';
import type { LiveChainsCache } from './chain-engine.cache.js';
import {
    noEntries,
    type ChainEntryService,
    type EntryCandidate,
    type EntryCounts,
} from './chain-entry.service.js';

/** Customers per page of a scan (one transaction each). */
const SCAN_PAGE = 500;

/** Adds `b` into `a`. */
function addCounts(a: EntryCounts, b: EntryCounts): void {
    for (const k of Object.keys(b) as (keyof EntryCounts)[]) a[k] += b[k];
}

/**
 * What starts runs: the sale and the segment job (in their transactions,
 * through the event subscriber) and the periodic scan for bonuses about to
 * burn, birthdays and scheduled audiences. Each finds the candidates of
 * each active chain and hands them to {@link ChainEntryService}.
 */
export class ChainTriggersService {
    constructor(
        private readonly db: Database,
        private readonly chains: LiveChainsCache,
        private readonly triggers: ChainTriggerQuery,
        private readonly entry: ChainEntryService,
        private readonly days: ChainClock,
        private readonly clock: Clock,
        private readonly members?: SegmentMembersReader,
    ) {}

    /**
     * A committed sale (inside its transaction): `enrolled`, `first-purchase`,
     * `purchase-in-category` and `balance-crossed` chains. The balance before
     * the sale is taken as the available balance after it, less what the sale
     * earned, plus what it spent: a sale whose accrual is still pending can
     * therefore see a crossing that activation will complete later.
     */
    async onPurchase(event: PurchaseCommitted, tx: SqlExecutor): Promise<EntryCounts> {
        const counts = noEntries();
        const chains = (await this.chains.live(tx)).filter((c) => c.status === 'active');
        if (!chains.length) return counts;
        const customerId = event.customerId;
        let first: boolean | null = null;
        const now = event.committedAt;
        const control = await this.chains.globalControl(tx);
        for (const chain of chains) {
            const t = chain.design.trigger;
            let occurrence: string | null = null;
            if (t.type === 'enrolled' && event.enrolled) occurrence = 'enrolled';
            else if (t.type === 'first-purchase') {
                first ??= (await this.triggers.firstPurchasers(tx, event.purchaseId, [customerId])).has(
                    customerId,
                );
                if (first) occurrence = `p${event.purchaseId}`;
            } else if (t.type === 'purchase-in-category' && event.categoryIds.includes(t.categoryId))
                occurrence = `p${event.purchaseId}`;
            else if (t.type === 'balance-crossed') {
                const after = event.balance.available;
                const before = after - event.earned + event.redeemed;
                if (after >= t.amount && before < t.amount) occurrence = `p${event.purchaseId}`;
            }
            if (occurrence === null) continue;
            addCounts(counts, await this.entry.enter(tx, chain, [{ customerId, occurrence }], control, now));
        }
        return counts;
    }

    /** The daily segment job moved customers (inside its transaction): `segment-entered` chains. */
    async onLifecycle(event: LifecycleChanged, tx: SqlExecutor): Promise<EntryCounts> {
        const counts = noEntries();
        const chains = (await this.chains.live(tx)).filter(
            (c) => c.status === 'active' && c.design.trigger.type === 'segment-entered',
        );
        if (!chains.length) return counts;
        const control = await this.chains.globalControl(tx);
        for (const chain of chains) {
            const t = chain.design.trigger as Extract<
                LiveChain['design']['trigger'],
                { type: 'segment-entered' }
            >;
            const candidates = event.transitions
                .filter((tr) => tr.to === t.segment && tr.from !== t.segment)
                .map((tr) => ({ customerId: tr.customerId, occurrence: `s${event.day}` }));
            if (candidates.length)
                addCounts(counts, await this.entry.enter(tx, chain, candidates, control, event.classifiedAt));
        }
        return counts;
    }

    /**
     * The periodic scan: customers whose bonuses burn within a chain's days
     * (deadline: the first burning lot; once per burn day), whose birthday it
     * is (when `refill_customers.birth_date` exists; once a year), and the
     * members of scheduled chains' audiences on their day (once per day).
     * Entry keys make a re-run of the scan enter nobody twice.
     */
    async scan(touch?: () => Promise<void>): Promise<EntryCounts> {
        const counts = noEntries();
        const now = this.clock();
        const control = await this.chains.globalControl();
        for (const chain of (await this.chains.live()).filter((c) => c.status === 'active')) {
            const t = chain.design.trigger;
            const page = async (candidates: EntryCandidate[]) => {
                if (!candidates.length) return;
                addCounts(
                    counts,
                    await this.db.transaction((tx) => this.entry.enter(tx, chain, candidates, control, now)),
                );
                await touch?.();
            };
            if (t.type === 'bonuses-burning') {
                const until = new Date(now.getTime() + t.daysBefore * MS_PER_DAY);
                for (let after = 0; ;) {
                    const burning = await this.triggers.burning(now, until, after, SCAN_PAGE);
                    if (!burning.length) break;
                    await page(
                        burning.map((b) => ({
                            customerId: b.customerId,
                            occurrence: `b${this.days.day(b.firstExpiry)}`,
                            deadlineAt: b.firstExpiry,
                        })),
                    );
                    after = burning[burning.length - 1].customerId;
                }
            } else if (t.type === 'birthday') {
                const year = this.days.day(now).slice(0, 4);
                for (let after = 0; ;) {
                    const ids = await this.triggers.birthdays(this.days.monthDay(now), after, SCAN_PAGE);
                    if (!ids.length) break;
                    await page(ids.map((customerId) => ({ customerId, occurrence: `y${year}` })));
                    after = ids[ids.length - 1];
                }
            } else if (t.type === 'schedule' && this.members) {
                if (t.every === 'week' && this.days.weekday(now) !== (t.weekday ?? 1)) continue;
                const day = this.days.day(now);
                for (let after = 0; ;) {
                    const ids = await this.members.membersOf(t.audience, after, SCAN_PAGE);
                    if (!ids.length) break;
                    await page(ids.map((customerId) => ({ customerId, occurrence: `d${day}` })));
                    after = ids[ids.length - 1];
                }
            }
        }
        return counts;
    }
}
