import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { proportionSums, sumsFromMeanSd } from '../../../../../plugin/modules/campaigns/stats/group-sums.js';
import {
    campaignMoney,
    type CampaignMoneyInput,
} from '../../../../../plugin/modules/campaigns/stats/money.stats.js';
import {
    compareMeans,
    compareProportions,
} from '../../../../../plugin/modules/campaigns/stats/uplift.stats.js';
import { exampleConversion, exampleRevenue, expectAllFinite, expectFigure } from './stats-fixtures.js';

/**
 * The worked example's economics: ×3 points on 1 point per 100 cu accrual, so
 * the bonus cost is 2% of the test group's revenue (point value 1, r = 1);
 * 20,000 SMS at 3 cu; gross margin 30%.
 */
function exampleInput(): CampaignMoneyInput {
    return {
        revenue: exampleRevenue(),
        conversion: exampleConversion(),
        testCount: 20_000,
        marginBp: 3000,
        bonusCost: 0.02 * 390 * 20_000,
        messageCost: 20_000 * 3,
    };
}

const rounded = (x: number | null) => (x === null ? null : Math.round(x));

describe('campaign money (worked example)', () => {
    const money = campaignMoney(exampleInput());

    it('prints test revenue against the counterfactual', () => {
        expect(money.testRevenue).toBeCloseTo(7_800_000, 4);
        expect(money.counterfactualRevenue).toBeCloseTo(6_000_000, 4);
    });

    it('counts 1,000 incremental converters, CI [719, 1,281]', () => {
        expect(rounded(money.incrementalConverters.estimate)).toBe(1000);
        expect(rounded(money.incrementalConverters.ciLow)).toBe(719);
        expect(rounded(money.incrementalConverters.ciHigh)).toBe(1281);
    });

    it('gives incremental revenue 1,800,000, CI [745,464; 2,854,536]', () => {
        expect(rounded(money.incrementalRevenue.estimate)).toBe(1_800_000);
        expect(rounded(money.incrementalRevenue.ciLow)).toBe(745_464);
        expect(rounded(money.incrementalRevenue.ciHigh)).toBe(2_854_536);
    });

    it('gives incremental margin 540,000, CI [223,639; 856,361]', () => {
        expect(rounded(money.incrementalMargin.estimate)).toBe(540_000);
        expect(rounded(money.incrementalMargin.ciLow)).toBe(223_639);
        expect(rounded(money.incrementalMargin.ciHigh)).toBe(856_361);
    });

    it('adds up the campaign cost', () => {
        expect(money.bonusCost).toBeCloseTo(156_000, 6);
        expect(money.messageCost).toBe(60_000);
        expect(money.campaignCost).toBeCloseTo(216_000, 6);
    });

    it('gives net profit 324,000, CI [7,639; 640,361]', () => {
        expect(rounded(money.netProfit.estimate)).toBe(324_000);
        expect(rounded(money.netProfit.ciLow)).toBe(7_639);
        expect(rounded(money.netProfit.ciHigh)).toBe(640_361);
    });

    it('gives ROMI 150%, CI [3.5%; 296%], and P(profit > 0) 97.8%', () => {
        expectFigure(money.romi!.estimate, 1.5, 3);
        expectFigure(money.romi!.ciLow, 0.035, 2);
        expectFigure(money.romi!.ciHigh, 2.96, 3);
        expectFigure(money.probabilityOfProfit, 0.978, 3);
    });

    it('gives break-even uplift 36.00, iCPA 216.00 and iROAS 8.33 (revenue ratio 733%)', () => {
        expect(money.breakEvenUplift).toBeCloseTo(36, 10);
        expect(money.costPerIncrementalConverter).toBeCloseTo(216, 8);
        expectFigure(money.iroas, 8.33, 3);
        expectFigure(money.iroas! - 1, 7.33, 3);
    });

    it('gives the same table in minor units, scaled by 100', () => {
        const minor = campaignMoney({
            ...exampleInput(),
            revenue: compareMeans(
                sumsFromMeanSd(20_000, 39_000, 121_000),
                sumsFromMeanSd(2_000, 30_000, 114_000),
            ),
            bonusCost: 15_600_000,
            messageCost: 6_000_000,
        });
        expect(rounded(minor.netProfit.ciLow)).toBe(763_916);
        expect(minor.romi!.ciHigh).toBeCloseTo(money.romi!.ciHigh!, 10);
        expect(minor.probabilityOfProfit).toBeCloseTo(money.probabilityOfProfit!, 12);
        expect(minor.breakEvenUplift).toBeCloseTo(3600, 8);
    });

    it('rebuilds the intervals at another alpha', () => {
        const wide = campaignMoney({ ...exampleInput(), alpha: 0.01 });
        expect(wide.netProfit.ciLow!).toBeLessThan(0);
        expect(wide.netProfit.estimate).toBeCloseTo(money.netProfit.estimate, 6);
        expect(wide.probabilityOfProfit).toBe(money.probabilityOfProfit);
    });
});

describe('campaign money edge cases', () => {
    it('has no ROMI or iROAS when the campaign cost nothing', () => {
        const m = campaignMoney({ ...exampleInput(), bonusCost: 0, messageCost: 0 });
        expect(m.romi).toBeNull();
        expect(m.iroas).toBeNull();
        expect(m.costPerIncrementalConverter).toBe(0);
        expect(m.breakEvenUplift).toBe(0);
        expectFigure(m.probabilityOfProfit, 0.9996, 4);
    });

    it('has no iCPA when the conversion uplift is not positive', () => {
        const conversion = compareProportions(proportionSums(20_000, 1_900), proportionSums(2_000, 200));
        const m = campaignMoney({ ...exampleInput(), conversion });
        expect(m.incrementalConverters.estimate).toBeCloseTo(-100, 8);
        expect(m.costPerIncrementalConverter).toBeNull();
    });

    it('has no intervals or probability when the revenue uplift has no standard error', () => {
        const revenue = compareMeans(sumsFromMeanSd(1, 500, 0), sumsFromMeanSd(10, 300, 100));
        const m = campaignMoney({ ...exampleInput(), revenue });
        expect(m.incrementalRevenue).toEqual({ estimate: 200 * 20_000, ciLow: null, ciHigh: null });
        expect(m.romi!.ciLow).toBeNull();
        expect(m.probabilityOfProfit).toBeNull();
        expectAllFinite(m);
    });

    it('has no break-even or probability with no test customers or no margin', () => {
        for (const change of [{ testCount: 0 }, { marginBp: 0 }]) {
            const m = campaignMoney({ ...exampleInput(), ...change });
            expect(m.breakEvenUplift).toBeNull();
            expect(m.probabilityOfProfit).toBeNull();
            expect(m.netProfit.estimate).toBeCloseTo(-216_000, 6);
            expectAllFinite(m);
        }
    });

    it('rejects impossible inputs', () => {
        expect(() => campaignMoney({ ...exampleInput(), testCount: -1 })).toThrow(RangeError);
        expect(() => campaignMoney({ ...exampleInput(), bonusCost: -1 })).toThrow(RangeError);
        expect(() => campaignMoney({ ...exampleInput(), alpha: 0 })).toThrow(RangeError);
        expect(() => campaignMoney({ ...exampleInput(), marginBp: Number.NaN })).toThrow(RangeError);
    });

    it('keeps every interval ordered around its estimate and consistent with ROMI', () => {
        fc.assert(
            fc.property(
                fc.double({ min: 0, max: 2000, noNaN: true }),
                fc.double({ min: 1, max: 3000, noNaN: true }),
                fc.integer({ min: -5000, max: 10_000 }),
                fc.integer({ min: 1, max: 1_000_000 }),
                (testMean, sd, marginBp, cost) => {
                    const revenue = compareMeans(
                        sumsFromMeanSd(5000, testMean, sd),
                        sumsFromMeanSd(500, 300, sd),
                    );
                    const m = campaignMoney({ ...exampleInput(), revenue, marginBp, bonusCost: cost });
                    for (const x of [m.incrementalRevenue, m.incrementalMargin, m.netProfit, m.romi!]) {
                        expect(x.ciLow!).toBeLessThanOrEqual(x.estimate + 1e-9 * Math.abs(x.estimate));
                        expect(x.ciHigh!).toBeGreaterThanOrEqual(x.estimate - 1e-9 * Math.abs(x.estimate));
                    }
                    const k = m.campaignCost;
                    expect(m.romi!.estimate * k).toBeCloseTo(m.netProfit.estimate, 3);
                    expect(m.romi!.ciLow! * k).toBeCloseTo(m.netProfit.ciLow!, 3);
                    expectAllFinite(m);
                },
            ),
        );
    });
});
