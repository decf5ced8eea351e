import { DateTime } from 'luxon';
import type { CampaignDesign } from '../modules/campaigns/index.js';
import type { RefillOptions } from '../config/refill-options.js';
import { createRefill, type Refill } from '../refill.js';
import { refillInternals, type RefillInternals } from '../refill-internals.js';
import type { DemoChronicGroup } from './demo-catalog.types.js';
import { DemoRandom } from './demo-random.js';

/** Who returns after a demo campaign picked them: the behaviour model of one campaign. */
export interface DemoReturnModel {
    /** Chance that a member of the test group (offer and reminders) buys the group again inside the window. */
    test: number;
    /** The same for the control group (nothing sent): the base rate of coming back on one's own. */
    control: number;
}

/** One demo campaign played day by day on a backdated clock. */
export interface DemoCampaignScript {
    design: CampaignDesign;
    group: DemoChronicGroup;
    /** Days before now of the campaign's first day. */
    startDaysAgo: number;
    /** Days it selects (its `endsAt`); null for a campaign that is still running. */
    runDays: number | null;
    /** Days before now of the last day played (selection, sends and returns); 1 = yesterday. */
    untilDaysAgo: number;
    returns: DemoReturnModel;
    /** Seed of the salt and of the members' draws. */
    seed: number;
}

/** Who the audit log shows as the demo's marketer. */
export const DEMO_MARKETER = 'demo-marketer';
/** Stream of the members' return draws. */
const RETURN_STREAM = 42;
const MS_PER_DAY = 86_400_000;
const MS_PER_HOUR = 3_600_000;

/** A returning member's purchase, due at `at`. */
interface DueReturn {
    at: number;
    customerId: number;
    cardNumber: string;
    storeCode: string;
}

/**
 * A second Refill over the same database whose clock the demo moves: every
 * service reads the time from it, so a campaign can run in the past through
 * the real code (selection, offers, messaging, the tills' hook). It is never
 * started: no jobs, no migrations, and nothing of its own to close.
 */
export function backdatedRefill(refill: Refill, messaging: RefillOptions['messaging']) {
    const { dataSource, config, logger } = refillInternals(refill);
    let time = Date.now();
    const shadow = createRefill({
        dataSource,
        logger,
        timezone: config.timezone,
        migrationsRun: false,
        jobs: { process: false },
        messaging,
        clock: () => new Date(time),
    });
    return {
        refill: shadow,
        internals: refillInternals(shadow),
        /** Sets the clock. */
        at(ms: number) {
            time = ms;
        },
    };
}

/**
 * Plays one campaign: created and launched by the demo marketer at the
 * start, then day by day at its run hour the scheduler's steps (start or
 * finish by date, the daily selection, the send guard, the dispatcher, the
 * offer-expiry reminders), and between ticks the returns the model draws for
 * the members assigned, bought at the tills' hook. Returns the campaign id.
 */
export async function playDemoCampaign(
    shadow: ReturnType<typeof backdatedRefill>,
    script: DemoCampaignScript,
    now: number,
): Promise<number> {
    const { services, database, repositories, config } = shadow.internals;
    const zone = config.timezone;
    const dayAt = (daysAgo: number, hour: number) =>
        DateTime.fromMillis(now - daysAgo * MS_PER_DAY, { zone })
            .startOf('day')
            .set({ hour })
            .toMillis();
    const runHour = script.design.runHour;
    shadow.at(dayAt(script.startDaysAgo, runHour) - MS_PER_HOUR);
    const created = await services.campaigns.create(
        {
            ...script.design,
            startsAt: new Date(dayAt(script.startDaysAgo, 0)),
            endsAt: script.runDays === null ? null : new Date(dayAt(script.startDaysAgo - script.runDays, 0)),
        },
        DEMO_MARKETER,
    );
    // A salt from the seed (instead of a random one) makes the groups, and so the report, repeatable:
    // set on the draft, before launch freezes it (the one write here that no service makes).
    await repositories.campaigns.update(
        database,
        created.id,
        { salt: `demo-${script.seed}-${script.design.code}` },
        new Date(dayAt(script.startDaysAgo, runHour) - MS_PER_HOUR),
    );
    await services.campaigns.launch(created.id, DEMO_MARKETER);

    const stores = (await services.stores.list()).map((s) => s.code);
    const due: DueReturn[] = [];
    const windowDays = script.design.offer.validDays;
    const lastSelection = script.runDays === null ? -1 : script.startDaysAgo - script.runDays + 1;
    for (let daysAgo = script.startDaysAgo; daysAgo >= script.untilDaysAgo; daysAgo--) {
        // Two days after the last selection nothing is left to send: the returns are bought at the last tick.
        if (daysAgo < lastSelection - 2 && daysAgo > script.untilDaysAgo) continue;
        const tick = dayAt(daysAgo, runHour);
        await buyDue(shadow, script, due, tick);
        shadow.at(tick);
        const active = await services.campaigns.advance(DEMO_MARKETER);
        if (active.some((c) => c.id === created.id)) {
            const day = services.campaignSelection.localDay(new Date(tick));
            for (const part of await services.campaignSelection.plan())
                await services.campaignSelection.runPart(created.id, day, part);
            for (const m of await newMembers(shadow.internals, created.id, day)) {
                const rng = DemoRandom.forStream(script.seed, RETURN_STREAM, m.customerId);
                const p = m.group === 'test' ? script.returns.test : script.returns.control;
                if (!rng.chance(p)) continue;
                // A day of the offer's window, in opening hours (after the assignment on its first day).
                const later = rng.int(0, windowDays - 1);
                due.push({
                    at: dayAt(daysAgo - later, 0) + rng.between(later ? 9 : runHour + 0.5, 21) * MS_PER_HOUR,
                    customerId: m.customerId,
                    cardNumber: m.cardNumber,
                    storeCode: rng.pick(stores),
                });
            }
        }
        await services.sendGuard.tick();
        await services.dispatcher.run();
    }
    await buyDue(shadow, script, due, Math.min(now - 60_000, dayAt(script.untilDaysAgo - 1, runHour)));
    return created.id;
}

/** Buys, in time order, the returns due before `until` (the group's usual pack, at the tills' hook). */
async function buyDue(
    shadow: ReturnType<typeof backdatedRefill>,
    script: DemoCampaignScript,
    due: DueReturn[],
    until: number,
): Promise<void> {
    due.sort((a, b) => a.at - b.at);
    while (due.length && due[0].at < until) {
        const r = due.shift() as DueReturn;
        const rng = DemoRandom.forStream(script.seed, RETURN_STREAM + 1, r.customerId);
        const product = rng.popular(script.group.products);
        const quantity = rng.chance(0.2) ? 2 : 1;
        shadow.at(r.at + 1000);
        await shadow.refill.hooks.commitPurchase({
            receiptId: `DEMO-${script.design.code}-${r.customerId}`,
            cardNumber: r.cardNumber,
            storeCode: r.storeCode,
            purchasedAt: new Date(r.at),
            lines: [
                {
                    sku: product.sku,
                    name: product.name,
                    atc: product.atc,
                    quantity,
                    amount: product.price * quantity,
                },
            ],
        });
    }
}

/** The members a day's selection assigned, with their cards. */
async function newMembers(internals: RefillInternals, campaignId: number, day: string) {
    const rows = await internals.database.all<{ id: number; card_number: string; group_name: string }>(
        `SELECT c.id, c.card_number, m.group_name FROM refill_campaign_members m
         JOIN refill_customers c ON c.id = m.customer_id
         WHERE m.campaign_id = ? AND m.assignment_day = ? ORDER BY c.id`,
        [campaignId, day],
    );
    return rows.map((r) => ({
        customerId: Number(r.id),
        cardNumber: String(r.card_number),
        group: r.group_name as 'test' | 'control',
    }));
}
