import { describe, expect, it } from 'vitest';
import {
    exclusionReason,
    passesEconomicFilters,
    reachableIn,
    type EligibilityFacts,
} from '../../../../../plugin/modules/campaigns/rules/campaign-eligibility.rules.js';

const now = new Date('2026-06-01T10:00:00Z');
const days = (n: number) => new Date(now.getTime() - n * 86_400_000);
const facts = (over: Partial<EligibilityFacts> = {}): EligibilityFacts => ({
    cardKind: 'regular',
    hasPhone: true,
    hasEmail: false,
    consents: new Set(['sms']),
    purchaseCount: 12,
    purchaseTotal: 12 * 150_000,
    firstPurchaseAt: days(365),
    activeOffer: false,
    recentOffer: false,
    ...over,
});
const rule = { channels: ['sms', 'email'], filters: {}, now };

describe('reachableIn', () => {
    it('needs consent and the contact the channel uses', () => {
        expect(reachableIn('sms', facts())).toBe(true);
        expect(reachableIn('sms', facts({ hasPhone: false }))).toBe(false);
        expect(reachableIn('email', facts({ consents: new Set(['email']) }))).toBe(false);
        expect(reachableIn('email', facts({ consents: new Set(['email']), hasEmail: true }))).toBe(true);
        expect(reachableIn('whatsapp', facts())).toBe(false);
        expect(reachableIn('telegram', facts({ consents: new Set(['telegram']) }))).toBe(true);
    });
});

describe('exclusionReason', () => {
    it('admits a reachable regular card without conflicting offers', () => {
        expect(exclusionReason(facts(), rule)).toBeNull();
    });

    it('gives the first reason in a stable order', () => {
        expect(exclusionReason(facts({ cardKind: 'test', consents: new Set() }), rule)).toBe('test_card');
        expect(exclusionReason(facts({ cardKind: 'employee' }), rule)).toBe('employee_card');
        expect(exclusionReason(facts({ consents: new Set(['push']) }), rule)).toBe('no_channel');
        expect(exclusionReason(facts({ activeOffer: true, recentOffer: true }), rule)).toBe('active_offer');
        expect(exclusionReason(facts({ recentOffer: true }), rule)).toBe('cooldown');
        expect(exclusionReason(facts(), { ...rule, filters: { minPurchaseCount: 13 } })).toBe('economic');
    });
});

describe('passesEconomicFilters', () => {
    it('applies average receipt, 12-month revenue, count and frequency', () => {
        const f = facts({ revenue12m: 500_000 });
        expect(passesEconomicFilters(f, { minAverageReceipt: 150_000 }, now)).toBe(true);
        expect(passesEconomicFilters(f, { minAverageReceipt: 150_001 }, now)).toBe(false);
        expect(passesEconomicFilters(f, { minRevenue12m: 500_000 }, now)).toBe(true);
        expect(passesEconomicFilters(f, { minRevenue12m: 500_001 }, now)).toBe(false);
        expect(passesEconomicFilters(f, { minPurchasesPerMonth: 0.9 }, now)).toBe(true);
        expect(passesEconomicFilters(f, { minPurchasesPerMonth: 1.1 }, now)).toBe(false);
        expect(
            passesEconomicFilters(
                facts({ purchaseCount: 0, purchaseTotal: 0 }),
                { minAverageReceipt: 1 },
                now,
            ),
        ).toBe(false);
    });
});
