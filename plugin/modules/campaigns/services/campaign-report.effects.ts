import { proportionSums, type GroupSums } from '../stats/group-sums.js';
import type { DaySums } from '../stats/series.stats.js';
import { compareMeans, compareProportions, type UpliftResult } from '../stats/uplift.stats.js';
import type { GroupDayOutcome } from '../repositories/campaign-member.repository.js';

/** The measured effect on both metrics (null while a group is empty). */
export interface CampaignEffects {
    /** Customers the figures rest on, per group. */
    n: { test: number; control: number };
    conversion: UpliftResult | null;
    revenuePerCustomer: UpliftResult | null;
}

/** One metric set of a group: conversion and revenue sums. */
interface MetricSums {
    conversion: GroupSums;
    revenue: GroupSums;
}

/** A group's members, mature members, and its sums over mature members (`final`) and all (`all`). */
export interface GroupTotals {
    members: number;
    mature: number;
    final: MetricSums;
    all: MetricSums;
}

/** Sums of a group's day rows: members, mature members, and both metric sets. */
export function groupTotals(rows: readonly GroupDayOutcome[]): GroupTotals {
    const sum = (f: (o: GroupDayOutcome) => number) => rows.reduce((a, o) => a + f(o), 0);
    const members = sum((o) => o.members);
    const mature = sum((o) => o.mature);
    const set = (n: number, conv: number, rev: number, sq: number): MetricSums => ({
        conversion: proportionSums(n, conv),
        revenue: { n, sum: rev, sumSquares: sq },
    });
    return {
        members,
        mature,
        final: set(
            mature,
            sum((o) => o.conversions),
            sum((o) => o.revenue),
            sum((o) => o.revenueSquares),
        ),
        all: set(
            members,
            sum((o) => o.allConversions),
            sum((o) => o.allRevenue),
            sum((o) => o.allRevenueSquares),
        ),
    };
}

/** Test versus control on conversion and revenue per customer, when both groups have someone. */
export function compareGroups(test: MetricSums, control: MetricSums): CampaignEffects {
    const ready = test.conversion.n > 0 && control.conversion.n > 0;
    return {
        n: { test: test.conversion.n, control: control.conversion.n },
        conversion: ready ? compareProportions(test.conversion, control.conversion) : null,
        revenuePerCustomer: ready ? compareMeans(test.revenue, control.revenue) : null,
    };
}

/** The outcome rows as per-day sums of both groups over every member so far (the series' basis). */
export function daySums(rows: readonly GroupDayOutcome[]): DaySums[] {
    const byDay = new Map<string, DaySums>();
    const empty = () => ({ members: 0, mature: 0, converters: 0, revenue: 0, revenueSquares: 0 });
    for (const o of rows) {
        const d = byDay.get(o.day) ?? { day: o.day, test: empty(), control: empty() };
        const g = d[o.group];
        g.members += o.members;
        g.mature += o.mature;
        g.converters += o.allConversions;
        g.revenue += o.allRevenue;
        g.revenueSquares += o.allRevenueSquares;
        byDay.set(o.day, d);
    }
    return [...byDay.values()];
}
