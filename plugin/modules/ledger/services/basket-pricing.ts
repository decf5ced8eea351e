import type { RefillConfig } from '../../../config/refill-options.js';
import { computeAccrual, type ApplicableOffer, type LineAccrual } from '../rules/accrual.rules.js';
import type { BasketLine, CatalogSnapshot, ResolvedLine } from '../../catalog/index.js';
import { allocateRedemption, redemptionLimit, type RedemptionLimit } from '../rules/redemption.rules.js';
import type { Offer } from '../../campaigns/index.js';
import { addDays } from '../../../kernel/clock.js';
import type { AppliedOffer, BasketLineInput, LineResult } from './purchase.views.js';

/** A basket priced: lines placed, redemption split, accrual computed. */
export interface PricedBasket {
    lines: ResolvedLine[];
    limit: RedemptionLimit;
    redeemedPerLine: number[];
    accrual: LineAccrual[];
    total: number;
    baseEarned: number;
    /** Offer bonuses per applied offer id. */
    offerEarned: Map<number, number>;
}

/** Converts POS basket lines (decimal quantities) to domain lines (thousandths). */
export function toBasketLines(lines: readonly BasketLineInput[]): BasketLine[] {
    return lines.map((l) => ({
        sku: l.sku,
        name: l.name,
        atc: l.atc ? l.atc.toUpperCase() : null,
        quantityMilli: Math.round(l.quantity * 1000),
        amount: l.amount,
    }));
}

/** Places POS basket lines in the catalogue (categories, rates, exclusions). */
export function resolveBasket(
    snapshot: CatalogSnapshot,
    input: readonly BasketLineInput[],
    config: RefillConfig,
): ResolvedLine[] {
    return snapshot.resolve(toBasketLines(input), config.accrual.baseRateBp);
}

/** The distinct categories of resolved lines. */
export function basketCategories(lines: readonly ResolvedLine[]): number[] {
    return [...new Set(lines.map((l) => l.categoryId).filter((id): id is number => id !== null))];
}

/**
 * Prices resolved basket lines for a customer with `available` bonuses and
 * these offers, spending `redeem` (callers check it against
 * `limit.maxRedeemable`). Shared by preview and commit so both always agree.
 */
export function priceBasket(
    lines: ResolvedLine[],
    available: number,
    redeem: number,
    offers: readonly Offer[],
    config: RefillConfig,
): PricedBasket {
    const limit = redemptionLimit(lines, available, config.redemption.maxShareBp);
    const redeemedPerLine = allocateRedemption(lines, Math.min(redeem, limit.maxRedeemable));
    const applicable: ApplicableOffer[] = offers.map((o) => ({
        id: o.id,
        categoryId: o.categoryId,
        kind: o.kind,
        multiplier: o.multiplier,
        giftAmount: o.giftAmount,
        minAmount: o.minAmount,
        bonusLifetimeDays: o.bonusLifetimeDays,
        endsAt: o.endsAt,
    }));
    const accrual = computeAccrual(lines, redeemedPerLine, config.accrual, applicable);
    const offerEarned = new Map<number, number>();
    for (const a of accrual)
        if (a.offerId !== null) offerEarned.set(a.offerId, (offerEarned.get(a.offerId) ?? 0) + a.offerEarned);
    return {
        lines,
        limit,
        redeemedPerLine,
        accrual,
        total: lines.reduce((s, l) => s + l.amount, 0),
        baseEarned: accrual.reduce((s, a) => s + a.baseEarned, 0),
        offerEarned,
    };
}

/** Per-line results of a priced basket. */
export function lineResults(priced: PricedBasket): LineResult[] {
    return priced.lines.map((line, i) => ({
        lineNo: line.lineNo,
        sku: line.sku,
        category: line.categoryCode,
        amount: line.amount,
        redeemed: priced.redeemedPerLine[i],
        earned: priced.accrual[i].baseEarned + priced.accrual[i].offerEarned,
        offerEarned: priced.accrual[i].offerEarned,
        reason: priced.accrual[i].reason,
    }));
}

/** The offers a priced basket uses, with what each earns and when those bonuses burn. */
export function appliedOffers(
    priced: PricedBasket,
    offers: readonly Offer[],
    categoryCode: (id: number) => string | null,
    now: Date,
): AppliedOffer[] {
    return offers
        .filter((o) => (priced.offerEarned.get(o.id) ?? 0) > 0)
        .map((o) => ({
            id: o.id,
            kind: o.kind,
            category: categoryCode(o.categoryId),
            earned: priced.offerEarned.get(o.id) ?? 0,
            bonusExpiresAt: addDays(now, o.bonusLifetimeDays).toISOString(),
        }));
}
