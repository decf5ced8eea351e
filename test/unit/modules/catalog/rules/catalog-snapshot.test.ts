import { describe, expect, it } from 'vitest';
import { CatalogSnapshot } from '../../../../../plugin/modules/catalog/rules/catalog-snapshot.js';

const categories = [
    { id: 1, code: 'C09', accrualRateBp: null, excludedFromAccrual: false, excludedFromRedemption: false },
    { id: 2, code: 'C09A', accrualRateBp: 500, excludedFromAccrual: false, excludedFromRedemption: false },
    { id: 3, code: 'REG', accrualRateBp: null, excludedFromAccrual: true, excludedFromRedemption: true },
];
const rules = [
    { categoryId: 1, kind: 'atc' as const, value: 'C09' },
    { categoryId: 2, kind: 'atc' as const, value: 'C09A' },
    { categoryId: 3, kind: 'sku' as const, value: 'ENAP-5' },
];
const products = [
    {
        sku: 'LOS-50',
        atc: 'C09CA01',
        accrualRateBp: null,
        excludedFromAccrual: false,
        excludedFromRedemption: false,
    },
    {
        sku: 'PROMO',
        atc: 'C09AA02',
        accrualRateBp: 1000,
        excludedFromAccrual: false,
        excludedFromRedemption: false,
    },
    {
        sku: 'ENAP-5',
        atc: 'C09AA02',
        accrualRateBp: null,
        excludedFromAccrual: false,
        excludedFromRedemption: false,
    },
    { sku: 'RX', atc: null, accrualRateBp: null, excludedFromAccrual: false, excludedFromRedemption: true },
];
const snapshot = new CatalogSnapshot(products, categories, rules);
const line = (sku: string, atc: string | null = null) => ({
    sku,
    name: sku,
    atc,
    quantityMilli: 1000,
    amount: 10000,
});

describe('CatalogSnapshot', () => {
    it('places a known SKU by its own ATC code, the longest prefix winning', () => {
        const [los, enalapril] = snapshot.resolve([line('LOS-50'), line('UNKNOWN', 'C09AA02')], 300);
        expect(los).toMatchObject({ categoryCode: 'C09', rateBp: 300, rateSource: 'base' });
        expect(enalapril).toMatchObject({ categoryCode: 'C09A', rateBp: 500, rateSource: 'category' });
    });

    it('prefers the catalogue ATC over the one the till sends, and SKU rules over ATC', () => {
        const [los, enap] = snapshot.resolve([line('LOS-50', 'A10BA02'), line('ENAP-5')], 300);
        expect(los.categoryCode).toBe('C09');
        expect(enap).toMatchObject({
            categoryCode: 'REG',
            excludedFromAccrual: true,
            excludedFromRedemption: true,
        });
        expect(enap.exclusionReason).toContain('category:excluded_from_accrual');
    });

    it('uses the SKU rate over the category rate and keeps product exclusions', () => {
        const [promo, rx, none] = snapshot.resolve([line('PROMO'), line('RX'), line('X', null)], 300);
        expect(promo).toMatchObject({ rateBp: 1000, rateSource: 'sku' });
        expect(rx).toMatchObject({
            excludedFromRedemption: true,
            excludedFromAccrual: false,
            categoryId: null,
        });
        expect(none).toMatchObject({ categoryId: null, rateBp: 300 });
    });
});
