import { netOfferBonuses } from '../stats/bonus-cost.stats.js';
import { campaignMoney, type CampaignMoney } from '../stats/money.stats.js';
import type { Campaign } from '../entities/campaign.entity.js';
import type { Category } from '../../catalog/index.js';
import type { GroupCost, MemberSet } from '../repositories/campaign-report.query.js';
import type { CampaignEffects } from './campaign-report.effects.js';
import { basisPointsToFraction, fractionToBasisPoints } from '../../../kernel/units/shares.js';

/** The gross margin the money table uses, and where it comes from. */
export interface MarginUsed {
    /** Gross margin rate, 0.28 = 28%. */
    rate: number;
    /** `category`: the category's `marginPct`; `campaign`: the campaign's, as the category has none. */
    source: 'category' | 'campaign';
    /** The category's code (the margin's owner when the source is `category`). */
    categoryCode: string | null;
}

/** The money table of one member set, with what it rests on. */
export type ReportMoney = CampaignMoney & {
    /** `mature`: members whose window has closed (final); `all`: every member so far (provisional). */
    basis: MemberSet;
    /** The members every figure of this table is computed over, per group. */
    members: { test: number; control: number };
    /** Offer bonuses the campaign's offers granted these test members, minor units. */
    offerBonusesIssued: number;
    /** Of them, what returns took back, minor units. */
    offerBonusesReversed: number;
    /** Issued − reversed: what the ledger kept, minor units (bonus cost = kept × redemption rate). */
    offerBonusesKept: number;
    /** Share of offer bonuses assumed to be spent, 1 = all (the campaign's `redemptionPct`). */
    redemptionRate: number;
    margin: MarginUsed;
};

/**
 * The one margin of a campaign's report: the category's gross margin when it
 * has one, otherwise the campaign's.
 */
export function marginUsed(campaign: Campaign, category: Category | undefined): MarginUsed {
    const fromCategory = category?.marginBp !== null && category?.marginBp !== undefined;
    return {
        rate: basisPointsToFraction(fromCategory ? (category.marginBp as number) : campaign.marginBp),
        source: fromCategory ? 'category' : 'campaign',
        categoryCode: category?.code ?? null,
    };
}

/**
 * The money table over one member set: the effects and every cost come from
 * the same members. Bonus cost = offer bonuses kept (net of returns) by the
 * set's test members × redemption; message cost = what the campaign's
 * messages to the set's members cost. Null while a group has nobody in the set.
 */
export function reportMoney(
    basis: MemberSet,
    effects: CampaignEffects,
    costs: Record<'test' | 'control', GroupCost>,
    campaign: Campaign,
    margin: MarginUsed,
): ReportMoney | null {
    if (!effects.conversion || !effects.revenuePerCustomer) return null;
    const bonuses = netOfferBonuses(costs.test.offerBonusesIssued, costs.test.returnedOfferLines);
    const redemption = basisPointsToFraction(campaign.redemptionBp);
    return {
        basis,
        members: { ...effects.n },
        ...campaignMoney({
            revenue: effects.revenuePerCustomer,
            conversion: effects.conversion,
            testCount: effects.n.test,
            marginBp: fractionToBasisPoints(margin.rate),
            bonusCost: bonuses.kept * redemption,
            messageCost: costs.test.messageCost + costs.control.messageCost,
        }),
        offerBonusesIssued: bonuses.issued,
        offerBonusesReversed: bonuses.reversedByReturns,
        offerBonusesKept: bonuses.kept,
        redemptionRate: redemption,
        margin,
    };
}
