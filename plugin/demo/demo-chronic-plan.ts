import type { DemoChronicGroup, DemoProduct } from './demo-catalog.types.js';
import { DEMO_CHRONIC_GROUPS } from './demo-chronic-groups.js';
import type { DemoChain } from './demo-chain.js';
import type { DemoRandom } from './demo-random.js';

/** How chronic buyers behave. */
export const CHRONIC_BEHAVIOUR = {
    /** Shares of chronic buyers on 1, 2 and 3 drug groups. */
    groupCounts: [0.65, 0.25, 0.1],
    /** Personal rhythm: pack days times a compliance factor from this range (most patients are late). */
    compliance: [0.95, 1.3],
    /** Each gap varies around the personal rhythm within this range. */
    gapJitter: [0.9, 1.15],
    /** Share of their refills a chronic buyer makes in this chain (the rest elsewhere). */
    loyalty: [0.6, 1],
    /** Refills bought as two packs (monthly packs only); the next refill comes twice as late. */
    doublePack: 0.08,
    /** Refills of another product of the same group (generics, stock). */
    switchProduct: 0.06,
    /** Among customers in the chain before the window, therapies that started inside it. */
    newTherapy: 0.18,
    /** Chronic buyers who stop buying one of their groups (about 10% of all customers). */
    lapse: 0.53,
    /** Among those, customers who leave for a competitor and stop everything. */
    churn: 0.2,
    /** A lapsed pair's last purchase is this many days before now. */
    stopDaysAgo: [62, 200],
} as const;

/** One customer's therapy on one chronic group. */
export interface DemoChronicPlan {
    group: DemoChronicGroup;
    /** The product they usually buy. */
    product: DemoProduct;
    /** Personal factor on the pack's days. */
    compliance: number;
    /** Personal rhythm: days between two purchases of the usual product. */
    intervalDays: number;
    /** Share of refills bought in this chain. */
    loyalty: number;
    /** Earliest day (days before now) they buy the group here. */
    sinceDaysAgo: number;
    /**
     * For a lapsed pair, days before now of the last purchase (at least 62),
     * with at least three purchases in the year before; null while they buy it.
     */
    stoppedDaysAgo: number | null;
}

/** One purchase of a chronic group. */
export interface DemoChronicPurchase {
    daysAgo: number;
    group: DemoChronicGroup;
    product: DemoProduct;
    quantity: number;
}

const GROUP_WEIGHTS = DEMO_CHRONIC_GROUPS.map((g) => g.weight);

/** The latest a lapsed pair can stop and still show three purchases in the last year; below 62 it cannot lapse. */
function latestStop(chain: DemoChain, plan: DemoChronicPlan): number {
    const year = Math.min(365, chain.historyDays - 2);
    const maxGap = Math.ceil(plan.intervalDays * CHRONIC_BEHAVIOUR.gapJitter[1]);
    return Math.min(CHRONIC_BEHAVIOUR.stopDaysAgo[1], year - 2 * maxGap - 5);
}

/** Plans a chronic buyer's therapies, and which of them stop. */
export function planChronicTherapy(
    chain: DemoChain,
    rng: DemoRandom,
    enrolledDaysAgo: number,
): { plans: DemoChronicPlan[]; churnedDaysAgo: number | null } {
    const b = CHRONIC_BEHAVIOUR;
    const h = chain.historyDays;
    const count = rng.weightedIndex(b.groupCounts) + 1;
    const weights = [...GROUP_WEIGHTS];
    const plans: DemoChronicPlan[] = [];
    for (let i = 0; i < count; i++) {
        const g = rng.weightedIndex(weights);
        weights[g] = 0;
        const group = DEMO_CHRONIC_GROUPS[g];
        const product = rng.popular(group.products);
        const compliance = rng.between(b.compliance[0], b.compliance[1]);
        let sinceDaysAgo = h - 2;
        if (enrolledDaysAgo < h)
            sinceDaysAgo = enrolledDaysAgo - rng.int(0, Math.min(30, enrolledDaysAgo - 1));
        else if (rng.chance(b.newTherapy)) sinceDaysAgo = rng.int(1, h - 2);
        plans.push({
            group,
            product,
            compliance,
            intervalDays: (product.packDays ?? group.intervalDays) * compliance,
            loyalty: rng.between(b.loyalty[0], b.loyalty[1]),
            sinceDaysAgo,
            stoppedDaysAgo: null,
        });
    }
    if (!rng.chance(b.lapse)) return { plans, churnedDaysAgo: null };

    const min = b.stopDaysAgo[0];
    const feasible = plans.filter((p) => p.sinceDaysAgo >= h - 2 && latestStop(chain, p) >= min);
    if (!feasible.length) return { plans, churnedDaysAgo: null };
    const first = rng.pick(feasible);
    first.stoppedDaysAgo = rng.int(min, latestStop(chain, first));
    if (feasible.length === plans.length && rng.chance(b.churn)) {
        for (const p of plans) {
            if (p === first) continue;
            p.stoppedDaysAgo = Math.max(
                min,
                Math.min(latestStop(chain, p), first.stoppedDaysAgo + rng.int(-10, 10)),
            );
        }
        return { plans, churnedDaysAgo: Math.min(...plans.map((p) => p.stoppedDaysAgo as number)) };
    }
    return { plans, churnedDaysAgo: null };
}

/**
 * The purchases of one therapy, newest first: walks back from the latest
 * refill (the stop day of a lapsed pair) one personal interval at a time,
 * keeping the refills made in this chain. A lapsed pair always keeps its
 * last three single-pack refills of the usual product, so it shows at least
 * three purchases in the year before it stopped.
 */
export function chronicPurchases(rng: DemoRandom, plan: DemoChronicPlan): DemoChronicPurchase[] {
    const b = CHRONIC_BEHAVIOUR;
    const lapsed = plan.stoppedDaysAgo !== null;
    const out: DemoChronicPurchase[] = [];
    let day =
        plan.stoppedDaysAgo ??
        rng.int(1, Math.max(1, Math.min(plan.sinceDaysAgo, Math.round(plan.intervalDays))));
    for (let step = 0; ; step++) {
        const forced = lapsed && step < 3;
        const product = !forced && rng.chance(b.switchProduct) ? rng.pick(plan.group.products) : plan.product;
        const packDays = product.packDays ?? plan.group.intervalDays;
        const quantity = !forced && packDays <= 30 && rng.chance(b.doublePack) ? 2 : 1;
        if (step > 0) {
            // This (earlier) refill lasted its packs, so it came that long before the later one.
            day += Math.max(
                1,
                Math.round(
                    packDays * quantity * plan.compliance * rng.between(b.gapJitter[0], b.gapJitter[1]),
                ),
            );
        }
        if (day > plan.sinceDaysAgo) return out;
        if (forced || rng.chance(plan.loyalty))
            out.push({ daysAgo: day, group: plan.group, product, quantity });
    }
}
