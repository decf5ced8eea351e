import { DateTime } from 'luxon';
import {
    ChainAdminService,
    ChainReportQuery,
    ChainRepository,
    GlobalControlService,
    ProgramRevenueQuery,
    ShippedChainsService,
    type ShippedChainKey,
} from '../modules/chains/index.js';
import type { RefillOptions } from '../config/refill-options.js';
import type { Refill } from '../refill.js';
import { refillInternals } from '../refill-internals.js';
import { DEMO_CHRONIC_GROUPS } from './demo-catalog.js';
import { backdatedRefill, DEMO_MARKETER } from './demo-campaign-run.js';
import { DemoRandom } from './demo-random.js';

/** How one shipped chain is played in the demo: who enters a day, and who buys afterwards. */
interface DemoChainScript {
    key: ShippedChainKey;
    /** Entrants per day. */
    perDay: number;
    /** Chance that a test entrant buys within the goal window; the holdout's is the base rate. */
    buys: { test: number; holdout: number };
}

/** The shipped chains the demo switches on, and how their entrants behave. */
// Not `welcome` or the burn reminders: an active one makes the built-in reminders of its kind step aside.
const SCRIPTS: readonly DemoChainScript[] = [
    { key: 'second-purchase', perDay: 6, buys: { test: 0.5, holdout: 0.3 } },
    { key: 'sleeping-winback', perDay: 5, buys: { test: 0.35, holdout: 0.15 } },
];

/** The program's global control group the demo sets: 5% of customers held out of all marketing. */
const GLOBAL_CONTROL_BP = 500;
/** Days before now the chains were switched on (entries every day since, until yesterday). */
const DAYS = 21;
/** Hours of the day the engine and the dispatcher run. */
const TICK_HOURS = [10] as const;
/** Streams of the demo's draws. */
const ORDER_STREAM = 71;
const BUY_STREAM = 72;
const MS_PER_DAY = 86_400_000;
const MS_PER_HOUR = 3_600_000;

/** A purchase an entrant makes later. */
interface DueBuy {
    at: number;
    customerId: number;
    cardNumber: string;
}

/** What {@link seedDemoChains} made. */
export interface DemoChainsSummary {
    /** The chains switched on, by key. */
    chainIds: Partial<Record<ShippedChainKey, number>>;
    /** Runs entered, both chains, both groups. */
    entered: number;
}

/**
 * The demo's trigger chains: the program's global control group at 5%, the
 * shipped chains (seeded as drafts if the start has not yet), with `second-purchase` and `sleeping-winback` switched on by
 * the demo marketer {@link DAYS} days ago and played day by day on a
 * backdated clock through the real engine: each day a few customers enter
 * each chain (split into test and holdout by the engine), the step runner
 * walks their runs and the dispatcher sends their messages, and entrants buy
 * at the tills' hook more often in the test group than in the holdout, so
 * the chain report has a funnel, an effect and a cost. Deterministic for a
 * seed. Run it once, after the demo chain and its campaigns.
 */
export async function seedDemoChains(
    refill: Refill,
    options: { seed: number; messaging?: RefillOptions['messaging'] },
): Promise<DemoChainsSummary> {
    const now = refillInternals(refill).clock().getTime();
    const shadow = backdatedRefill(refill, options.messaging);
    const { services, database, repositories, config, clock } = shadow.internals;
    const { chains } = services;
    const zone = config.timezone;
    const dayAt = (daysAgo: number, hour: number) =>
        DateTime.fromMillis(now - daysAgo * MS_PER_DAY, { zone })
            .startOf('day')
            .set({ hour })
            .toMillis();

    shadow.at(dayAt(DAYS, 9));
    const chainRepo = new ChainRepository(database);
    await new ShippedChainsService(database, { audit: repositories.audit, chains: chainRepo }, clock).seed();
    const admin = new ChainAdminService(
        database,
        { audit: repositories.audit, chains: chainRepo, figures: new ChainReportQuery(database) },
        services.catalog,
        clock,
    );
    // A global control group from the chains' first day, so the program card has its comparison.
    await new GlobalControlService(
        database,
        {
            audit: repositories.audit,
            settings: repositories.settings,
            revenue: new ProgramRevenueQuery(database),
        },
        clock,
    ).set(GLOBAL_CONTROL_BP, DEMO_MARKETER);
    const listed = await admin.list();
    const chainIds: DemoChainsSummary['chainIds'] = {};
    for (const script of SCRIPTS) {
        const chain = listed.find((c) => c.key === script.key);
        if (!chain) throw new Error(`the shipped chain ${script.key} is missing`);
        if (chain.status !== 'active') await admin.activate(chain.id, DEMO_MARKETER);
        chainIds[script.key] = chain.id;
    }

    // Each chain draws its entrants from its own share of the customers, in a seeded order.
    const customers = (
        await database.all<{ id: number; card_number: string }>(
            'SELECT id, card_number FROM refill_customers ORDER BY id',
        )
    )
        .map((r) => ({
            customerId: Number(r.id),
            cardNumber: String(r.card_number),
            order: DemoRandom.forStream(options.seed, ORDER_STREAM, Number(r.id)).float(),
        }))
        .sort((a, b) => a.order - b.order);
    const cards = new Map(customers.map((c) => [c.customerId, c.cardNumber]));
    const pools = SCRIPTS.map((_, i) => customers.filter((_, j) => j % SCRIPTS.length === i));
    const stores = (await services.stores.list()).map((s) => s.code);
    const products = DEMO_CHRONIC_GROUPS.flatMap((g) => g.products.slice(0, 3));
    const due: DueBuy[] = [];
    let entered = 0;

    const buyDue = async (until: number) => {
        due.sort((a, b) => a.at - b.at);
        while (due.length && due[0].at < until) {
            const b = due.shift() as DueBuy;
            const rng = DemoRandom.forStream(options.seed, BUY_STREAM + 1, b.customerId);
            const product = rng.popular(products);
            shadow.at(b.at + 1000);
            await shadow.refill.hooks.commitPurchase({
                receiptId: `DEMO-CHAIN-${b.customerId}-${b.at}`,
                cardNumber: b.cardNumber,
                storeCode: rng.pick(stores),
                purchasedAt: new Date(b.at),
                lines: [
                    {
                        sku: product.sku,
                        name: product.name,
                        atc: product.atc,
                        quantity: 1,
                        amount: product.price,
                    },
                ],
            });
        }
    };
    const step = async (at: number) => {
        await buyDue(at);
        shadow.at(at);
        await chains.engine.runDue();
        await services.dispatcher.run();
    };

    for (let daysAgo = DAYS; daysAgo >= 1; daysAgo--) {
        const tick = dayAt(daysAgo, TICK_HOURS[0]);
        await buyDue(tick);
        shadow.at(tick);
        const live = await chains.chainsQuery.live(database);
        const control = await chains.chains.globalControl();
        for (const [i, script] of SCRIPTS.entries()) {
            const chain = live.find((c) => c.id === chainIds[script.key]);
            const day = DAYS - daysAgo;
            const candidates = pools[i].slice(day * script.perDay, (day + 1) * script.perDay);
            if (!chain || !candidates.length) continue;
            const counts = await database.transaction((tx) =>
                chains.entry.enter(
                    tx,
                    chain,
                    candidates.map((c) => ({ customerId: c.customerId, occurrence: `demo-${daysAgo}` })),
                    control,
                    new Date(tick),
                ),
            );
            entered += counts.entered;
            // Each customer enters each chain once (the pools are apart): the runs of today's candidates.
            const ids = candidates.map((c) => c.customerId);
            const runs = await database.all<{ customer_id: number; grp: string }>(
                `SELECT customer_id, grp FROM refill_chain_runs
                 WHERE chain_id = ? AND customer_id IN (${ids.map(() => '?').join(', ')})`,
                [chain.id, ...ids],
            );
            for (const run of runs) {
                const customerId = Number(run.customer_id);
                const rng = DemoRandom.forStream(options.seed, BUY_STREAM, customerId * 10 + i);
                const p = run.grp === 'test' ? script.buys.test : script.buys.holdout;
                if (!rng.chance(p)) continue;
                const later = rng.int(1, 12);
                const at = dayAt(daysAgo - later, 0) + rng.between(9, 21) * MS_PER_HOUR;
                if (at < now - MS_PER_HOUR)
                    due.push({ at, customerId, cardNumber: cards.get(customerId) as string });
            }
        }
        for (const hour of TICK_HOURS) await step(dayAt(daysAgo, hour));
    }
    await step(now - MS_PER_HOUR);
    return { chainIds, entered };
}
