import { describe, expect, it } from 'vitest';
import type { ResolvedLine } from '../../../../../plugin/modules/catalog/rules/basket.js';
import {
    allocateRedemption,
    capRedeem,
    redemptionLimit,
} from '../../../../../plugin/modules/ledger/rules/redemption.rules.js';

const line = (amount: number, excludedFromRedemption = false) =>
    ({ amount, excludedFromRedemption }) as unknown as ResolvedLine;

describe('redemption', () => {
    it('caps spending at the share of eligible lines and at the balance', () => {
        const lines = [line(10000), line(5000), line(20000, true)];
        expect(redemptionLimit(lines, 100000, 5000)).toEqual({
            eligibleAmount: 15000,
            shareCap: 7500,
            available: 100000,
            maxRedeemable: 7500,
        });
        expect(redemptionLimit(lines, 3000, 5000).maxRedeemable).toBe(3000);
        expect(redemptionLimit([line(100, true)], 3000, 5000).maxRedeemable).toBe(0);
    });

    it('spreads what is spent over eligible lines only', () => {
        expect(allocateRedemption([line(10000), line(5000), line(20000, true)], 7500)).toEqual([
            5000, 2500, 0,
        ]);
    });
});

describe('capping a requested spend', () => {
    it('names the limit that binds: no eligible lines, the share cap or the balance', () => {
        const limit = (eligibleAmount: number, available: number) =>
            redemptionLimit(
                [line(eligibleAmount)].filter((l) => l.amount > 0),
                available,
                5000,
            );
        expect(capRedeem(1000, limit(40_000, 50_000))).toEqual({ redeem: 1000, capped: false, reason: null });
        expect(capRedeem(30_000, limit(40_000, 50_000))).toEqual({
            redeem: 20_000,
            capped: true,
            reason: 'share-cap',
        });
        expect(capRedeem(30_000, limit(200_000, 5_000))).toEqual({
            redeem: 5_000,
            capped: true,
            reason: 'balance',
        });
        expect(capRedeem(100, limit(0, 5_000))).toEqual({
            redeem: 0,
            capped: true,
            reason: 'no-eligible-lines',
        });
    });
});
