import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { proportionSums } from '../../../../../plugin/modules/campaigns/stats/group-sums.js';
import { dailySeries, type DaySums } from '../../../../../plugin/modules/campaigns/stats/series.stats.js';
import {
    compareMeans,
    compareProportions,
} from '../../../../../plugin/modules/campaigns/stats/uplift.stats.js';

const group = (members: number, converters: number, revenue: number, revenueSquares = revenue * 450) => ({
    members,
    mature: members,
    converters,
    revenue,
    revenueSquares,
});

describe('per-day series (pure)', () => {
    it('gives per day and cumulative assigned, converters, conversion and revenue per group, with the cumulative uplift and its 95% interval', () => {
        const days: DaySums[] = [
            { day: '2026-03-02', test: group(100, 20, 9000), control: group(100, 10, 4500) },
            { day: '2026-03-01', test: group(50, 5, 2250), control: group(50, 5, 2250) },
        ];
        const [first, second] = dailySeries(days);
        expect(first.day).toBe('2026-03-01');
        expect(first.test).toMatchObject({ assigned: 50, converters: 5, conversion: 0.1, revenue: 2250 });
        expect(second.cumulative.test).toMatchObject({ assigned: 150, converters: 25, revenue: 11_250 });
        expect(second.cumulative.test.conversion).toBeCloseTo(25 / 150, 12);
        expect(second.cumulative.control.revenuePerCustomer).toBeCloseTo(6750 / 150, 12);
        const expected = compareProportions(proportionSums(150, 25), proportionSums(150, 15)).absolute;
        expect(second.cumulative.conversionUplift).toEqual(expected);
        expect(second.cumulative.conversionUplift!.ciLow).toBeLessThan(expected.estimate);
        expect(second.cumulative.conversionUplift!.ciHigh).toBeGreaterThan(expected.estimate);
    });

    it('has no uplift while a group is empty, and no conversion for an empty day', () => {
        const [only] = dailySeries([{ day: '2026-03-01', test: group(3, 1, 450), control: group(0, 0, 0) }]);
        expect(only.control.conversion).toBeNull();
        expect(only.cumulative.conversionUplift).toBeNull();
        expect(only.cumulative.revenueUplift).toBeNull();
        expect(() =>
            dailySeries([
                { day: '2026-03-01', test: group(1, 0, 0), control: group(1, 0, 0) },
                { day: '2026-03-01', test: group(1, 0, 0), control: group(1, 0, 0) },
            ]),
        ).toThrow(RangeError);
    });

    it('cumulates monotonically and ends at the comparison of all members', () => {
        const sums = fc
            .record({
                members: fc.integer({ min: 0, max: 300 }),
                conv: fc.double({ min: 0, max: 1, noNaN: true }),
            })
            .map(({ members, conv }) => {
                const converters = Math.floor(conv * members);
                // Every converter bought one pack of 450.00; the rest bought nothing.
                return group(members, converters, converters * 45_000, converters * 45_000 * 45_000);
            });
        fc.assert(
            fc.property(fc.array(fc.tuple(sums, sums), { minLength: 1, maxLength: 15 }), (pairs) => {
                const days = pairs.map(([test, control], i) => ({
                    day: `2026-04-${String(i + 1).padStart(2, '0')}`,
                    test,
                    control,
                }));
                const series = dailySeries(days);
                for (let i = 1; i < series.length; i++) {
                    expect(series[i].cumulative.test.assigned).toBeGreaterThanOrEqual(
                        series[i - 1].cumulative.test.assigned,
                    );
                    expect(series[i].cumulative.control.converters).toBeGreaterThanOrEqual(
                        series[i - 1].cumulative.control.converters,
                    );
                }
                const total = (k: 'test' | 'control') =>
                    days.reduce(
                        (a, d) => ({
                            n: a.n + d[k].members,
                            conv: a.conv + d[k].converters,
                            sum: a.sum + d[k].revenue,
                            sq: a.sq + d[k].revenueSquares,
                        }),
                        { n: 0, conv: 0, sum: 0, sq: 0 },
                    );
                const t = total('test');
                const c = total('control');
                const last = series[series.length - 1].cumulative;
                if (t.n === 0 || c.n === 0) {
                    // A property that returns false fails: assert, then return nothing.
                    expect(last.conversionUplift).toBeNull();
                    return;
                }
                expect(last.conversionUplift).toEqual(
                    compareProportions(proportionSums(t.n, t.conv), proportionSums(c.n, c.conv)).absolute,
                );
                expect(last.revenueUplift).toEqual(
                    compareMeans(
                        { n: t.n, sum: t.sum, sumSquares: t.sq },
                        { n: c.n, sum: c.sum, sumSquares: c.sq },
                    ).absolute,
                );
            }),
        );
    });
});
