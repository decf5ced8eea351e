import { stringify } from 'csv-stringify/sync';
import type { Interval } from '../stats/money.stats.js';
import type { SeriesGroup } from '../stats/series.stats.js';
import type { Estimate, UpliftResult } from '../stats/uplift.stats.js';
import type { ReportMoney } from '../services/campaign-report.money.js';
import type { CampaignReport } from '../services/campaign-report.service.js';
import { UNIT } from '../services/campaign-report.units.js';

type Cell = string | number | null;

/** The CSV's columns: `unit` names the unit of `value`, `ci_low` and `ci_high`. */
export const REPORT_CSV_HEADER = [
    'section',
    'metric',
    'label',
    'value',
    'unit',
    'ci_low',
    'ci_high',
    'p_value',
];

const num = (v: number | null | undefined): Cell =>
    v === null || v === undefined ? null : Number(v.toPrecision(8));

/** Rows of one report, built section by section. */
class Rows {
    readonly rows: Cell[][] = [REPORT_CSV_HEADER];

    /** A figure with its unit (and optionally its interval and p-value). */
    value(
        section: string,
        metric: string,
        label: string | null,
        value: number | null | undefined,
        unit: string,
        ci?: { ciLow: number | null; ciHigh: number | null } | null,
        pValue?: number | null,
    ): void {
        this.rows.push([
            section,
            metric,
            label,
            num(value),
            unit,
            num(ci?.ciLow),
            num(ci?.ciHigh),
            num(pValue),
        ]);
    }

    /** A text (a code, a date, a warning): no unit. */
    text(section: string, metric: string, label: string | null): void {
        this.rows.push([section, metric, label, null, null, null, null, null]);
    }

    estimate(section: string, metric: string, e: Estimate | null | undefined, unit: string): void {
        if (e) this.value(section, metric, 'estimate', e.estimate, unit, e, e.pValue);
    }

    uplift(section: string, metric: string, r: UpliftResult | null, mean: string, absolute: string): void {
        if (!r) return this.text(section, metric, 'not measurable yet');
        this.value(section, metric, 'control mean', r.control.mean, mean);
        this.value(section, metric, 'test mean', r.test.mean, mean);
        this.estimate(section, `${metric} absolute uplift`, r.absolute, absolute);
        this.estimate(section, `${metric} relative uplift`, r.relative, UNIT.ratio);
    }

    interval(section: string, metric: string, i: Interval | null, unit: string): void {
        if (i) this.value(section, metric, null, i.estimate, unit, i);
    }

    group(section: string, day: string, label: string, g: SeriesGroup): void {
        this.value(section, day, `${label} assigned`, g.assigned, UNIT.customers);
        this.value(section, day, `${label} converters`, g.converters, UNIT.customers);
        this.value(section, day, `${label} conversion`, g.conversion, UNIT.fraction);
        this.value(section, day, `${label} revenue`, g.revenue, UNIT.money);
    }

    money(section: string, m: ReportMoney | null): void {
        if (!m) return this.text(section, 'money', 'not measurable yet');
        this.value(section, 'members', `test (${m.basis})`, m.members.test, UNIT.customers);
        this.value(section, 'members', `control (${m.basis})`, m.members.control, UNIT.customers);
        this.value(section, 'margin used', `from the ${m.margin.source}`, m.margin.rate, UNIT.fraction);
        this.value(section, 'test revenue', null, m.testRevenue, UNIT.money);
        this.value(section, 'counterfactual revenue', null, m.counterfactualRevenue, UNIT.money);
        this.interval(section, 'incremental converters', m.incrementalConverters, UNIT.converters);
        this.interval(section, 'incremental revenue', m.incrementalRevenue, UNIT.money);
        this.interval(section, 'incremental margin', m.incrementalMargin, UNIT.money);
        this.value(section, 'offer bonuses', 'issued', m.offerBonusesIssued, UNIT.bonuses);
        this.value(section, 'offer bonuses', 'reversed by returns', m.offerBonusesReversed, UNIT.bonuses);
        this.value(section, 'offer bonuses', 'kept', m.offerBonusesKept, UNIT.bonuses);
        this.value(section, 'redemption rate', null, m.redemptionRate, UNIT.fraction);
        this.value(section, 'bonus cost', 'kept × redemption rate', m.bonusCost, UNIT.money);
        this.value(section, 'message cost', null, m.messageCost, UNIT.money);
        this.value(section, 'campaign cost', null, m.campaignCost, UNIT.money);
        this.interval(section, 'net incremental profit', m.netProfit, UNIT.money);
        this.interval(section, 'ROMI', m.romi, UNIT.roiRatio);
        this.value(section, 'iROAS', 'incremental revenue / cost', m.iroas, UNIT.revenueRatio);
        this.value(section, 'probability of profit', null, m.probabilityOfProfit, UNIT.probability);
        this.value(section, 'break-even uplift', null, m.breakEvenUplift, UNIT.moneyPerTestCustomer);
        this.value(
            section,
            'cost per incremental converter',
            null,
            m.costPerIncrementalConverter,
            UNIT.moneyPerConverter,
        );
    }
}

/**
 * The campaign report as CSV for spreadsheets: one row per figure, columns
 * section, metric, label, value, unit, ci_low, ci_high, p_value (the unit
 * applies to the value and its interval). It carries the design (window,
 * offer, control share, dates, margin), health, samples with exclusions,
 * the per-day series, the effects, the money (final and provisional) and
 * the messaging figures.
 */
export function campaignReportCsv(r: CampaignReport): string {
    const out = new Rows();
    const d = r.design;
    out.text('campaign', 'code', r.campaign.code);
    out.text('campaign', 'status', r.campaign.status);
    out.value('design', 'control share', null, d.controlSharePct, UNIT.percent);
    out.value('design', 'window', 'offer validity', d.window.offerValidDays, UNIT.days);
    out.value('design', 'window', 'settlement lag', d.window.settlementLagDays, UNIT.days);
    out.value('design', 'window', 'total', d.window.days, UNIT.days);
    out.text('design', 'offer kind', d.offer.kind);
    if (d.offer.multiplier !== null)
        out.value('design', 'offer', 'multiplier', d.offer.multiplier, UNIT.multiplier);
    if (d.offer.giftAmount !== null) out.value('design', 'offer', 'gift', d.offer.giftAmount, UNIT.bonuses);
    if (d.offer.minAmount !== null)
        out.value('design', 'offer', 'minimum amount', d.offer.minAmount, UNIT.money);
    out.value('design', 'offer', 'bonus lifetime', d.offer.bonusLifetimeDays, UNIT.days);
    for (const [name, date] of Object.entries(d.dates)) out.text('design', name, date);
    out.value('design', 'margin used', `from the ${d.margin.source}`, d.margin.rate, UNIT.fraction);
    out.value('design', 'redemption', null, d.redemptionPct, UNIT.percent);

    const srm = r.health.srm;
    out.text('health', 'srm', srm.flagged ? 'FLAGGED' : 'ok');
    out.value('health', 'srm chi-squared', null, srm.chiSquared, UNIT.chiSquared, null, srm.pValue);
    out.value('health', 'srm observed control share', null, srm.observedControlShare, UNIT.fraction);
    out.value('health', 'maturity', null, r.health.maturity, UNIT.fraction);
    out.value('health', 'contaminated controls', null, r.health.contaminatedControls, UNIT.customers);
    for (const w of r.health.warnings) out.text('health', 'warning', w);

    const s = r.sample;
    out.value('sample', 'test', 'assigned', s.test, UNIT.customers);
    out.value('sample', 'control', 'assigned', s.control, UNIT.customers);
    out.value('sample', 'test', 'mature', s.matureTest, UNIT.customers);
    out.value('sample', 'control', 'mature', s.matureControl, UNIT.customers);
    for (const [reason, n] of Object.entries(s.excluded))
        out.value('sample', 'excluded', reason, n, UNIT.customers);
    out.value('sample', 'excluded', 'any reason', s.excludedCustomers, UNIT.customers);
    out.value('sample', 'excluded', 'assigned later', s.excludedLaterAssigned, UNIT.customers);
    for (const [reason, n] of Object.entries(s.excludedCustomerDays))
        out.value('sample', 'excluded customer-days', reason, n, UNIT.customerDays);
    for (const day of s.days) {
        out.value('day', day.day, 'test', day.test, UNIT.customers);
        out.value('day', day.day, 'control', day.control, UNIT.customers);
        out.value(
            'day',
            day.day,
            'srm chi-squared',
            day.srm.chiSquared,
            UNIT.chiSquared,
            null,
            day.srm.pValue,
        );
    }
    for (const p of r.series) {
        out.group('series', p.day, 'test', p.test);
        out.group('series', p.day, 'control', p.control);
        out.group('series', p.day, 'cumulative test', p.cumulative.test);
        out.group('series', p.day, 'cumulative control', p.cumulative.control);
        const c = p.cumulative.conversionUplift;
        if (c)
            out.value(
                'series',
                p.day,
                'cumulative conversion uplift',
                c.estimate,
                UNIT.rateDifference,
                c,
                c.pValue,
            );
        const v = p.cumulative.revenueUplift;
        if (v)
            out.value(
                'series',
                p.day,
                'cumulative revenue uplift',
                v.estimate,
                UNIT.moneyPerCustomer,
                v,
                v.pValue,
            );
    }

    out.uplift('results', 'conversion', r.results.conversion, UNIT.fraction, UNIT.rateDifference);
    out.uplift(
        'results',
        'revenue per customer',
        r.results.revenuePerCustomer,
        UNIT.moneyPerCustomer,
        UNIT.moneyPerCustomer,
    );
    out.uplift('provisional', 'conversion', r.provisional.conversion, UNIT.fraction, UNIT.rateDifference);
    out.uplift(
        'provisional',
        'revenue per customer',
        r.provisional.revenuePerCustomer,
        UNIT.moneyPerCustomer,
        UNIT.moneyPerCustomer,
    );
    out.money('money', r.money);
    out.money('provisional money', r.provisionalMoney);

    const m = r.messaging;
    out.value('messaging', 'awaiting approval', 'recipients', m.awaitingApproval.recipients, UNIT.customers);
    for (const run of m.awaitingApproval.runs)
        out.value(
            'messaging',
            'awaiting approval',
            `${run.day} (${run.status})`,
            run.recipients,
            UNIT.customers,
        );
    for (const c of [...m.channels, { channel: 'all channels', ...m.total }]) {
        for (const status of [
            'claimed',
            'sending',
            'sent',
            'delivered',
            'failed',
            'held',
            'dropped',
        ] as const)
            out.value('messaging', c.channel, status, c[status], UNIT.messages);
        out.value('messaging', c.channel, 'segments', c.segments, UNIT.segments);
        out.value('messaging', c.channel, 'cost', c.cost, UNIT.money);
    }
    return stringify(out.rows);
}
