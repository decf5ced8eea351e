import { MS_PER_DAY } from '../../../kernel/units/time.js';
import { PHONE_CHANNELS as PHONE_CHANNEL_LIST } from '../../../kernel/vocabulary/channels.js';

/**
 * Who may enter a campaign, applied before assignment so both groups come
 * from the same eligible population: a real card (not test or employee),
 * consent and a usable contact in one of the campaign's channels, no running
 * offer on the same category, no offer within the cooldown, and the
 * campaign's economic filters.
 */

/** Why a candidate was left out (reported per day with counts). */
export type ExclusionReason =
    | 'too_few_purchases'
    | 'within_threshold'
    | 'within_rhythm'
    | 'test_card'
    | 'employee_card'
    | 'no_channel'
    | 'active_offer'
    | 'cooldown'
    | 'economic'
    | 'daily_cap'
    /** Eligible, but in the program's global control group: no campaign offers at all (see `global-control.rules.ts`). */
    | 'global_control';

/** The economic filters a campaign may set (all optional, minor units for money). */
export interface EconomicFilters {
    minAverageReceipt?: number;
    minRevenue12m?: number;
    minPurchaseCount?: number;
    /** Receipts per month since the first purchase. */
    minPurchasesPerMonth?: number;
}

/** What eligibility reads about one candidate. */
export interface EligibilityFacts {
    cardKind: 'regular' | 'test' | 'employee';
    hasPhone: boolean;
    hasEmail: boolean;
    /** Channels the customer consented to. */
    consents: ReadonlySet<string>;
    purchaseCount: number;
    purchaseTotal: number;
    firstPurchaseAt: Date | null;
    /** Revenue in the last 12 months, when a filter needs it. */
    revenue12m?: number;
    /** A running offer of the campaign's category. */
    activeOffer: boolean;
    /** Any offer made within the campaign's cooldown. */
    recentOffer: boolean;
}

/** The campaign side of eligibility. */
export interface EligibilityRule {
    channels: readonly string[];
    filters: EconomicFilters;
    now: Date;
}

const PHONE_CHANNELS = new Set<string>(PHONE_CHANNEL_LIST);

/**
 * Whether a customer can be reached in a channel: consent plus the contact
 * the channel needs (a phone for SMS and phone messengers, an email address
 * for email; push and Telegram addresses live with their providers).
 */
export function reachableIn(
    channel: string,
    facts: Pick<EligibilityFacts, 'consents' | 'hasPhone' | 'hasEmail'>,
): boolean {
    if (!facts.consents.has(channel)) return false;
    if (PHONE_CHANNELS.has(channel)) return facts.hasPhone;
    if (channel === 'email') return facts.hasEmail;
    return true;
}

/** The first reason that excludes a candidate, or null when they are eligible. */
export function exclusionReason(facts: EligibilityFacts, rule: EligibilityRule): ExclusionReason | null {
    if (facts.cardKind === 'test') return 'test_card';
    if (facts.cardKind === 'employee') return 'employee_card';
    if (!rule.channels.some((c) => reachableIn(c, facts))) return 'no_channel';
    if (facts.activeOffer) return 'active_offer';
    if (facts.recentOffer) return 'cooldown';
    if (!passesEconomicFilters(facts, rule.filters, rule.now)) return 'economic';
    return null;
}

/** Whether a customer passes a campaign's economic filters. */
export function passesEconomicFilters(facts: EligibilityFacts, filters: EconomicFilters, now: Date): boolean {
    const { purchaseCount: count, purchaseTotal: total } = facts;
    if (filters.minPurchaseCount !== undefined && count < filters.minPurchaseCount) return false;
    if (filters.minAverageReceipt !== undefined && (count === 0 || total / count < filters.minAverageReceipt))
        return false;
    if (filters.minRevenue12m !== undefined && (facts.revenue12m ?? 0) < filters.minRevenue12m) return false;
    if (filters.minPurchasesPerMonth !== undefined) {
        if (!facts.firstPurchaseAt) return false;
        const months = Math.max(
            1,
            (now.getTime() - facts.firstPurchaseAt.getTime()) / (30.4375 * MS_PER_DAY),
        );
        if (count / months < filters.minPurchasesPerMonth) return false;
    }
    return true;
}
