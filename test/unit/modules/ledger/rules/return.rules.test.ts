import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planReturn, type ReturnableLine } from '../../../../../plugin/modules/ledger/rules/return.rules.js';

const line = (
    lineNo: number,
    sku: string,
    qty: number,
    extra: Partial<ReturnableLine> = {},
): ReturnableLine => ({
    lineNo,
    sku,
    quantityMilli: qty * 1000,
    amount: 10000,
    earned: 301,
    redeemed: 1000,
    returnedQuantityMilli: 0,
    returnedAmount: 0,
    reversedEarned: 0,
    refundedRedeemed: 0,
    ...extra,
});

describe('planReturn', () => {
    it('reverses and refunds in proportion to the quantity returned', () => {
        const { lines, excess } = planReturn([line(0, 'A', 3)], [{ sku: 'A', quantityMilli: 1000 }]);
        expect(excess).toEqual([]);
        expect(lines).toEqual([{ lineNo: 0, quantityMilli: 1000, amount: 3333, reverse: 100, refund: 333 }]);
    });

    it('takes a SKU from several lines in receipt order', () => {
        const { lines } = planReturn(
            [line(0, 'A', 1), line(1, 'B', 1), line(2, 'A', 2)],
            [{ sku: 'A', quantityMilli: 2000 }],
        );
        expect(lines.map((l) => [l.lineNo, l.quantityMilli])).toEqual([
            [0, 1000],
            [2, 1000],
        ]);
    });

    it('refuses to return more than is left', () => {
        const { excess, lines } = planReturn(
            [line(0, 'A', 2, { returnedQuantityMilli: 1500 })],
            [{ sku: 'A', quantityMilli: 1000 }],
        );
        expect(lines).toEqual([]);
        expect(excess).toEqual([{ sku: 'A', requestedMilli: 1000, returnableMilli: 500 }]);
        expect(planReturn([line(0, 'A', 1)], [{ sku: 'Z', quantityMilli: 1 }]).excess).toHaveLength(1);
    });

    it('partial returns add up exactly to a full return', () => {
        fc.assert(
            fc.property(
                fc.integer({ min: 1, max: 20 }),
                fc.integer({ min: 0, max: 100000 }),
                fc.integer({ min: 0, max: 100000 }),
                fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 10 }),
                (qty, earned, redeemed, steps) => {
                    let state = line(0, 'A', qty, { earned, redeemed, amount: 123457 });
                    let left = qty * 1000;
                    for (const step of [...steps, qty]) {
                        const q = Math.min(step * 500, left);
                        if (q === 0) break;
                        const [r] = planReturn([state], [{ sku: 'A', quantityMilli: q }]).lines;
                        expect(r.reverse).toBeGreaterThanOrEqual(0);
                        expect(r.refund).toBeGreaterThanOrEqual(0);
                        state = {
                            ...state,
                            returnedQuantityMilli: state.returnedQuantityMilli + q,
                            returnedAmount: state.returnedAmount + r.amount,
                            reversedEarned: state.reversedEarned + r.reverse,
                            refundedRedeemed: state.refundedRedeemed + r.refund,
                        };
                        left -= q;
                    }
                    if (left === 0) {
                        expect(state.reversedEarned).toBe(earned);
                        expect(state.refundedRedeemed).toBe(redeemed);
                        expect(state.returnedAmount).toBe(123457);
                    }
                },
            ),
        );
    });
});
