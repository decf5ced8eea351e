import { afterAll, describe, expect, it } from 'vitest';
import { readCategoriesCsv, readProductsCsv } from '../../../../plugin/modules/import/catalog-csv-reader.js';
import { collect, fixtureDir } from './import-fixtures.js';

describe('catalogue CSV readers', () => {
    const files = fixtureDir();
    afterAll(() => files.cleanup());

    it('reads products with flags and an optional rate; rejects invalid rows with their line', async () => {
        const path = files.write(
            'products.csv',
            [
                'sku,name,atc,accrual_rate_bp,excluded_from_accrual,excluded_from_redemption,prescription_only',
                'LOS-50,Losartan 50 mg,c09ca01,,0,0,1',
                'PROMO-1,Promo,,1000,yes,,',
                'BAD,Bad rate,,20000,0,0,0',
                'BAD-2,Bad flag,,,perhaps,0,0',
            ].join('\n'),
        );
        const rows = await collect(readProductsCsv(path));
        expect(rows[0]).toEqual({
            line: 2,
            value: {
                sku: 'LOS-50',
                name: 'Losartan 50 mg',
                atc: 'C09CA01',
                accrualRateBp: null,
                excludedFromAccrual: false,
                excludedFromRedemption: false,
                prescriptionOnly: true,
            },
        });
        expect(rows[1]).toMatchObject({ value: { accrualRateBp: 1000, excludedFromAccrual: true } });
        expect(rows[2]).toEqual({ line: 4, error: 'accrualRateBp must be less than or equal to 10000' });
        expect(rows[3]).toEqual({ line: 5, error: 'excludedFromAccrual must be 1, 0 or empty' });
    });

    it('reads categories with ATC prefixes and SKUs separated by spaces or bars', async () => {
        const path = files.write(
            'categories.csv',
            [
                'code,name,atc_prefixes,skus,accrual_rate_bp,excluded_from_accrual,excluded_from_redemption,chronic,seasonal,refill_interval_days,lapse_after_days,min_purchases',
                'C09,Antihypertensives,c09|C08CA c09,,,,,1,0,30,60,3',
                'REG,Regulated,,REG-1 REG-2,,1,1,,,,,',
                'X,Bad,Z9,,,,,,,0,,',
            ].join('\n'),
        );
        const rows = await collect(readCategoriesCsv(path));
        expect(rows[0]).toEqual({
            line: 2,
            value: {
                code: 'C09',
                name: 'Antihypertensives',
                atcPrefixes: ['C09', 'C08CA'],
                skus: [],
                accrualRateBp: null,
                excludedFromAccrual: false,
                excludedFromRedemption: false,
                chronic: true,
                seasonal: false,
                refillIntervalDays: 30,
                lapseAfterDays: 60,
                minPurchases: 3,
            },
        });
        expect(rows[1]).toMatchObject({ value: { skus: ['REG-1', 'REG-2'], excludedFromAccrual: true } });
        expect(rows[2]).toMatchObject({ line: 4, error: expect.stringMatching(/atcPrefixes/) });
    });

    it('fails when a required column is missing', async () => {
        const path = files.write('nosku.csv', 'name\nA\n');
        await expect(collect(readProductsCsv(path))).rejects.toMatchObject({ code: 'REFILL_VALIDATION' });
    });
});
