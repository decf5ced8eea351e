import { describe, expect, it } from 'vitest';
import { computeAccrual } from '../../../../../plugin/modules/ledger/rules/accrual.rules.js';
import type { ResolvedLine } from '../../../../../plugin/modules/catalog/rules/basket.js';

const line = (lineNo: number, amount: number, extra: Partial<ResolvedLine> = {}): ResolvedLine => ({
    lineNo,
    sku: `S${lineNo}`,
    name: 'x',
    atc: null,
    quantityMilli: 1000,
    amount,
    categoryId: 1,
    categoryCode: 'C09',
    rateBp: 300,
    rateSource: 'base',
    excludedFromAccrual: false,
    excludedFromRedemption: false,
    exclusionReason: null,
    ...extra,
});
const settings = { accrueOnRedeemedPart: false, roundingUnit: 1 };
const offer = (kind: 'multiplier' | 'gift', extra = {}) => ({
    id: 7,
    categoryId: 1,
    kind,
    multiplier: kind === 'multiplier' ? 5 : null,
    giftAmount: kind === 'gift' ? 1000 : null,
    bonusLifetimeDays: 14,
    endsAt: new Date('2026-04-01'),
    ...extra,
});

describe('computeAccrual', () => {
    it('earns the rate on the part not paid with bonuses, and explains why', () => {
        const [a] = computeAccrual([line(0, 10000)], [4000], settings);
        expect(a.baseEarned).toBe(180);
        expect(a.reason).toMatchObject({ kind: 'rate', rateBp: 300, base: 6000 });
    });

    it('earns on the whole line when accrual on the redeemed part is on', () => {
        const [a] = computeAccrual([line(0, 10000)], [4000], { ...settings, accrueOnRedeemedPart: true });
        expect(a.baseEarned).toBe(300);
    });

    it('earns nothing on excluded lines', () => {
        const [a] = computeAccrual(
            [line(0, 10000, { excludedFromAccrual: true, exclusionReason: 'product:x' })],
            [0],
            settings,
        );
        expect(a).toMatchObject({
            baseEarned: 0,
            offerEarned: 0,
            reason: { kind: 'excluded', exclusion: 'product:x' },
        });
    });

    it('rounds down to the rounding unit per line', () => {
        const [a] = computeAccrual([line(0, 45678)], [0], { ...settings, roundingUnit: 100 });
        expect(a.baseEarned).toBe(1300);
    });

    it('multiplies the accrual of the offer category only', () => {
        const [a, b] = computeAccrual([line(0, 10000), line(1, 10000, { categoryId: 2 })], [0, 0], settings, [
            offer('multiplier'),
        ]);
        expect(a).toMatchObject({ baseEarned: 300, offerEarned: 1200, offerId: 7 });
        expect(b).toMatchObject({ baseEarned: 300, offerEarned: 0, offerId: null });
    });

    it('spreads a gift over the category lines in proportion to their amounts', () => {
        const result = computeAccrual(
            [
                line(0, 30000),
                line(1, 10000),
                line(2, 5000, { categoryId: 2 }),
                line(3, 1000, { excludedFromAccrual: true }),
            ],
            [0, 0, 0, 0],
            settings,
            [offer('gift')],
        );
        expect(result.map((r) => r.offerEarned)).toEqual([750, 250, 0, 0]);
    });

    it('applies one offer per category: the one ending soonest', () => {
        const [a] = computeAccrual([line(0, 10000)], [0], settings, [
            offer('multiplier', { id: 1, multiplier: 10, endsAt: new Date('2026-05-01') }),
            offer('multiplier', { id: 2, multiplier: 3, endsAt: new Date('2026-04-01') }),
        ]);
        expect(a).toMatchObject({ offerId: 2, offerEarned: 600 });
    });
});
