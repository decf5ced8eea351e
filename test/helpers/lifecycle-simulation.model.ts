import type { LifecycleSegment } from '../../plugin/kernel/vocabulary/lifecycle-segments.js';

/*
 * The known model of the lifecycle simulation, as plain values: who the
 * customers are, when each buys (a per-customer mean gap, a churn chance
 * after each purchase), and an INDEPENDENT recomputation of the lifecycle
 * segment path from the purchase days the test wrote. Nothing here calls
 * Refill: the recomputation is written from the segments README's
 * definition, not from the module's rule.
 */

/** How a simulated customer came to the program. */
export type SimKind = 'existing' | 'dormant' | 'newcomer';

/** One simulated customer: their card, kind, habits and every purchase day (simulation day numbers). */
export interface SimCustomer {
    card: string;
    kind: SimKind;
    /** Mean days between purchases. */
    meanGap: number;
    /** The chance of never buying again after a purchase. */
    churn: number;
    /** Purchase days, in order (negative: imported history before day 0). */
    days: number[];
    /** The next day they buy (null: never again, as the model stands). */
    next: number | null;
    /** The day the card exists from: history customers before day 0, newcomers on their first purchase. */
    enrolledDay: number;
}

/** The thresholds the recomputation uses (Refill's defaults). */
export const SIM_THRESHOLDS = {
    regularWithinDays: 30,
    sleepingAfterDays: 60,
    churnedAfterDays: 180,
    wonBackDays: 30,
};

/** A gap in whole days, at least 1, drawn from a geometric distribution with mean `mean`. */
export function drawGap(random: () => number, mean: number): number {
    const p = 1 / Math.max(1, mean);
    return 1 + Math.floor(Math.log(1 - random()) / Math.log(1 - Math.min(p, 0.999)));
}

/** Plans the next purchase after one on `day` (null when the customer churns). */
export function planNext(random: () => number, c: SimCustomer, day: number): number | null {
    if (random() < c.churn) return null;
    return day + drawGap(random, c.meanGap);
}

/**
 * Draws the population: `existing` customers with history from `historyDays`
 * before day 0 (some lapse, some churn), `dormant` ones enrolled without a
 * purchase (a few buy for the first time during the run), and newcomers who
 * enrol with their first purchase at the till on a day of the run.
 */
export function drawCustomers(
    random: () => number,
    n: number,
    days: number,
    historyDays: number,
): SimCustomer[] {
    const out: SimCustomer[] = [];
    for (let i = 0; i < n; i++) {
        const card = `7${String(i).padStart(7, '0')}`;
        const u = random();
        const kind: SimKind = u < 0.6 ? 'existing' : u < 0.72 ? 'dormant' : 'newcomer';
        const c: SimCustomer = {
            card,
            kind,
            meanGap: 8 + Math.floor(random() * 70),
            churn: 0.02 + random() * 0.1,
            days: [],
            next: null,
            enrolledDay: -historyDays - 1,
        };
        if (kind === 'existing') {
            let day: number | null = -historyDays + Math.floor(random() * historyDays);
            while (day !== null && day < 0) {
                c.days.push(day);
                day = planNext(random, c, day);
            }
            c.next = day;
        } else if (kind === 'dormant') {
            // Most never buy; about a third buy for the first time during the run.
            c.next = random() < 0.35 ? Math.floor(random() * days) : null;
        } else {
            c.next = Math.floor(random() * (days - 10));
            c.enrolledDay = c.next;
        }
        out.push(c);
    }
    return out;
}

/** One recorded move between lifecycle segments (from null: the first classification). */
export interface SimTransition {
    from: LifecycleSegment | null;
    to: LifecycleSegment;
    day: number;
}

/**
 * The segment path a customer must have, recomputed from their purchase
 * days: the daily job runs on each of `jobDays` (before the day's sales, so a
 * purchase on day d is seen from day d + 1), and classifies a customer from
 * the first job day after their card exists. The definition, step by step:
 * no purchase → enrolled; d ≥ churned → churned; d ≥ sleeping → sleeping;
 * bought again after sleeping or churned → won back, which lasts
 * `wonBackDays` from its day; one purchase → new; 4+ and d ≤ regular →
 * regular; otherwise developing.
 */
export function expectedPath(c: SimCustomer, jobDays: readonly number[]): SimTransition[] {
    const t = SIM_THRESHOLDS;
    const path: SimTransition[] = [];
    let segment: LifecycleSegment | null = null;
    let since = 0;
    for (const today of jobDays) {
        if (today <= c.enrolledDay) continue;
        const bought = c.days.filter((d) => d < today);
        let next: LifecycleSegment;
        if (!bought.length) next = 'enrolled';
        else {
            const d = today - bought[bought.length - 1];
            if (d >= t.churnedAfterDays) next = 'churned';
            else if (d >= t.sleepingAfterDays) next = 'sleeping';
            else if (segment === 'sleeping' || segment === 'churned') next = 'won_back';
            else if (segment === 'won_back' && today - since < t.wonBackDays) next = 'won_back';
            else if (bought.length === 1) next = 'new';
            else if (bought.length >= 4 && d <= t.regularWithinDays) next = 'regular';
            else next = 'developing';
        }
        if (next !== segment) {
            path.push({ from: segment, to: next, day: today });
            segment = next;
            since = today;
        }
    }
    return path;
}
