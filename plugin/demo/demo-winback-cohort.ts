import type { ImportRecord } from '../modules/import/index.js';
import type { DemoChronicGroup } from './demo-catalog.types.js';
import { resolveDemoChain, storeTime } from './demo-chain.js';
import { planCustomer } from './demo-customers.js';
import { DemoRandom } from './demo-random.js';
import { DEMO_RETAIL_CATEGORIES } from './demo-retail-categories.js';

/** Which lapsing buyers a demo campaign's cohort holds. */
export interface DemoCohortOptions {
    /** Seed of the cohort (its own card range: `2`, this seed's three digits, index, check digit). */
    seed: number;
    /** Buyers in the cohort. */
    customers: number;
    /** The chronic group they stop buying. */
    group: DemoChronicGroup;
    /** The first and the last day (days before `now`) on which cohort members cross the lapse threshold. */
    lapseDaysAgo: readonly [from: number, to: number];
    /** The moment the history ends. */
    now: Date;
}

/** Stream of the cohort's draws (customers use 0, the chain's other streams other numbers). */
const COHORT_STREAM = 41;
/** Purchases of the group each cohort member made before they stopped. */
const PURCHASES = [3, 4] as const;
/** Members who still drop in for everyday goods in the days before they count as lapsed (the quiet period holds their first reminder). */
const EVERYDAY_VISIT = 0.15;
const EVERYDAY = DEMO_RETAIL_CATEGORIES.flatMap((c) => c.products);

/**
 * Regular buyers of one chronic group who stopped at staggered moments, so
 * that each day of a demo campaign's run finds a few of them newly lapsed by
 * the category's own rule (`lapseAfterDays` after their last purchase). The
 * demo chain alone is too small for a measurable campaign: 300 customers hold
 * about 20 lapsed buyers of a group. Customers (contacts, consents, home
 * store) come from the chain's customer model; their history is 3–4 monthly
 * refills of one product, stopping `lapseAfterDays` before their lapse day;
 * some drop in for everyday goods a few days before it. Receipt ids `W<seed>-<index>-<n>`.
 */
export function* demoWinbackCohort(options: DemoCohortOptions): Generator<ImportRecord> {
    const chain = resolveDemoChain({ customers: options.customers, seed: options.seed, now: options.now });
    const { group } = options;
    const [from, to] = options.lapseDaysAgo;
    for (let index = 0; index < options.customers; index++) {
        const { plan } = planCustomer(chain, index);
        const rng = DemoRandom.forStream(options.seed, COHORT_STREAM, index);
        const product = rng.popular(group.products);
        const interval = (product.packDays ?? group.intervalDays) * rng.between(0.95, 1.15);
        const count = rng.int(PURCHASES[0], PURCHASES[1]);
        const lapseDaysAgo = rng.int(Math.min(from, to), Math.max(from, to));
        const lastDaysAgo = lapseDaysAgo + group.lapseAfterDays;
        const days = Array.from(
            { length: count },
            (_, n) => lastDaysAgo + Math.round(n * interval),
        ).reverse();
        const enrolledAt = storeTime(chain, days[0] + rng.int(5, 400), 9 * 60, plan.homeStore);
        yield { ...plan.record, enrolledAt };
        const visits = days.map((daysAgo) => ({ daysAgo, product }));
        if (rng.chance(EVERYDAY_VISIT))
            visits.push({ daysAgo: lapseDaysAgo + rng.int(1, 5), product: rng.popular(EVERYDAY) });
        for (const [n, visit] of visits.entries())
            yield {
                type: 'receipt',
                receiptId: `W${options.seed}-${index}-${n + 1}`,
                cardNumber: plan.cardNumber,
                storeCode: plan.homeStore.code,
                purchasedAt: storeTime(chain, visit.daysAgo, rng.int(9 * 60, 21 * 60), plan.homeStore),
                lines: [
                    {
                        sku: visit.product.sku,
                        name: visit.product.name,
                        atc: visit.product.atc,
                        quantity: 1,
                        amount: visit.product.price,
                    },
                ],
            };
    }
}
