import { describe, expect, it } from 'vitest';
import { atcCode } from '../../../plugin/kernel/http/pos.schemas.js';
import {
    DEMO_CHRONIC_GROUPS,
    DEMO_RETAIL_CATEGORIES,
    demoCategoryInputs,
    demoProductInputs,
    demoProducts,
} from '../../../plugin/demo/demo-catalog.js';
import { defaultStoreCount, demoStores } from '../../../plugin/demo/demo-stores.js';
import { demoSnapshot, NOW } from './demo-test-chain.js';

describe('demo catalogue', () => {
    it('has about twenty chronic groups with a refill rhythm', () => {
        expect(DEMO_CHRONIC_GROUPS.length).toBeGreaterThanOrEqual(18);
        for (const code of ['C09', 'C10AA', 'A10B', 'H03A']) {
            expect(DEMO_CHRONIC_GROUPS.map((g) => g.code)).toContain(code);
        }
        const chronic = demoCategoryInputs().filter((c) => c.chronic);
        expect(chronic).toHaveLength(DEMO_CHRONIC_GROUPS.length);
        for (const c of chronic) {
            expect(c.atcPrefixes).toEqual([c.code]);
            expect(c.refillIntervalDays).toBeGreaterThanOrEqual(20);
            expect(c.refillIntervalDays).toBeLessThanOrEqual(90);
            expect(c.lapseAfterDays).toBeGreaterThanOrEqual(Math.max(45, c.refillIntervalDays as number));
            expect(c.minPurchases).toBe(3);
            expect(c.seasonal ?? false).toBe(false);
        }
    });

    it('has non-chronic goods, seasonal antihistamines and a group excluded from bonuses', () => {
        const byCode = new Map(demoCategoryInputs().map((c) => [c.code, c]));
        expect(byCode.get('R06')?.seasonal).toBe(true);
        expect(byCode.get('R06')?.chronic ?? false).toBe(false);
        const excluded = [...byCode.values()].filter(
            (c) => c.excludedFromAccrual && c.excludedFromRedemption,
        );
        expect(excluded.length).toBeGreaterThan(0);
        expect(excluded.every((c) => (c.skus ?? []).length > 0)).toBe(true);
        expect(byCode.size).toBe(DEMO_CHRONIC_GROUPS.length + DEMO_RETAIL_CATEGORIES.length);
    });

    it('has unique SKUs, valid ATC codes, whole-kopeck prices and some overrides', () => {
        const products = demoProducts();
        expect(new Set(products.map((p) => p.sku)).size).toBe(products.length);
        for (const p of products) {
            expect(Number.isInteger(p.price) && p.price > 0 && p.price < 10_000_000).toBe(true);
            if (p.atc) expect(atcCode.validate(p.atc).error).toBeUndefined();
        }
        const inputs = demoProductInputs();
        expect(inputs.filter((p) => p.prescriptionOnly).length).toBeGreaterThan(10);
        expect(inputs.filter((p) => p.accrualRateBp !== null).length).toBeGreaterThanOrEqual(2);
    });

    it('places every product in a category, chronic drugs in their own group', () => {
        const snapshot = demoSnapshot();
        for (const p of demoProducts()) expect(snapshot.categoryOf(p.sku, p.atc)?.code, p.sku).toBeTruthy();
        for (const g of DEMO_CHRONIC_GROUPS) {
            for (const p of g.products) {
                expect(snapshot.categoryOf(p.sku, p.atc)?.code).toBe(g.code);
                expect(p.packDays).toBeGreaterThan(0);
            }
        }
    });
});

describe('demo stores', () => {
    it('scales with the chain, with unique codes and Russian timezones, mostly Moscow time', () => {
        expect(defaultStoreCount(2000)).toBe(3);
        expect(defaultStoreCount(1_000_000)).toBe(200);
        const stores = demoStores(200, NOW);
        expect(new Set(stores.map((s) => s.code)).size).toBe(200);
        for (const s of stores) expect(s.code).toMatch(/^[A-Z]{3}-\d{3}$/);
        expect(stores[0].code).toBe('MSK-001');
        const moscow = stores.filter((s) => s.timezone === 'Europe/Moscow').length;
        expect(moscow / stores.length).toBeGreaterThan(0.5);
        expect(new Set(stores.map((s) => s.timezone)).size).toBeGreaterThanOrEqual(5);
        expect(stores.find((s) => s.timezone === 'Asia/Vladivostok')?.utcOffsetMinutes).toBe(600);
    });

    it('does not depend on anything but the count', () => {
        expect(demoStores(7, NOW)).toEqual(demoStores(7, NOW));
        expect(demoStores(20, NOW).slice(0, 7)).toEqual(demoStores(7, NOW));
    });
});
