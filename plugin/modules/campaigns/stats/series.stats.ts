/*
 * The report's per-day series: per assignment day and cumulated over the
 * days so far, the members, converters, conversion and revenue of each group,
 * and the cumulative uplift with its interval, for the admin UI's charts.
 */
import { proportionSums } from './group-sums.js';
import { compareMeans, compareProportions, type Estimate } from './uplift.stats.js';

/** One group's sums of one assignment day. */
export interface DayGroupSums {
    /** Members assigned that day. */
    members: number;
    /** Of them, members whose window has closed. */
    mature: number;
    /** Members with a purchase of the category in their window (so far). */
    converters: number;
    /** Σ net category revenue in their windows, minor units. */
    revenue: number;
    /** Σ revenue² (for the interval of the revenue uplift). */
    revenueSquares: number;
}

/** Both groups' sums of one assignment day. */
export interface DaySums {
    /** The assignment day, `YYYY-MM-DD` (chain time). */
    day: string;
    test: DayGroupSums;
    control: DayGroupSums;
}

/** What the series shows of one group. */
export interface SeriesGroup {
    assigned: number;
    mature: number;
    converters: number;
    /** converters / assigned; null with nobody assigned. */
    conversion: number | null;
    /** Net category revenue, minor units. */
    revenue: number;
    /** revenue / assigned; null with nobody assigned. */
    revenuePerCustomer: number | null;
}

/** One day of the series: that day's cohort and everything assigned up to it. */
export interface SeriesPoint {
    day: string;
    test: SeriesGroup;
    control: SeriesGroup;
    cumulative: {
        test: SeriesGroup;
        control: SeriesGroup;
        /** Absolute conversion uplift of the members so far, with its interval; null while a group is empty. */
        conversionUplift: Estimate | null;
        /** Absolute revenue uplift per assigned customer so far, with its interval; null while a group is empty. */
        revenueUplift: Estimate | null;
    };
}

const ZERO: DayGroupSums = { members: 0, mature: 0, converters: 0, revenue: 0, revenueSquares: 0 };

function add(a: DayGroupSums, b: DayGroupSums): DayGroupSums {
    return {
        members: a.members + b.members,
        mature: a.mature + b.mature,
        converters: a.converters + b.converters,
        revenue: a.revenue + b.revenue,
        revenueSquares: a.revenueSquares + b.revenueSquares,
    };
}

function view(g: DayGroupSums): SeriesGroup {
    return {
        assigned: g.members,
        mature: g.mature,
        converters: g.converters,
        conversion: g.members ? g.converters / g.members : null,
        revenue: g.revenue,
        revenuePerCustomer: g.members ? g.revenue / g.members : null,
    };
}

/**
 * The series over assignment days (sorted by day; a day may appear once).
 * The cumulative uplifts are Welch intervals at `alpha` on the members
 * assigned up to that day; the last point's equal the report's comparison of
 * the same members.
 */
export function dailySeries(days: readonly DaySums[], alpha = 0.05): SeriesPoint[] {
    const sorted = [...days].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
    for (let i = 1; i < sorted.length; i++)
        if (sorted[i].day === sorted[i - 1].day) throw new RangeError(`day ${sorted[i].day} appears twice`);
    let test = ZERO;
    let control = ZERO;
    return sorted.map((d) => {
        proportionSums(d.test.members, d.test.converters);
        proportionSums(d.control.members, d.control.converters);
        test = add(test, d.test);
        control = add(control, d.control);
        const ready = test.members > 0 && control.members > 0;
        const revenue = (g: DayGroupSums) => ({ n: g.members, sum: g.revenue, sumSquares: g.revenueSquares });
        return {
            day: d.day,
            test: view(d.test),
            control: view(d.control),
            cumulative: {
                test: view(test),
                control: view(control),
                conversionUplift: ready
                    ? compareProportions(
                          proportionSums(test.members, test.converters),
                          proportionSums(control.members, control.converters),
                          alpha,
                      ).absolute
                    : null,
                revenueUplift: ready ? compareMeans(revenue(test), revenue(control), alpha).absolute : null,
            },
        };
    });
}
