/*
 * The offer-bonus side of a campaign's cost, net of returns: the bonuses the
 * campaign's offers granted, less what returns took back of them. A return
 * reverses each returned line's earned bonuses (offer extra included) in
 * proportion to the quantity returned, so the offer part it takes back is the
 * same share of the line's offer bonus.
 */
import { proportionalShare } from '../../../kernel/units/money.js';

/** A purchase line that carried an offer bonus and was returned in part or whole. */
export interface ReturnedOfferLine {
    /** The line's offer bonus (the `offerEarned` of the line), minor units. */
    offerEarned: number;
    /** Quantity bought, thousandths of a pack. */
    quantityMilli: number;
    /** Quantity returned so far, thousandths of a pack. */
    returnedQuantityMilli: number;
}

/** Offer bonuses granted, taken back by returns, and kept. */
export interface NetOfferBonuses {
    /** Granted by the offers, minor units. */
    issued: number;
    /** Taken back by returns, minor units. */
    reversedByReturns: number;
    /** issued − reversedByReturns: what the ledger kept. */
    kept: number;
}

/** The offer bonus a returned line gave back: ⌊offerEarned × returned / quantity⌋, as the return rule reverses it. */
export function offerBonusReturned(line: ReturnedOfferLine): number {
    const { offerEarned, quantityMilli, returnedQuantityMilli } = line;
    if (!Number.isInteger(offerEarned) || offerEarned < 0)
        throw new RangeError(`offerEarned must be a non-negative integer, got ${offerEarned}`);
    if (!(quantityMilli > 0) || !(returnedQuantityMilli >= 0))
        throw new RangeError(`quantities must be positive, got ${returnedQuantityMilli} of ${quantityMilli}`);
    return proportionalShare(offerEarned, Math.min(returnedQuantityMilli, quantityMilli), quantityMilli);
}

/** Offer bonuses net of returns: `issued` less what the returned lines gave back (never below 0). */
export function netOfferBonuses(issued: number, returned: readonly ReturnedOfferLine[]): NetOfferBonuses {
    if (!(issued >= 0 && Number.isFinite(issued)))
        throw new RangeError(`issued must be a non-negative number, got ${issued}`);
    const reversed = Math.min(
        issued,
        returned.reduce((sum, line) => sum + offerBonusReturned(line), 0),
    );
    return { issued, reversedByReturns: reversed, kept: issued - reversed };
}
