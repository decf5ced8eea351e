import { describe, expect, it } from 'vitest';
import { SRM_THRESHOLD, srmCheck } from '../../../../../plugin/modules/campaigns/stats/srm.stats.js';

describe('sample ratio mismatch check', () => {
    it('passes the worked example at the configured 1/11', () => {
        const srm = srmCheck({ test: 20_000, control: 2_000 }, 1 / 11);
        expect(srm.total).toBe(22_000);
        expect(srm.expectedControlShare).toBeCloseTo(0.0909, 4);
        expect(srm.observedControlShare).toBeCloseTo(0.0909, 4);
        expect(srm.chiSquared).toBeCloseTo(0, 6);
        expect(srm.pValue).toBeCloseTo(1, 6);
        expect(srm.flagged).toBe(false);
    });

    it('flags the same split against a configured 10%', () => {
        const srm = srmCheck({ test: 20_000, control: 2_000 }, 0.1);
        expect(srm.chiSquared).toBeCloseTo(20.2, 2);
        expect(srm.pValue).toBeCloseTo(7.0e-6, 7);
        expect(srm.pValue).toBeLessThan(SRM_THRESHOLD);
        expect(srm.flagged).toBe(true);
    });

    it('flags the smaller drift 2,150 / 19,850 against 1/11', () => {
        const srm = srmCheck({ test: 19_850, control: 2_150 }, 1 / 11);
        expect(srm.chiSquared).toBeCloseTo(12.4, 1);
        expect(srm.pValue).toBeCloseTo(4.4e-4, 5);
        expect(srm.flagged).toBe(true);
    });

    it('keeps precision for very small p-values', () => {
        // X² ≈ 400: 1 − CDF would round to 0; the upper tail is ≈ 6.0e-89
        const srm = srmCheck({ test: 88_103, control: 11_897 }, 0.1);
        expect(srm.chiSquared).toBeCloseTo(399.85, 2);
        expect(srm.pValue).toBeGreaterThan(1e-89);
        expect(srm.pValue).toBeLessThan(1e-88);
    });

    it('has no test when nobody is assigned', () => {
        expect(srmCheck({ test: 0, control: 0 }, 0.1)).toEqual({
            total: 0,
            expectedControlShare: 0.1,
            observedControlShare: null,
            chiSquared: null,
            pValue: null,
            flagged: false,
        });
    });

    it('has no test when the configured share leaves a group empty', () => {
        for (const share of [0, 1]) {
            const srm = srmCheck({ test: 100, control: 3 }, share);
            expect(srm.observedControlShare).toBeCloseTo(3 / 103, 10);
            expect(srm.pValue).toBeNull();
            expect(srm.chiSquared).toBeNull();
            expect(srm.flagged).toBe(false);
        }
    });

    it('rejects impossible counts and shares', () => {
        expect(() => srmCheck({ test: -1, control: 0 }, 0.1)).toThrow(RangeError);
        expect(() => srmCheck({ test: 1.5, control: 0 }, 0.1)).toThrow(RangeError);
        expect(() => srmCheck({ test: 1, control: 1 }, 1.1)).toThrow(RangeError);
        expect(() => srmCheck({ test: 1, control: 1 }, Number.NaN)).toThrow(RangeError);
    });
});
