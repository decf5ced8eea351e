import { forecastFromPast, type Forecast } from '../domain/campaign-stats/forecast.stats.js';
import { proportionMde, type Mde } from '../domain/campaign-stats/power.stats.js';
import type { CampaignReportService } from './campaign-report.service.js';
import type { CampaignSelectionService, SelectionSummary } from './campaign-selection.service.js';
import type { CampaignService } from './campaign.service.js';

/** What a marketer sees before launching a campaign. */
export interface CampaignPlan {
    /** Today's segment: size, reach per channel, exclusions with reasons (nothing written). */
    dryRun: SelectionSummary;
    /** The cohort the plan assumes and where the figure comes from. */
    plannedSize: { total: number; basis: 'expected daily size × days' | "today's dry run" };
    controlSharePct: number;
    baselineConversionPct: number;
    /** Minimum detectable conversion uplift at 80% power, α = 0.05, two-sided; null when the plan cannot be measured. */
    mde: (Mde & { absolutePp: number }) | null;
    warnings: string[];
    /** Pessimistic / neutral / optimistic conversion uplift and incremental converters. */
    forecast:
        | (Forecast & {
              incrementalConverters: { pessimistic: number; neutral: number; optimistic: number };
              pastCampaigns: string[];
          })
        | null;
}

const DEFAULT_BASELINE = 0.1;
const DEFAULT_DAYS = 30;

/**
 * Pre-launch planning: a dry run of today's segment, the minimum detectable
 * effect for the chosen control share and expected size, and a forecast
 * from the measured uplifts of past campaigns (minimum, mean, maximum), or
 * from the campaign's stated expectation when there are none.
 */
export class CampaignPlanningService {
    constructor(
        private readonly campaigns: CampaignService,
        private readonly selection: CampaignSelectionService,
        private readonly reports: CampaignReportService,
    ) {}

    /** The plan of one campaign (any state). */
    async plan(campaignId: number): Promise<CampaignPlan> {
        const campaign = await this.campaigns.find(campaignId);
        const dryRun = await this.selection.dryRun(campaignId);
        const days =
            campaign.startsAt && campaign.endsAt
                ? Math.max(
                      1,
                      Math.round((campaign.endsAt.getTime() - campaign.startsAt.getTime()) / 86_400_000),
                  )
                : DEFAULT_DAYS;
        const total = campaign.expectedDailySize ? campaign.expectedDailySize * days : dryRun.eligible;
        const q = campaign.controlShareBp / 10_000;
        const baseline =
            campaign.expectedConversionBp !== null
                ? campaign.expectedConversionBp / 10_000
                : DEFAULT_BASELINE;
        const warnings: string[] = [];
        let mde: CampaignPlan['mde'] = null;
        if (q <= 0 || q >= 1) warnings.push('Without a control group nothing can be measured');
        else if (total < 2 / Math.min(q, 1 - q))
            warnings.push('The planned cohort is too small for either group to be measured');
        else if (baseline > 0 && baseline < 1) {
            const m = proportionMde(total, q, baseline);
            mde = { ...m, absolutePp: m.absolute * 100 };
            if (campaign.expectedUpliftBp !== null && m.absolute > campaign.expectedUpliftBp / 10_000)
                warnings.push(
                    `The expected uplift (${campaign.expectedUpliftBp / 100} pp) is below the minimum detectable effect (${(m.absolute * 100).toFixed(2)} pp): raise the control share or the size`,
                );
        }
        if (!campaign.expectedConversionBp)
            warnings.push(
                `No expected conversion given: the plan assumes ${DEFAULT_BASELINE * 100}% in control`,
            );
        const past = await this.reports.pastUplifts(campaign.id);
        const prior =
            campaign.expectedUpliftBp !== null
                ? {
                      absoluteUplift: campaign.expectedUpliftBp / 10_000,
                      spread: campaign.expectedUpliftBp / 20_000,
                  }
                : undefined;
        const base = forecastFromPast(past, prior);
        const testSize = total * (1 - q);
        const forecast = base
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
        if (!forecast) warnings.push('No past campaigns and no expected uplift: no forecast');
        return {
            dryRun,
            plannedSize: {
                total,
                basis: campaign.expectedDailySize ? 'expected daily size × days' : "today's dry run",
            },
            controlSharePct: q * 100,
            baselineConversionPct: baseline * 100,
            mde,
            warnings,
            forecast,
        };
    }
}
