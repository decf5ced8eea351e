import type { CustomerImportRecord, ImportRecord, ReceiptImportRecord } from '../modules/import/index.js';
import { BASKET_BEHAVIOUR, fillBasket, type DemoBasketLine } from './demo-basket.js';
import { resolveDemoChain, storeTime, type DemoChain, type DemoChainOptions } from './demo-chain.js';
import { chronicPurchases } from './demo-chronic-plan.js';
import { planCustomer, type DemoCustomerPlan } from './demo-customers.js';
import type { DemoRandom } from './demo-random.js';
import type { DemoStore } from './demo-stores.js';

/** Where visits happen and how purchases of several drug groups come together. */
export const VISIT_BEHAVIOUR = {
    /** Visits to the home store; the rest go to another store of the same city, if it has one. */
    homeStore: 0.88,
    /** Refills of different groups due within this many days are bought on one visit. */
    mergeRefillsWithinDays: 3,
    /** Opening hours, local minutes after midnight. */
    open: [9 * 60, 21 * 60],
} as const;

/** One customer's part of the chain. */
export interface DemoCustomerHistory {
    plan: DemoCustomerPlan;
    customer: CustomerImportRecord;
    /** Oldest first. */
    receipts: ReceiptImportRecord[];
}

interface Visit {
    daysAgo: number;
    groups: string[];
    basket: DemoBasketLine[];
}

/** A receipt id: `D<seed>-<customer index>-<n>`, n counting the customer's receipts from 1, oldest first. */
export function demoReceiptId(seed: number, index: number, n: number): string {
    return `D${seed}-${index}-${n}`;
}

/**
 * Generates one customer and their receipts. Depends only on the chain
 * (seed, history length, stores, now) and the index, so any customer can be
 * generated alone and the output never depends on the chain's size.
 */
export function demoCustomerHistory(chain: DemoChain, index: number): DemoCustomerHistory {
    const { plan, rng } = planCustomer(chain, index);
    const ownGroups = new Set(plan.chronic.map((p) => p.group.code));
    const visits = refillVisits(rng, plan);
    const last = Math.min(plan.enrolledDaysAgo, chain.historyDays - 2);
    const first = plan.churnedDaysAgo ?? 1;
    if (first <= last) {
        const count = rng.poisson((plan.occasionalPerYear * (last - first + 1)) / 365);
        for (let i = 0; i < count; i++)
            visits.push({ daysAgo: rng.int(first, last), groups: [], basket: [] });
    }

    const receipts = visits.map((visit) => {
        const weights = visit.groups.length ? BASKET_BEHAVIOUR.refillLines : BASKET_BEHAVIOUR.occasionalLines;
        const lines = Math.max(rng.weightedIndex(weights) + 1, visit.basket.length);
        fillBasket(rng, visit.basket, lines, chain.monthByDaysAgo[visit.daysAgo], ownGroups);
        const store = visitStore(rng, chain, plan.homeStore);
        const at = storeTime(
            chain,
            visit.daysAgo,
            rng.int(VISIT_BEHAVIOUR.open[0], VISIT_BEHAVIOUR.open[1]),
            store,
        );
        return { at, store, basket: visit.basket };
    });
    receipts.sort((a, b) => a.at.getTime() - b.at.getTime());
    return {
        plan,
        customer: plan.record,
        receipts: receipts.map((r, n): ReceiptImportRecord => ({
            type: 'receipt',
            receiptId: demoReceiptId(chain.seed, index, n + 1),
            cardNumber: plan.cardNumber,
            storeCode: r.store.code,
            purchasedAt: r.at,
            lines: r.basket.map(({ product, quantity }) => ({
                sku: product.sku,
                name: product.name,
                atc: product.atc,
                quantity,
                amount: product.price * quantity,
            })),
        })),
    };
}

/** The chronic refills as visits, refills of different groups due within a few days bought together. */
function refillVisits(rng: DemoRandom, plan: DemoCustomerPlan): Visit[] {
    const purchases = plan.chronic
        .flatMap((p) => chronicPurchases(rng, p))
        .sort((a, b) => b.daysAgo - a.daysAgo);
    const visits: Visit[] = [];
    for (const p of purchases) {
        let visit: Visit | undefined;
        for (let i = visits.length - 1; i >= 0; i--) {
            const v = visits[i];
            if (v.daysAgo - p.daysAgo > VISIT_BEHAVIOUR.mergeRefillsWithinDays) break;
            if (!v.groups.includes(p.group.code)) visit = v;
        }
        if (!visit) {
            visit = { daysAgo: p.daysAgo, groups: [], basket: [] };
            visits.push(visit);
        }
        visit.groups.push(p.group.code);
        visit.basket.push({ product: p.product, quantity: p.quantity });
    }
    return visits;
}

/** The home store mostly, otherwise another store of the same city (people shop where they live). */
function visitStore(rng: DemoRandom, chain: DemoChain, home: DemoStore): DemoStore {
    if (rng.chance(VISIT_BEHAVIOUR.homeStore)) return home;
    const city = chain.storesByCity.get(home.city) ?? [];
    return city.length > 1 ? rng.pick(city) : home;
}

/**
 * The whole demo chain as an import stream: each customer's record followed
 * by their receipts, oldest first, customer after customer. Lazy: only one
 * customer is held at a time, so a million customers stream in constant memory.
 */
export function* demoRecords(options: DemoChainOptions | DemoChain): Generator<ImportRecord> {
    const chain = 'monthByDaysAgo' in options ? options : resolveDemoChain(options);
    for (let index = 0; index < chain.customers; index++) {
        const { customer, receipts } = demoCustomerHistory(chain, index);
        yield customer;
        yield* receipts;
    }
}
