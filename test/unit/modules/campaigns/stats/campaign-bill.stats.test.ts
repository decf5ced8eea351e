import { describe, expect, it } from 'vitest';
import {
    campaignBill,
    offerBonusPerConverter,
} from '../../../../../plugin/modules/campaigns/stats/campaign-bill.stats.js';

describe('offerBonusPerConverter', () => {
    it('is the gift amount for a gift', () => {
        expect(
            offerBonusPerConverter({ kind: 'gift', multiplier: null, giftAmount: 30000 }, 99999, 300),
        ).toBe(30000);
    });

    it('is the extra accrual of a multiplier on the revenue a converter spends, rounded down', () => {
        // 1,234.56 × 3% × (5 − 1) = 148.1472 → 148.14
        expect(
            offerBonusPerConverter({ kind: 'multiplier', multiplier: 5, giftAmount: null }, 123456, 300),
        ).toBe(14814);
        expect(
            offerBonusPerConverter({ kind: 'multiplier', multiplier: 1, giftAmount: null }, 123456, 300),
        ).toBe(0);
    });

    it('refuses negative inputs', () => {
        expect(() =>
            offerBonusPerConverter({ kind: 'gift', multiplier: null, giftAmount: 1 }, -1, 300),
        ).toThrow(RangeError);
    });
});

describe('campaignBill', () => {
    const input = {
        testMembers: 900,
        channels: [
            { channel: 'push', firstReachShare: 0.5, costPerMessage: 0 },
            { channel: 'sms', firstReachShare: 0.4, costPerMessage: 600 },
        ],
        baselineConversion: 0.1,
        uplift: { pessimistic: 0.01, neutral: 0.03, optimistic: 0.05 },
        redemptionShare: 0.5,
        bonusPerConverter: 20000,
    };

    it('prices each test member’s first reachable channel and the converters’ redeemed bonuses', () => {
        const bill = campaignBill(input);
        expect(bill.messages).toEqual([
            { channel: 'push', messages: 450, costPerMessage: 0, cost: 0 },
            { channel: 'sms', messages: 360, costPerMessage: 600, cost: 216000 },
        ]);
        expect(bill.messageCost).toBe(216000);
        // 900 × (0.10 + 0.03) = 117 converters; × 0.5 redeemed × 200.00
        expect(bill.converters).toEqual({ pessimistic: 99, neutral: 117, optimistic: 135 });
        expect(bill.bonusCost.neutral).toBe(117 * 0.5 * 20000);
        expect(bill.total.neutral).toBe(216000 + 1170000);
        expect(bill.total.pessimistic).toBeLessThan(bill.total.optimistic);
    });

    it('uses the baseline alone without a forecast, and costs nothing without members', () => {
        expect(campaignBill({ ...input, uplift: null }).converters.neutral).toBe(90);
        const empty = campaignBill({ ...input, testMembers: 0 });
        expect(empty.total).toEqual({ pessimistic: 0, neutral: 0, optimistic: 0 });
    });

    it('refuses shares outside [0, 1] and negative costs', () => {
        expect(() => campaignBill({ ...input, redemptionShare: 1.5 })).toThrow(RangeError);
        expect(() =>
            campaignBill({
                ...input,
                channels: [{ channel: 'sms', firstReachShare: 0.2, costPerMessage: -1 }],
            }),
        ).toThrow(RangeError);
    });
});
