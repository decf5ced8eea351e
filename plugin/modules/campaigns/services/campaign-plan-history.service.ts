import { DateTime } from 'luxon';
import { newlyLapsedDays } from '../stats/cohort-size.stats.js';
import { groupMean, sampleVariance, type GroupSums } from '../stats/group-sums.js';
import {
    type Category,
    categoryLapseRule,
    chainDayStart,
    LAPSE_LOOKBACK_DAYS,
    lapseToday,
    lapseVerdict,
} from '../../catalog/index.js';
import type { Campaign } from '../entities/campaign.entity.js';
import type { LapseHistoryQuery } from '../repositories/lapse-history.query.js';
import type { Clock } from '../../../kernel/clock.js';

/** How many customers lapsed on the last days, by the campaign's rule. */
export interface LapseHistory {
    /** First and last day measured, `YYYY-MM-DD` (chain time; the days before today). */
    from: string;
    to: string;
    days: number;
    /** Customers who became lapsed on one of those days. */
    lapses: number;
    lapsesPerDay: number;
}

/**
 * What the campaign's control group would have bought, measured on the
 * history: the customers lapsed on a past reference day, and their net
 * category revenue in the window that followed (as long as a member's).
 */
export interface RevenueHistory {
    /** The reference day, `YYYY-MM-DD`: the window after it has closed by today. */
    referenceDay: string;
    /** Window length: offer validity + settlement lag, days. */
    windowDays: number;
    /** Customers lapsed on the reference day. */
    customers: number;
    /** Of them, customers who bought the category in the window. */
    converters: number;
    /** converters / customers; null without customers. */
    conversion: number | null;
    /** Mean net category revenue per customer in the window (zeros included), minor units; null without customers. */
    revenueMean: number | null;
    /** Its per-customer sample variance, squared minor units; null below two customers. */
    revenueVariance: number | null;
}

/** The history a plan rests on. */
export interface PlanHistory {
    lapses: LapseHistory;
    revenue: RevenueHistory;
}

/** Days of lapses the expected size is measured on. */
export const LAPSE_HISTORY_DAYS = 30;

/**
 * Reads a category's history for a campaign's plan, in one pass over its
 * statistics rows with the selection's own lapse rule: the customers who
 * became lapsed on each of the last 30 days (the daily inflow a running
 * campaign takes in), and the customers lapsed on a reference day one window
 * ago with their category revenue in that window (the revenue variance and
 * the baseline conversion).
 */
export class CampaignPlanHistoryService {
    constructor(
        private readonly query: LapseHistoryQuery,
        private readonly timezone: string,
        private readonly clock: Clock,
    ) {}

    /** Lapses of the last 30 days and the revenue of a past lapsed cohort. */
    async history(campaign: Campaign, category: Category): Promise<PlanHistory> {
        const rule = categoryLapseRule(category, campaign.lapseKPct);
        const today = lapseToday(this.clock(), this.timezone);
        const from = today - LAPSE_HISTORY_DAYS;
        const to = today - 1;
        const windowDays = campaign.offerValidDays + campaign.settlementLagDays;
        const reference = today - windowDays;
        const lookback = rule.lookbackDays ?? LAPSE_LOOKBACK_DAYS;
        const scanFrom = chainDayStart(Math.min(from - 1, reference) - lookback + 1, this.timezone);

        let lapses = 0;
        const cohort: number[] = [];
        for await (const page of this.query.purchaseDays(category.id, scanFrom, rule.minPurchases)) {
            for (const row of page) {
                if (newlyLapsedDays(row.recentDays, from, to, rule).length) lapses++;
                if (lapseVerdict(row.recentDays, reference, rule).lapsed) cohort.push(row.customerId);
            }
        }
        const revenue = await this.query.revenueBetween(
            category.id,
            cohort,
            chainDayStart(reference, this.timezone),
            chainDayStart(reference + windowDays, this.timezone),
        );
        const sums: GroupSums = { n: cohort.length, sum: 0, sumSquares: 0 };
        for (const amount of revenue.values()) {
            sums.sum += amount;
            sums.sumSquares += amount * amount;
        }
        return {
            lapses: {
                from: this.isoDay(from),
                to: this.isoDay(to),
                days: LAPSE_HISTORY_DAYS,
                lapses,
                lapsesPerDay: lapses / LAPSE_HISTORY_DAYS,
            },
            revenue: {
                referenceDay: this.isoDay(reference),
                windowDays,
                customers: cohort.length,
                converters: revenue.size,
                conversion: cohort.length ? revenue.size / cohort.length : null,
                revenueMean: cohort.length ? groupMean(sums) : null,
                revenueVariance: sampleVariance(sums),
            },
        };
    }

    private isoDay(day: number): string {
        return DateTime.fromJSDate(chainDayStart(day, this.timezone), {
            zone: this.timezone,
        }).toISODate() as string;
    }
}
