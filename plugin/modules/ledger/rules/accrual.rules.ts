import type { RateSource, ResolvedLine } from '../../catalog/index.js';
import { applyBasisPoints, roundDownTo, splitProportionally } from '../../../kernel/units/money.js';

/** A personal offer that may apply to a basket. */
export interface ApplicableOffer {
    id: number;
    categoryId: number;
    kind: 'multiplier' | 'gift';
    multiplier: number | null;
    giftAmount: number | null;
    /** A gift applies only when the category's earning lines reach this amount. */
    minAmount?: number | null;
    bonusLifetimeDays: number;
    endsAt: Date;
}

/** The accrual settings the rules need. */
export interface AccrualSettings {
    accrueOnRedeemedPart: boolean;
    roundingUnit: number;
}

/** Why a line earned what it earned. */
export interface EarnReason {
    /** `excluded`: earns nothing; `rate`: base × rate. */
    kind: 'excluded' | 'rate';
    rateSource: RateSource;
    rateBp: number;
    /** The amount the rate applied to (line amount less the part paid with bonuses, unless configured otherwise). */
    base: number;
    exclusion?: string;
    offer?: { id: number; kind: 'multiplier' | 'gift'; multiplier?: number; gift?: number };
}

/** What one line earns. */
export interface LineAccrual {
    lineNo: number;
    /** Bonuses from the base or overridden rate. */
    baseEarned: number;
    /** Extra bonuses from a personal offer. */
    offerEarned: number;
    offerId: number | null;
    reason: EarnReason;
}

/** Chooses, per category, the one offer that applies: the one that ends soonest. */
function offersByCategory(offers: readonly ApplicableOffer[]): Map<number, ApplicableOffer> {
    const chosen = new Map<number, ApplicableOffer>();
    for (const offer of [...offers].sort((a, b) => a.endsAt.getTime() - b.endsAt.getTime() || a.id - b.id)) {
        if (!chosen.has(offer.categoryId)) chosen.set(offer.categoryId, offer);
    }
    return chosen;
}

/**
 * Computes what every line earns: lines excluded from accrual earn nothing;
 * others earn `base × rate`, rounded down to the rounding unit, where base is
 * the line amount less what bonuses paid of it (unless accrual on that part
 * is on). A multiplier offer multiplies the line's accrual on its category; a
 * gift offer spreads its fixed amount over the category's earning lines in
 * proportion to their amounts. `redeemed[i]` is what bonuses paid of line i.
 */
export function computeAccrual(
    lines: readonly ResolvedLine[],
    redeemed: readonly number[],
    settings: AccrualSettings,
    offers: readonly ApplicableOffer[] = [],
): LineAccrual[] {
    const offerFor = offersByCategory(offers);
    const result: LineAccrual[] = lines.map((line, i) => {
        const base = settings.accrueOnRedeemedPart ? line.amount : line.amount - (redeemed[i] ?? 0);
        const reason: EarnReason = {
            kind: line.excludedFromAccrual ? 'excluded' : 'rate',
            rateSource: line.rateSource,
            rateBp: line.excludedFromAccrual ? 0 : line.rateBp,
            base,
        };
        if (line.excludedFromAccrual) {
            reason.exclusion = line.exclusionReason ?? 'excluded';
            return { lineNo: line.lineNo, baseEarned: 0, offerEarned: 0, offerId: null, reason };
        }
        const baseEarned = roundDownTo(applyBasisPoints(base, line.rateBp), settings.roundingUnit);
        let offerEarned = 0;
        let offerId: number | null = null;
        const offer = line.categoryId === null ? undefined : offerFor.get(line.categoryId);
        if (offer?.kind === 'multiplier' && offer.multiplier && offer.multiplier > 1) {
            const total = roundDownTo(
                applyBasisPoints(base * offer.multiplier, line.rateBp),
                settings.roundingUnit,
            );
            offerEarned = total - baseEarned;
            offerId = offer.id;
            reason.offer = { id: offer.id, kind: 'multiplier', multiplier: offer.multiplier };
        }
        return { lineNo: line.lineNo, baseEarned, offerEarned, offerId, reason };
    });

    for (const offer of offerFor.values()) {
        if (offer.kind !== 'gift' || !offer.giftAmount) continue;
        const weights = lines.map((l) =>
            l.categoryId === offer.categoryId && !l.excludedFromAccrual ? l.amount : 0,
        );
        const categoryAmount = weights.reduce((a, b) => a + b, 0);
        if (categoryAmount <= 0 || categoryAmount < (offer.minAmount ?? 0)) continue;
        splitProportionally(offer.giftAmount, weights).forEach((gift, i) => {
            if (weights[i] === 0) return;
            result[i].offerEarned += gift;
            result[i].offerId = offer.id;
            result[i].reason.offer = { id: offer.id, kind: 'gift', gift };
        });
    }
    return result;
}
