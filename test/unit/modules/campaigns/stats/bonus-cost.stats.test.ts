import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
    netOfferBonuses,
    offerBonusReturned,
} from '../../../../../plugin/modules/campaigns/stats/bonus-cost.stats.js';

describe('offer bonuses net of returns (pure)', () => {
    it('bonus cost is net of offer bonuses reversed by returns: a full return takes the whole offer bonus back', () => {
        const returned = [{ offerEarned: 5400, quantityMilli: 1000, returnedQuantityMilli: 1000 }];
        expect(netOfferBonuses(5400 * 3, returned)).toEqual({
            issued: 16_200,
            reversedByReturns: 5400,
            kept: 10_800,
        });
    });

    it('a partial return takes back its share of the quantity, rounded down as the return rule rounds', () => {
        expect(
            offerBonusReturned({ offerEarned: 5400, quantityMilli: 3000, returnedQuantityMilli: 1000 }),
        ).toBe(1800);
        expect(
            offerBonusReturned({ offerEarned: 1000, quantityMilli: 3000, returnedQuantityMilli: 1000 }),
        ).toBe(333);
    });

    it('keeps between nothing and everything issued, and more returns never keep more', () => {
        const line = fc.record({
            offerEarned: fc.integer({ min: 0, max: 1_000_000 }),
            quantityMilli: fc.integer({ min: 1, max: 100_000 }),
            share: fc.double({ min: 0, max: 1, noNaN: true }),
        });
        fc.assert(
            fc.property(
                fc.array(line, { maxLength: 20 }),
                fc.integer({ min: 0, max: 1000 }),
                (lines, extra) => {
                    const returned = lines.map((l) => ({
                        offerEarned: l.offerEarned,
                        quantityMilli: l.quantityMilli,
                        returnedQuantityMilli: Math.floor(l.share * l.quantityMilli),
                    }));
                    const issued = lines.reduce((s, l) => s + l.offerEarned, 0) + extra;
                    const net = netOfferBonuses(issued, returned);
                    expect(net.kept).toBeGreaterThanOrEqual(0);
                    expect(net.kept).toBeLessThanOrEqual(issued);
                    expect(net.kept + net.reversedByReturns).toBe(issued);
                    const more = returned.map((r) => ({ ...r, returnedQuantityMilli: r.quantityMilli }));
                    expect(netOfferBonuses(issued, more).kept).toBeLessThanOrEqual(net.kept);
                    expect(netOfferBonuses(issued, more).kept).toBe(extra);
                },
            ),
        );
    });

    it('refuses negative or fractional amounts', () => {
        expect(() => netOfferBonuses(-1, [])).toThrow(RangeError);
        expect(() =>
            offerBonusReturned({ offerEarned: 1.5, quantityMilli: 1, returnedQuantityMilli: 1 }),
        ).toThrow(RangeError);
        expect(() =>
            offerBonusReturned({ offerEarned: 1, quantityMilli: 0, returnedQuantityMilli: 0 }),
        ).toThrow(RangeError);
    });
});
