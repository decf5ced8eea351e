import type { ResolvedLine } from '../../catalog/index.js';
import { applyBasisPoints, splitProportionally } from '../../../kernel/units/money.js';

/** How much of a basket bonuses may pay. */
export interface RedemptionLimit {
    /** Sum of the lines bonuses may pay for. */
    eligibleAmount: number;
    /** The share cap: `eligibleAmount × maxShareBp`, rounded down. */
    shareCap: number;
    /** What the customer has to spend. */
    available: number;
    /** min(shareCap, available): the most this receipt accepts. */
    maxRedeemable: number;
}

/** Works out the most bonuses a basket may take. */
export function redemptionLimit(
    lines: readonly ResolvedLine[],
    available: number,
    maxShareBp: number,
): RedemptionLimit {
    const eligibleAmount = lines.reduce((sum, l) => sum + (l.excludedFromRedemption ? 0 : l.amount), 0);
    const shareCap = applyBasisPoints(eligibleAmount, maxShareBp);
    return { eligibleAmount, shareCap, available, maxRedeemable: Math.max(0, Math.min(shareCap, available)) };
}

/** Why a preview spends less than the till asked for. */
export type RedeemCapReason = 'no-eligible-lines' | 'share-cap' | 'balance';

/** What a preview spends of what was asked for, and why less when it is less. */
export interface RedeemCap {
    /** What the preview assumes is spent: min(requested, maxRedeemable). */
    redeem: number;
    /** True when `redeem` is below the request (the commit would answer 422). */
    capped: boolean;
    /** The limit that binds, when capped. */
    reason: RedeemCapReason | null;
}

/** Caps a requested spend at the basket's limit and names the limit that binds. */
export function capRedeem(requested: number, limit: RedemptionLimit): RedeemCap {
    if (requested <= limit.maxRedeemable) return { redeem: requested, capped: false, reason: null };
    let reason: RedeemCapReason = 'balance';
    if (limit.eligibleAmount === 0) reason = 'no-eligible-lines';
    else if (limit.shareCap < limit.available) reason = 'share-cap';
    return { redeem: limit.maxRedeemable, capped: true, reason };
}

/**
 * Spreads `redeem` bonuses over the lines bonuses may pay for, in proportion
 * to their amounts, so a later return of one line gives back its own share.
 * Callers check `redeem <= maxRedeemable` first.
 */
export function allocateRedemption(lines: readonly ResolvedLine[], redeem: number): number[] {
    const weights = lines.map((l) => (l.excludedFromRedemption ? 0 : l.amount));
    return splitProportionally(redeem, weights);
}
