import type { RefillConfig } from '../../config/refill-options.js';
import {
    campaignBill,
    type CampaignBill,
    type CampaignDesign,
    type CampaignPlan,
    type CampaignPlanningService,
    type CampaignSelectionService,
    type CampaignService,
    ESTIMATE_UNITS,
    offerBonusPerConverter,
} from '../../modules/campaigns/index.js';
import { buildSteps, type TemplateService } from '../../modules/messaging/index.js';
import { basisPointsToFraction } from '../../kernel/units/shares.js';
import type { TemplateChannel } from '../../kernel/vocabulary/template-channels.js';

/** One cascade step as the estimate shows it: its channel, wait, and what one message costs. */
export interface EstimateStep {
    channel: string;
    waitMinutes: number;
    await: 'delivered' | 'read';
    /** Minor units: per message, or for SMS the template's segments × the price per segment. */
    costPerMessage: number;
    /** SMS only: segments of the lapse-offer template rendered with sample data. */
    segments: number | null;
}

/** The editor's live estimate of a design: the plan of a saved campaign, the cascade and the bill. */
export type CampaignEstimate = Omit<CampaignPlan, 'dryRun'> & {
    dryRun: Omit<CampaignPlan['dryRun'], 'sampleCustomerIds'>;
    /** The cascade the test group's reminders walk: the design's steps, else its channels cheapest first. */
    steps: EstimateStep[];
    /** Expected test-group members over the campaign (planned size × (1 − control share)). */
    testMembers: number;
    /** Offer bonuses one converter earns (gift amount, or the multiplier's extra on category revenue). */
    bonusPerConverter: number;
    bill: CampaignBill;
};

/** What the estimate calls. */
export interface CampaignEstimateSources {
    campaigns: Pick<CampaignService, 'unsaved'>;
    campaignSelection: Pick<CampaignSelectionService, 'dryRunOf'>;
    campaignPlanning: Pick<CampaignPlanningService, 'planOf'>;
    templates: Pick<TemplateService, 'preview'>;
}

/** The message kind of a campaign's reminders. */
const REMINDER_KIND = 'lapse-offer' as const;

/**
 * The campaign editor's live estimate of an unsaved design (nothing is
 * written): the plan a saved campaign gets — today's dry run, the expected
 * size, the MDE of conversion and revenue, the forecast — computed on the
 * design, plus the cascade it would walk and the bill (messages by channel
 * × cost, and the offer bonuses per forecast scenario). It lives at the
 * composition level because the bill needs messaging's cascade rules and
 * templates, and messaging sits above campaigns.
 */
export class CampaignEstimateService {
    constructor(
        private readonly sources: CampaignEstimateSources,
        private readonly config: Pick<RefillConfig, 'messaging' | 'accrual'>,
    ) {}

    /** The estimate of `design`; `campaignId` when it edits a saved campaign (its members and salt count). */
    async estimate(design: CampaignDesign, campaignId?: number): Promise<CampaignEstimate> {
        const campaign = await this.sources.campaigns.unsaved(design, campaignId);
        const steps = await this.steps(design);
        const dryRun = await this.sources.campaignSelection.dryRunOf(campaign, {
            cascadeOrder: steps.map((s) => s.channel),
        });
        const plan = await this.sources.campaignPlanning.planOf(campaign, dryRun);
        const q = basisPointsToFraction(campaign.controlShareBp);
        const testMembers = Math.round(plan.plannedSize.total * (1 - q));
        const revenue = plan.history.revenue;
        const revenuePerConverter =
            revenue.revenueMean !== null && revenue.conversion
                ? revenue.revenueMean / revenue.conversion
                : (campaign.giftMinAmount ?? 0);
        const bonusPerConverter = offerBonusPerConverter(
            { kind: campaign.offerKind, multiplier: campaign.multiplier, giftAmount: campaign.giftAmount },
            revenuePerConverter,
            this.config.accrual.baseRateBp,
        );
        const eligible = dryRun.eligible;
        const bill = campaignBill({
            testMembers,
            channels: steps.map((s) => ({
                channel: s.channel,
                firstReachShare: eligible ? (dryRun.firstReachable?.[s.channel] ?? 0) / eligible : 0,
                costPerMessage: s.costPerMessage,
            })),
            baselineConversion: plan.baselineConversionPct / 100,
            uplift: plan.forecast && {
                pessimistic: plan.forecast.pessimistic.absoluteUplift,
                neutral: plan.forecast.neutral.absoluteUplift,
                optimistic: plan.forecast.optimistic.absoluteUplift,
            },
            redemptionShare: basisPointsToFraction(campaign.redemptionBp),
            bonusPerConverter,
        });
        const warnings = [...plan.warnings];
        if (!eligible) warnings.push('Nobody is eligible today: the bill counts no messages');
        const { sampleCustomerIds: _unused, ...shownDryRun } = plan.dryRun;
        return {
            ...plan,
            units: ESTIMATE_UNITS,
            dryRun: shownDryRun,
            warnings,
            steps,
            testMembers,
            bonusPerConverter,
            bill,
        };
    }

    /** The design's cascade with each step's cost per message. */
    private async steps(design: CampaignDesign): Promise<EstimateStep[]> {
        const m = this.config.messaging;
        const raw = design.cascade?.steps?.length
            ? design.cascade.steps.map((s) => ({ ...s, await: s.await ?? ('delivered' as const) }))
            : buildSteps(design.channels, m);
        return Promise.all(
            raw.map(async (s) => {
                const segments = s.channel === 'sms' ? await this.smsSegments() : null;
                return {
                    channel: s.channel,
                    waitMinutes: s.waitMinutes,
                    await: s.await,
                    costPerMessage: this.costPerMessage(s.channel, segments),
                    segments,
                };
            }),
        );
    }

    /** A channel's price: the provider's per segment for an SMS gateway, else the configured estimate. */
    private costPerMessage(channel: string, segments: number | null): number {
        const provider =
            this.config.messaging.channels?.[channel as keyof typeof this.config.messaging.channels];
        const estimate = this.config.messaging.costs[channel] ?? 0;
        if (channel !== 'sms') return estimate;
        const perSegment = provider?.type === 'http-sms' ? provider.pricePerSegment : null;
        return perSegment === null ? estimate * Math.max(1, segments ?? 1) : perSegment * (segments ?? 1);
    }

    /** Segments of the SMS lapse-offer template in the default locale, with sample data (1 without one). */
    private async smsSegments(): Promise<number> {
        try {
            const preview = await this.sources.templates.preview({
                kind: REMINDER_KIND,
                channel: 'sms' as TemplateChannel,
                locale: this.config.messaging.defaultLocale as 'ru' | 'en',
            });
            return preview.sms?.segments ?? 1;
        } catch {
            return 1;
        }
    }
}
