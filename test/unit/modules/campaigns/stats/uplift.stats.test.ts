import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { proportionSums, sumsFromMeanSd } from '../../../../../plugin/modules/campaigns/stats/group-sums.js';
import {
    compareMeans,
    compareProportions,
} from '../../../../../plugin/modules/campaigns/stats/uplift.stats.js';
import {
    exampleConversion as conversion,
    exampleRevenue as revenue,
    expectAllFinite as noNaN,
    expectFigure,
} from './stats-fixtures.js';

describe('conversion uplift (worked example)', () => {
    it('prints both groups', () => {
        const r = conversion();
        expect(r.control).toEqual({ n: 2_000, mean: 0.1, variance: expect.closeTo(0.09, 12) });
        expect(r.test).toEqual({ n: 20_000, mean: 0.15, variance: expect.closeTo(0.1275, 12) });
    });

    it('gives +5.00 pp, CI [+3.59, +6.41] pp, p = 3.8e-12, df ≈ 2,600', () => {
        const { absolute, df } = conversion();
        expect(absolute.estimate).toBeCloseTo(0.05, 12);
        expectFigure(absolute.ciLow, 0.0359, 3);
        expectFigure(absolute.ciHigh, 0.0641, 3);
        expectFigure(absolute.pValue, 3.8e-12, 2);
        expect(Math.round(df!)).toBe(2600);
    });

    it('gives +50.0%, CI [+29.7%, +70.3%], p = 1.5e-6 by the delta method', () => {
        const { relative } = conversion();
        expect(relative!.estimate).toBeCloseTo(0.5, 12);
        expectFigure(relative!.ciLow, 0.297, 3);
        expectFigure(relative!.ciHigh, 0.703, 3);
        expectFigure(relative!.pValue, 1.5e-6, 2);
    });
});

describe('revenue uplift (worked example)', () => {
    it('gives +90.00, CI [+37.27, +142.73], p = 0.00083, df ≈ 2,472', () => {
        const { absolute, df, control, test } = revenue();
        expect(control.mean).toBe(300);
        expect(test.mean).toBe(390);
        expect(absolute.estimate).toBeCloseTo(90, 10);
        expectFigure(absolute.ciLow, 37.27, 4);
        expectFigure(absolute.ciHigh, 142.73, 5);
        expectFigure(absolute.pValue, 0.00083, 2);
        expect(Math.round(df!)).toBe(2472);
    });

    it('gives +30.0%, CI [+7.6%, +52.4%], p = 0.0086', () => {
        const { relative } = revenue();
        expect(relative!.estimate).toBeCloseTo(0.3, 12);
        expectFigure(relative!.ciLow, 0.076, 2);
        expectFigure(relative!.ciHigh, 0.524, 3);
        expectFigure(relative!.pValue, 0.0086, 2);
    });

    it('does not depend on the currency unit (minor units)', () => {
        const cu = revenue();
        const minor = compareMeans(
            sumsFromMeanSd(20_000, 39_000, 121_000),
            sumsFromMeanSd(2_000, 30_000, 114_000),
        );
        expect(minor.absolute.ciLow! / 100).toBeCloseTo(cu.absolute.ciLow!, 8);
        expect(minor.absolute.pValue).toBeCloseTo(cu.absolute.pValue!, 12);
        expect(minor.relative!.ciHigh).toBeCloseTo(cu.relative!.ciHigh!, 10);
    });

    it('widens the interval for a smaller alpha', () => {
        const r = compareMeans(sumsFromMeanSd(20_000, 390, 1210), sumsFromMeanSd(2_000, 300, 1140), 0.01);
        expect(r.alpha).toBe(0.01);
        expect(r.absolute.ciLow!).toBeLessThan(37.27);
        expect(r.absolute.pValue).toBeCloseTo(0.00083, 5);
    });
});

describe('degenerate inputs', () => {
    it('has no relative uplift when the control rate is 0', () => {
        const r = compareProportions(proportionSums(1000, 30), proportionSums(100, 0));
        expect(r.relative).toBeNull();
        expect(r.absolute.estimate).toBeCloseTo(0.03, 12);
        expect(r.absolute.ciLow).not.toBeNull();
        noNaN(r);
    });

    it('has no interval when nobody converted in either group', () => {
        const r = compareProportions(proportionSums(1000, 0), proportionSums(100, 0));
        expect(r.absolute).toEqual({
            estimate: 0,
            standardError: 0,
            ciLow: null,
            ciHigh: null,
            pValue: null,
        });
        expect(r.relative).toBeNull();
        expect(r.df).toBeNull();
        noNaN(r);
    });

    it('has no interval when every customer has the same value', () => {
        const r = compareMeans(sumsFromMeanSd(50, 120, 0), sumsFromMeanSd(10, 100, 0));
        expect(r.absolute.estimate).toBeCloseTo(20, 10);
        expect(r.absolute.ciLow).toBeNull();
        expect(r.absolute.pValue).toBeNull();
        expect(r.relative!.estimate).toBeCloseTo(0.2, 12);
        expect(r.relative!.ciLow).toBeNull();
        expect(r.df).toBeNull();
        noNaN(r);
    });

    it('uses the other group alone when one group has no variance', () => {
        const r = compareMeans(sumsFromMeanSd(50, 0, 0), sumsFromMeanSd(11, 100, 30));
        expect(r.df).toBeCloseTo(10, 9);
        expect(r.absolute.ciLow).not.toBeNull();
        // relative SE is 0 by the delta method when the test mean is 0 and has no variance
        expect(r.relative!.estimate).toBe(-1);
        expect(r.relative!.pValue).toBeNull();
        noNaN(r);
    });

    it('has no interval with a single customer in a group', () => {
        const means = compareMeans(sumsFromMeanSd(1, 500, 0), sumsFromMeanSd(40, 100, 50));
        expect(means.test.variance).toBeNull();
        expect(means.absolute).toEqual({
            estimate: 400,
            standardError: null,
            ciLow: null,
            ciHigh: null,
            pValue: null,
        });
        expect(means.relative!.standardError).toBeNull();
        noNaN(means);
        const rates = compareProportions(proportionSums(30, 3), proportionSums(1, 1));
        expect(rates.absolute.estimate).toBeCloseTo(-0.9, 12);
        expect(rates.absolute.pValue).toBeNull();
        expect(rates.df).toBeNull();
        noNaN(rates);
    });

    it('rejects an empty group and an impossible alpha', () => {
        expect(() => compareProportions(proportionSums(0, 0), proportionSums(10, 1))).toThrow(RangeError);
        expect(() => compareMeans(sumsFromMeanSd(10, 1, 1), sumsFromMeanSd(0, 0, 0))).toThrow(RangeError);
        expect(() => compareMeans(sumsFromMeanSd(10, 1, 1), sumsFromMeanSd(10, 1, 1), 1)).toThrow(RangeError);
        expect(() =>
            compareMeans({ n: 10, sum: Number.NaN, sumSquares: 1 }, sumsFromMeanSd(10, 1, 1)),
        ).toThrow(RangeError);
    });
});

describe('properties', () => {
    const group = fc
        .tuple(fc.integer({ min: 2, max: 100_000 }), fc.double({ min: 0, max: 1, noNaN: true }))
        .map(([n, share]) => proportionSums(n, Math.round(n * share)));

    it('every interval contains its estimate and every p-value is a probability', () => {
        fc.assert(
            fc.property(group, group, fc.constantFrom(0.01, 0.05, 0.1), (test, control, alpha) => {
                const r = compareProportions(test, control, alpha);
                for (const e of [r.absolute, r.relative]) {
                    if (e === null || e.ciLow === null) continue;
                    expect(e.ciLow).toBeLessThanOrEqual(e.estimate);
                    expect(e.ciHigh!).toBeGreaterThanOrEqual(e.estimate);
                    expect(e.pValue!).toBeGreaterThanOrEqual(0);
                    expect(e.pValue!).toBeLessThanOrEqual(1);
                }
                noNaN(r);
            }),
        );
    });

    it('a p-value below alpha means the interval excludes 0', () => {
        fc.assert(
            fc.property(
                fc.integer({ min: 2, max: 50_000 }),
                fc.integer({ min: 2, max: 50_000 }),
                fc.double({ min: 0, max: 1000, noNaN: true }),
                fc.double({ min: 0, max: 1000, noNaN: true }),
                fc.double({ min: 1, max: 3000, noNaN: true }),
                fc.double({ min: 1, max: 3000, noNaN: true }),
                (nT, nC, mT, mC, sdT, sdC) => {
                    const r = compareMeans(sumsFromMeanSd(nT, mT, sdT), sumsFromMeanSd(nC, mC, sdC));
                    const { ciLow, ciHigh, pValue } = r.absolute;
                    if (Math.abs(pValue! - 0.05) < 1e-9) return;
                    expect(pValue! < 0.05).toBe(ciLow! > 0 || ciHigh! < 0);
                },
            ),
        );
    });
});
