import { expectedCohortSize } from '../stats/cohort-size.stats.js';
import { forecastFromPast, type Forecast } from '../stats/forecast.stats.js';
import { minimumDetectableEffect, proportionMde, type Mde } from '../stats/power.stats.js';
import { RefillError } from '../../../kernel/errors/refill-error.js';
import type { CampaignPlanHistoryService, PlanHistory } from './campaign-plan-history.service.js';
import type { CampaignReportService } from './campaign-report.service.js';
import { PLAN_UNITS } from './campaign-report.units.js';
import type { CampaignSelectionService, SelectionSummary } from './campaign-selection.service.js';
import type { CampaignService } from './campaign.service.js';
import type { Campaign } from '../entities/campaign.entity.js';
import type { CatalogService } from '../../catalog/index.js';
import { MS_PER_DAY } from '../../../kernel/units/time.js';
import {
    basisPointsToFraction,
    basisPointsToPercent,
    fractionToPercent,
} from '../../../kernel/units/shares.js';

/** Where the planned cohort size comes from. */
export type PlannedSizeBasis =
    'expected daily size × days' | 'lapses of the last 30 days' | "today's dry run";

/** What a marketer sees before launching a campaign. */
export interface CampaignPlan {
    /** The unit of every figure, by JSON path (`*` stands for any one key or index). */
    units: Record<string, string>;
    /** Today's segment: size, reach per channel, exclusions with reasons (nothing written). */
    dryRun: SelectionSummary;
    /**
     * The cohort the plan assumes (customers, both groups) and where it comes
     * from: the stated daily size × days; else today's eligible customers plus,
     * on each later day, the customers who lapsed per day over the last 30 days
     * × the share of today's lapsed newcomers that pass eligibility (at most
     * the daily cap × days); today's dry run alone when nobody lapsed lately.
     */
    plannedSize: {
        total: number;
        basis: PlannedSizeBasis;
        /** Days the campaign selects (its dates, else 30). */
        days: number;
        /** Eligible customers today (the dry run). */
        today: number;
        lapsesPerDay: number;
        /** Share of today's lapsed newcomers that pass eligibility. */
        eligibleShare: number;
    };
    /** The category's recent history, by the selection's lapse rule. */
    history: PlanHistory;
    controlSharePct: number;
    baselineConversionPct: number;
    /** `expected` (the campaign's expectation), `history` (the lapsed cohort of the history), or `default` (10%). */
    baselineSource: 'expected' | 'history' | 'default';
    /** Minimum detectable conversion uplift at 80% power, α = 0.05, two-sided; null when the plan cannot be measured. */
    mde: (Mde & { absolutePp: number }) | null;
    /**
     * Minimum detectable revenue uplift per assigned customer (minor units), at
     * 80% power, α = 0.05, from the category's revenue variance in the history;
     * null without a measurable plan or history.
     */
    revenueMde: (Mde & { baselineMean: number; standardDeviation: number }) | null;
    warnings: string[];
    /**
     * A campaign day's messages spread at the provider's send rate: the test
     * group of an average day (`recipients`), when the first and the last go
     * out after the next daily selection, and whether the last fits in the
     * window (a warning otherwise). Null when messaging is not wired.
     */
    sending?: (SendTimeEstimate & { recipients: number }) | null;
    /** Pessimistic / neutral / optimistic conversion uplift and incremental converters. */
    forecast:
        | (Forecast & {
              incrementalConverters: { pessimistic: number; neutral: number; optimistic: number };
              pastCampaigns: string[];
          })
        | null;
}

/** When a campaign day's messages go out, spread at the provider's send rate (see {@link SendTimeEstimator}). */
export interface SendTimeEstimate {
    /** The campaign's first channel (the one its reminders start on). */
    channel: string | null;
    /** Messages per minute its provider takes; null when it is not limited. */
    messagesPerMinute: number | null;
    firstSendAt: Date | null;
    /** When the day's last message goes out. */
    lastSendAt: Date | null;
    /** Whether the last one still goes inside that day's sending window. */
    fitsWindow: boolean;
}

/**
 * A port messaging implements (campaigns sit below it): when a day's
 * `recipients` messages of the campaign would go out at the provider's rate.
 */
export interface SendTimeEstimator {
    estimate(campaign: Campaign, recipients: number): Promise<SendTimeEstimate>;
}

const DEFAULT_BASELINE = 0.1;
const DEFAULT_DAYS = 30;
/** The fewest customers of a past lapsed cohort whose conversion the plan uses as its baseline. */
const MIN_HISTORY_COHORT = 30;
/** Reasons of the lapse rule itself; the others are eligibility. */
const LAPSE_REASONS = new Set(['too_few_purchases', 'within_threshold', 'within_rhythm']);

/**
 * Pre-launch planning: a dry run of today's segment, the expected size from
 * the lapses of the last 30 days, the minimum detectable effect on
 * conversion and on revenue (from the category's revenue variance in the
 * history) for the chosen control share, and a forecast from the measured
 * uplifts of past campaigns (minimum, mean, maximum), or from the
 * campaign's stated expectation when there are none.
 */
export class CampaignPlanningService {
    constructor(
        private readonly campaigns: CampaignService,
        private readonly selection: CampaignSelectionService,
        private readonly reports: CampaignReportService,
        private readonly catalog: CatalogService,
        private readonly histories: CampaignPlanHistoryService,
        /** When a day's messages go out (none: the plan has no `sending`). */
        private readonly sendTimes?: SendTimeEstimator,
    ) {}

    /** The plan of one campaign (any state). */
    async plan(campaignId: number): Promise<CampaignPlan> {
        return this.planOf(await this.campaigns.find(campaignId));
    }

    /**
     * The plan of a campaign as given: a stored one, or an unsaved design
     * (`CampaignService.unsaved`) whose dry run the caller may pass in.
     */
    async planOf(campaign: Campaign, dryRunDone?: SelectionSummary): Promise<CampaignPlan> {
        const category = (await this.catalog.categories()).find((c) => c.id === campaign.categoryId);
        if (!category) throw new RefillError('REFILL_NOT_FOUND', `No category ${campaign.categoryId}`);
        const [dryRun, history] = await Promise.all([
            dryRunDone ?? this.selection.dryRunOf(campaign),
            this.histories.history(campaign, category),
        ]);
        const days =
            campaign.startsAt && campaign.endsAt
                ? Math.max(
                      1,
                      Math.round((campaign.endsAt.getTime() - campaign.startsAt.getTime()) / MS_PER_DAY),
                  )
                : DEFAULT_DAYS;
        const plannedSize = this.size(campaign.expectedDailySize, campaign.dailyCap, days, dryRun, history);
        const total = plannedSize.total;
        const q = basisPointsToFraction(campaign.controlShareBp);
        const past = history.revenue;
        const baselineSource: CampaignPlan['baselineSource'] =
            campaign.expectedConversionBp !== null
                ? 'expected'
                : past.conversion !== null &&
                    past.customers >= MIN_HISTORY_COHORT &&
                    past.conversion > 0 &&
                    past.conversion < 1
                  ? 'history'
                  : 'default';
        const baseline =
            baselineSource === 'expected'
                ? basisPointsToFraction(campaign.expectedConversionBp as number)
                : baselineSource === 'history'
                  ? (past.conversion as number)
                  : DEFAULT_BASELINE;
        const warnings: string[] = [];
        let mde: CampaignPlan['mde'] = null;
        let revenueMde: CampaignPlan['revenueMde'] = null;
        const measurable = q > 0 && q < 1 && total >= 2 / Math.min(q, 1 - q);
        if (q <= 0 || q >= 1) warnings.push('Without a control group nothing can be measured');
        else if (!measurable)
            warnings.push('The planned cohort is too small for either group to be measured');
        else {
            if (baseline > 0 && baseline < 1) {
                const m = proportionMde(total, q, baseline);
                mde = { ...m, absolutePp: fractionToPercent(m.absolute) };
                if (
                    campaign.expectedUpliftBp !== null &&
                    m.absolute > basisPointsToFraction(campaign.expectedUpliftBp)
                )
                    warnings.push(
                        `The expected uplift (${basisPointsToPercent(campaign.expectedUpliftBp)} pp) is below the minimum detectable effect (${fractionToPercent(m.absolute).toFixed(2)} pp): raise the control share or the size`,
                    );
            }
            if (past.revenueVariance !== null && past.revenueMean !== null && past.revenueVariance > 0) {
                const m = minimumDetectableEffect({
                    total,
                    controlShare: q,
                    variance: past.revenueVariance,
                    baseline: past.revenueMean,
                });
                revenueMde = {
                    ...m,
                    baselineMean: past.revenueMean,
                    standardDeviation: Math.sqrt(past.revenueVariance),
                };
            } else
                warnings.push(
                    'The history has no category revenue of lapsed customers to measure its variance: no revenue MDE',
                );
        }
        if (baselineSource === 'default')
            warnings.push(
                `No expected conversion given and too little history: the plan assumes ${DEFAULT_BASELINE * 100}% in control`,
            );
        const forecast = await this.forecast(campaign, total * (1 - q));
        if (!forecast) warnings.push('No past campaigns and no expected uplift: no forecast');
        const sending = await this.sending(campaign, plannedSize, q);
        if (sending && !sending.fitsWindow)
            warnings.push(
                `A day's ${sending.recipients} messages do not fit in the sending window at ${sending.messagesPerMinute} a minute: the last goes out at ${sending.lastSendAt?.toISOString()}, the rest the next day`,
            );
        return {
            units: PLAN_UNITS,
            dryRun,
            plannedSize,
            history,
            controlSharePct: basisPointsToPercent(campaign.controlShareBp),
            baselineConversionPct: fractionToPercent(baseline),
            baselineSource,
            mde,
            revenueMde,
            warnings,
            sending,
            forecast,
        };
    }

    /**
     * A day's messages at the provider's rate: the test group of the larger
     * of today's eligible customers and an average day of the plan.
     */
    private async sending(
        campaign: Campaign,
        plannedSize: CampaignPlan['plannedSize'],
        controlShare: number,
    ): Promise<CampaignPlan['sending']> {
        if (!this.sendTimes) return null;
        const perDay = Math.max(plannedSize.today, plannedSize.total / plannedSize.days);
        const recipients = Math.ceil(perDay * (1 - controlShare));
        return { ...(await this.sendTimes.estimate(campaign, recipients)), recipients };
    }

    private size(
        expectedDailySize: number | null,
        dailyCap: number | null,
        days: number,
        dryRun: SelectionSummary,
        history: PlanHistory,
    ): CampaignPlan['plannedSize'] {
        const failedEligibility = Object.entries(dryRun.exclusions)
            .filter(([reason]) => !LAPSE_REASONS.has(reason) && reason !== 'daily_cap')
            .reduce((sum, [, n]) => sum + (n ?? 0), 0);
        const judged = dryRun.eligible + failedEligibility;
        const eligibleShare = judged ? dryRun.eligible / judged : 1;
        const lapsesPerDay = history.lapses.lapsesPerDay;
        const base = { days, today: dryRun.eligible, lapsesPerDay, eligibleShare };
        if (expectedDailySize)
            return { ...base, total: expectedDailySize * days, basis: 'expected daily size × days' };
        return {
            ...base,
            total: expectedCohortSize({
                today: dryRun.eligible,
                lapsesPerDay,
                eligibleShare,
                days,
                dailyCap,
            }),
            basis: lapsesPerDay > 0 ? 'lapses of the last 30 days' : "today's dry run",
        };
    }

    private async forecast(campaign: Campaign, testSize: number): Promise<CampaignPlan['forecast']> {
        const past = await this.reports.pastUplifts(campaign.id);
        const prior =
            campaign.expectedUpliftBp !== null
                ? {
                      absoluteUplift: basisPointsToFraction(campaign.expectedUpliftBp),
                      spread: campaign.expectedUpliftBp / 20_000,
                  }
                : undefined;
        const base = forecastFromPast(past, prior);
        return base
            ? {
                  ...base,
                  incrementalConverters: {
                      pessimistic: Math.round(base.pessimistic.absoluteUplift * testSize),
                      neutral: Math.round(base.neutral.absoluteUplift * testSize),
                      optimistic: Math.round(base.optimistic.absoluteUplift * testSize),
                  },
                  pastCampaigns: past.map((p) => p.campaign),
              }
            : null;
    }
}
