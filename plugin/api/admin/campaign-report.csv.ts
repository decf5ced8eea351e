import { stringify } from 'csv-stringify/sync';
import type { Estimate, UpliftResult } from '../../domain/campaign-stats/uplift.stats.js';
import type { CampaignReport } from '../../services/campaign-report.service.js';

type Cell = string | number | null;

const num = (v: number | null | undefined): Cell =>
    v === null || v === undefined ? null : Number(v.toPrecision(8));

function estimateRows(section: string, metric: string, e: Estimate | null | undefined): Cell[][] {
    if (!e) return [];
    return [[section, metric, 'estimate', num(e.estimate), num(e.ciLow), num(e.ciHigh), num(e.pValue)]];
}

function upliftRows(section: string, metric: string, u: UpliftResult | null): Cell[][] {
    if (!u) return [[section, metric, 'not measurable yet', null, null, null, null]];
    return [
        [section, metric, 'control mean', num(u.control.mean), null, null, null],
        [section, metric, 'test mean', num(u.test.mean), null, null, null],
        ...estimateRows(section, `${metric} absolute uplift`, u.absolute),
        ...estimateRows(section, `${metric} relative uplift`, u.relative),
    ];
}

/**
 * The campaign report as CSV for spreadsheets: one row per figure with
 * columns section, metric, label, value, ci_low, ci_high, p_value. Money in
 * minor units, shares as fractions.
 */
export function campaignReportCsv(r: CampaignReport): string {
    const rows: Cell[][] = [['section', 'metric', 'label', 'value', 'ci_low', 'ci_high', 'p_value']];
    rows.push(['campaign', 'code', r.campaign.code, null, null, null, null]);
    rows.push(['campaign', 'status', r.campaign.status, null, null, null, null]);
    rows.push([
        'health',
        'srm',
        r.health.srm.flagged ? 'FLAGGED' : 'ok',
        num(r.health.srm.chiSquared),
        null,
        null,
        num(r.health.srm.pValue),
    ]);
    rows.push(['health', 'maturity', null, num(r.health.maturity), null, null, null]);
    rows.push(['health', 'contaminated controls', null, r.health.contaminatedControls, null, null, null]);
    for (const w of r.health.warnings) rows.push(['health', 'warning', w, null, null, null, null]);
    rows.push(['sample', 'test', 'assigned', r.sample.test, null, null, null]);
    rows.push(['sample', 'control', 'assigned', r.sample.control, null, null, null]);
    rows.push(['sample', 'test', 'mature', r.sample.matureTest, null, null, null]);
    rows.push(['sample', 'control', 'mature', r.sample.matureControl, null, null, null]);
    for (const [reason, n] of Object.entries(r.sample.excluded))
        rows.push(['sample', 'excluded', reason, n, null, null, null]);
    for (const d of r.sample.days) {
        rows.push(['day', d.day, 'test', d.test, null, null, null]);
        rows.push(['day', d.day, 'control', d.control, null, null, num(d.srm.pValue)]);
    }
    rows.push(...upliftRows('results', 'conversion', r.results.conversion));
    rows.push(...upliftRows('results', 'revenue per customer', r.results.revenuePerCustomer));
    rows.push(...upliftRows('provisional', 'conversion', r.provisional.conversion));
    rows.push(...upliftRows('provisional', 'revenue per customer', r.provisional.revenuePerCustomer));
    const m = r.money;
    if (m) {
        const interval = (
            metric: string,
            i: { estimate: number; ciLow: number | null; ciHigh: number | null } | null,
        ) => i && rows.push(['money', metric, null, num(i.estimate), num(i.ciLow), num(i.ciHigh), null]);
        const value = (metric: string, v: number | null) =>
            rows.push(['money', metric, null, num(v), null, null, null]);
        value('test revenue', m.testRevenue);
        value('counterfactual revenue', m.counterfactualRevenue);
        interval('incremental converters', m.incrementalConverters);
        interval('incremental revenue', m.incrementalRevenue);
        interval('incremental margin', m.incrementalMargin);
        value('bonus cost', m.bonusCost);
        value('message cost', m.messageCost);
        value('campaign cost', m.campaignCost);
        interval('net incremental profit', m.netProfit);
        interval('ROMI', m.romi);
        value('probability of profit', m.probabilityOfProfit);
        value('break-even uplift per test customer', m.breakEvenUplift);
        value('cost per incremental converter', m.costPerIncrementalConverter);
    }
    return stringify(rows);
}
