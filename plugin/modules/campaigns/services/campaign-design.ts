import type { EconomicFilters } from '../rules/campaign-eligibility.rules.js';
import type { Campaign } from '../entities/campaign.entity.js';
import { basisPointsToPercent } from '../../../kernel/units/shares.js';

/** Who a campaign selects besides lapsed buyers. */
export interface RegularSegmentRule {
    /** Active in the chain: a purchase within this many days. Default 90. */
    activeDays: number;
    /** Lifetime receipts at least. Default 2. */
    minPurchases: number;
}

/** The JSON kept in `refill_campaigns.cascade`: how the campaign's reminders walk their channels. */
export interface CampaignCascade {
    /** Explicit steps; by default the campaign's channels cheapest first with the configured waits. */
    steps?: Array<{ channel: string; waitMinutes: number; await?: 'delivered' | 'read' }>;
    /** Member segments that get no messages (for example `regular`: no promotions for regular customers). */
    excludedSegments?: string[];
}

/** The JSON kept in `refill_campaigns.filters`. */
export interface CampaignFilterSet extends EconomicFilters {
    regular?: RegularSegmentRule;
}

/**
 * A campaign as a marketer designs it (the admin API's body). Money in
 * minor units, shares in basis points, k in percent.
 */
export interface CampaignDesign {
    code: string;
    name: string;
    categoryCode: string;
    audience: 'lapsed' | 'lapsed+regular';
    lapseKPct: number;
    controlSharePct: number;
    allowZeroControl: boolean;
    offer: {
        kind: 'multiplier' | 'gift';
        multiplier?: number;
        giftAmount?: number;
        minAmount?: number;
        validDays: number;
        bonusLifetimeDays: number;
    };
    settlementLagDays: number;
    cooldownDays: number;
    dailyCap: number | null;
    /**
     * Spend at which the campaign's sending stops: the cost of its messages,
     * minor units; null (default) for no cap. Editable after launch.
     */
    budgetCap?: number | null;
    /** The sender name of its messages (an SMS alpha name registered for advertising, an email From); null: the provider's. */
    senderName?: string | null;
    channels: string[];
    /** Reminder cascade; null for the defaults. */
    cascade?: CampaignCascade | null;
    filters: CampaignFilterSet;
    marginPct: number;
    redemptionPct: number;
    expected?: { conversionPct?: number; upliftPct?: number; dailySize?: number };
    runHour: number;
    startsAt: Date | null;
    endsAt: Date | null;
}

/** The campaign's channels as a list. */
export function campaignChannels(campaign: Pick<Campaign, 'channels'>): string[] {
    return campaign.channels ? campaign.channels.split(',') : [];
}

/** The campaign's filters and regular-segment rule. */
export function campaignFilters(campaign: Pick<Campaign, 'filters'>): CampaignFilterSet {
    return campaign.filters ? (JSON.parse(campaign.filters) as CampaignFilterSet) : {};
}

/** The campaign's cascade settings ({} when it uses the defaults). */
export function campaignCascade(campaign: Pick<Campaign, 'cascade'>): CampaignCascade {
    return campaign.cascade ? (JSON.parse(campaign.cascade) as CampaignCascade) : {};
}

/** The campaign's test-mode cards, or null when it sends to everyone. */
export function campaignTestCards(campaign: Pick<Campaign, 'testCards'>): string[] | null {
    return campaign.testCards ? (JSON.parse(campaign.testCards) as string[]) : null;
}

/** A campaign as the admin API shows it: the design back in the marketer's units. */
export function campaignView(campaign: Campaign, categoryCode: string | null) {
    return {
        id: campaign.id,
        code: campaign.code,
        name: campaign.name,
        status: campaign.status,
        categoryCode,
        audience: campaign.audience,
        lapseKPct: campaign.lapseKPct,
        controlSharePct: basisPointsToPercent(campaign.controlShareBp),
        allowZeroControl: campaign.allowZeroControl,
        hash: { version: campaign.hashVersion, salt: campaign.salt },
        offer: {
            kind: campaign.offerKind,
            multiplier: campaign.multiplier,
            giftAmount: campaign.giftAmount,
            minAmount: campaign.giftMinAmount,
            validDays: campaign.offerValidDays,
            bonusLifetimeDays: campaign.offerBonusLifetimeDays,
        },
        settlementLagDays: campaign.settlementLagDays,
        cooldownDays: campaign.cooldownDays,
        dailyCap: campaign.dailyCap,
        budget: {
            cap: campaign.budgetCap ?? null,
            reachedAt: campaign.budgetReachedAt?.toISOString() ?? null,
        },
        senderName: campaign.senderName ?? null,
        channels: campaignChannels(campaign),
        cascade: campaign.cascade ? campaignCascade(campaign) : null,
        sends: { killed: campaign.sendsKilled, testCards: campaignTestCards(campaign) },
        filters: campaignFilters(campaign),
        marginPct: basisPointsToPercent(campaign.marginBp),
        redemptionPct: basisPointsToPercent(campaign.redemptionBp),
        expected: {
            conversionPct:
                campaign.expectedConversionBp === null
                    ? null
                    : basisPointsToPercent(campaign.expectedConversionBp),
            upliftPct:
                campaign.expectedUpliftBp === null ? null : basisPointsToPercent(campaign.expectedUpliftBp),
            dailySize: campaign.expectedDailySize,
        },
        runHour: campaign.runHour,
        startsAt: campaign.startsAt?.toISOString() ?? null,
        endsAt: campaign.endsAt?.toISOString() ?? null,
        launchedAt: campaign.launchedAt?.toISOString() ?? null,
        launchedBy: campaign.launchedBy,
        finishedAt: campaign.finishedAt?.toISOString() ?? null,
        createdBy: campaign.createdBy,
        createdAt: campaign.createdAt.toISOString(),
        updatedAt: campaign.updatedAt.toISOString(),
    };
}

/** {@link campaignView}'s shape. */
export type CampaignView = ReturnType<typeof campaignView>;
