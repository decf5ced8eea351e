/*
 * The unit of every figure of the campaign report, by JSON path. `*` stands
 * for any one key or array index; the entry with the most literal segments
 * wins. The CSV takes its `unit` column from the same names.
 */

/** The units the report uses. */
export const UNIT = {
    money: 'minor currency units (integer cents/kopecks; 100 = 1.00)',
    moneyPerCustomer: 'minor currency units per assigned customer',
    moneyPerTestCustomer: 'minor currency units per assigned test customer',
    moneyPerConverter: 'minor currency units per incremental converter',
    moneySquared: 'squared minor currency units (per-customer variance)',
    bonuses: 'bonuses, in minor currency units (1 bonus = 1 minor unit)',
    fraction: 'fraction (0–1; 0.25 = 25%)',
    rateSquared: 'per-customer variance of a 0/1 outcome, p(1 − p)',
    rateDifference: 'difference of rates as a fraction (0.05 = +5 percentage points)',
    ratio: 'ratio (0.5 = +50%)',
    roiRatio: 'ratio (margin − cost)/cost (0.5 = +50% return)',
    revenueRatio: 'ratio incremental revenue / cost (a revenue ratio, not ROMI)',
    probability: 'probability (0–1)',
    chiSquared: 'Pearson χ² statistic, 1 degree of freedom',
    degreesOfFreedom: 'degrees of freedom (Welch–Satterthwaite)',
    customers: 'customers',
    customersPerDay: 'customers per day',
    customerDays: 'customer-days (a customer counts once per day excluded)',
    converters: 'customers (incremental converters)',
    days: 'days',
    minutes: 'minutes',
    hour: 'hour of the day, chain time (0–23)',
    percent: 'percent (28 = 28%)',
    percentagePoints: 'percentage points',
    multiplier: 'times the base accrual',
    receipts: 'receipts',
    receiptsPerMonth: 'receipts per month',
    messages: 'messages',
    segments: 'SMS segments',
    reminders: 'reminders (one per recipient and campaign)',
    id: 'identifier',
    version: 'version number',
} as const;

const u = UNIT;

/** Units of an uplift result (conversion or revenue) under `prefix`. */
function uplift(prefix: string, mean: string, variance: string, absolute: string): Record<string, string> {
    return {
        [`${prefix}.*.n`]: u.customers,
        [`${prefix}.*.mean`]: mean,
        [`${prefix}.*.variance`]: variance,
        [`${prefix}.absolute.*`]: absolute,
        [`${prefix}.absolute.pValue`]: u.probability,
        [`${prefix}.relative.*`]: u.ratio,
        [`${prefix}.relative.pValue`]: u.probability,
        [`${prefix}.df`]: u.degreesOfFreedom,
        [`${prefix}.alpha`]: u.probability,
    };
}

/** Units of an effects block (`results`, `provisional`). */
function effects(prefix: string): Record<string, string> {
    return {
        [`${prefix}.n.*`]: u.customers,
        ...uplift(`${prefix}.conversion`, u.fraction, u.rateSquared, u.rateDifference),
        ...uplift(`${prefix}.revenuePerCustomer`, u.moneyPerCustomer, u.moneySquared, u.moneyPerCustomer),
    };
}

/** Units of a money table (`money`, `provisionalMoney`). */
function money(prefix: string): Record<string, string> {
    return {
        [`${prefix}.members.*`]: u.customers,
        [`${prefix}.testRevenue`]: u.money,
        [`${prefix}.counterfactualRevenue`]: u.money,
        [`${prefix}.incrementalConverters.*`]: u.converters,
        [`${prefix}.incrementalRevenue.*`]: u.money,
        [`${prefix}.incrementalMargin.*`]: u.money,
        [`${prefix}.bonusCost`]: u.money,
        [`${prefix}.messageCost`]: u.money,
        [`${prefix}.campaignCost`]: u.money,
        [`${prefix}.netProfit.*`]: u.money,
        [`${prefix}.romi.*`]: u.roiRatio,
        [`${prefix}.probabilityOfProfit`]: u.probability,
        [`${prefix}.breakEvenUplift`]: u.moneyPerTestCustomer,
        [`${prefix}.costPerIncrementalConverter`]: u.moneyPerConverter,
        [`${prefix}.iroas`]: u.revenueRatio,
        [`${prefix}.offerBonusesIssued`]: u.bonuses,
        [`${prefix}.offerBonusesReversed`]: u.bonuses,
        [`${prefix}.offerBonusesKept`]: u.bonuses,
        [`${prefix}.redemptionRate`]: u.fraction,
        [`${prefix}.margin.rate`]: u.fraction,
    };
}

/** Units of an SRM check. */
function srm(prefix: string): Record<string, string> {
    return {
        [`${prefix}.total`]: u.customers,
        [`${prefix}.expectedControlShare`]: u.fraction,
        [`${prefix}.observedControlShare`]: u.fraction,
        [`${prefix}.chiSquared`]: u.chiSquared,
        [`${prefix}.pValue`]: u.probability,
    };
}

/** Units of one group in the series. */
function seriesGroup(prefix: string): Record<string, string> {
    return {
        [`${prefix}.assigned`]: u.customers,
        [`${prefix}.mature`]: u.customers,
        [`${prefix}.converters`]: u.customers,
        [`${prefix}.conversion`]: u.fraction,
        [`${prefix}.revenue`]: u.money,
        [`${prefix}.revenuePerCustomer`]: u.moneyPerCustomer,
    };
}

/** Units of the campaign's design fields (the `campaign` view). */
function campaignDesign(prefix: string): Record<string, string> {
    return {
        [`${prefix}.id`]: u.id,
        [`${prefix}.lapseKPct`]: 'percent of the customer’s median purchase interval',
        [`${prefix}.controlSharePct`]: u.percent,
        [`${prefix}.hash.version`]: u.version,
        [`${prefix}.offer.multiplier`]: u.multiplier,
        [`${prefix}.offer.giftAmount`]: u.bonuses,
        [`${prefix}.offer.minAmount`]: u.money,
        [`${prefix}.offer.validDays`]: u.days,
        [`${prefix}.offer.bonusLifetimeDays`]: u.days,
        [`${prefix}.settlementLagDays`]: u.days,
        [`${prefix}.cooldownDays`]: u.days,
        [`${prefix}.dailyCap`]: u.customersPerDay,
        [`${prefix}.budget.cap`]: u.money,
        [`${prefix}.cascade.steps.*.waitMinutes`]: u.minutes,
        [`${prefix}.filters.minAverageReceipt`]: u.money,
        [`${prefix}.filters.minRevenue12m`]: u.money,
        [`${prefix}.filters.minPurchaseCount`]: u.receipts,
        [`${prefix}.filters.minPurchasesPerMonth`]: u.receiptsPerMonth,
        [`${prefix}.filters.regular.activeDays`]: u.days,
        [`${prefix}.filters.regular.minPurchases`]: u.receipts,
        [`${prefix}.marginPct`]: u.percent,
        [`${prefix}.redemptionPct`]: u.percent,
        [`${prefix}.expected.conversionPct`]: u.percent,
        [`${prefix}.expected.upliftPct`]: u.percentagePoints,
        [`${prefix}.expected.dailySize`]: u.customersPerDay,
        [`${prefix}.runHour`]: u.hour,
    };
}

/** The `units` block of every report. */
export const REPORT_UNITS: Readonly<Record<string, string>> = Object.freeze({
    ...campaignDesign('campaign'),
    'design.controlSharePct': u.percent,
    'design.offer.multiplier': u.multiplier,
    'design.offer.giftAmount': u.bonuses,
    'design.offer.minAmount': u.money,
    'design.offer.validDays': u.days,
    'design.offer.bonusLifetimeDays': u.days,
    'design.window.*': u.days,
    'design.margin.rate': u.fraction,
    'design.redemptionPct': u.percent,
    ...srm('health.srm'),
    'health.maturity': u.fraction,
    'health.contaminatedControls': u.customers,
    'sample.test': u.customers,
    'sample.control': u.customers,
    'sample.matureTest': u.customers,
    'sample.matureControl': u.customers,
    'sample.excluded.*': u.customers,
    'sample.excludedCustomers': u.customers,
    'sample.excludedLaterAssigned': u.customers,
    'sample.excludedCustomerDays.*': u.customerDays,
    'sample.days.*.test': u.customers,
    'sample.days.*.control': u.customers,
    'sample.days.*.candidates': u.customers,
    'sample.days.*.exclusions.*': u.customers,
    ...srm('sample.days.*.srm'),
    ...seriesGroup('series.*.test'),
    ...seriesGroup('series.*.control'),
    ...seriesGroup('series.*.cumulative.test'),
    ...seriesGroup('series.*.cumulative.control'),
    'series.*.cumulative.conversionUplift.*': u.rateDifference,
    'series.*.cumulative.conversionUplift.pValue': u.probability,
    'series.*.cumulative.revenueUplift.*': u.moneyPerCustomer,
    'series.*.cumulative.revenueUplift.pValue': u.probability,
    ...effects('results'),
    ...effects('provisional'),
    ...money('money'),
    ...money('provisionalMoney'),
    'messaging.awaitingApproval.recipients': u.customers,
    'messaging.awaitingApproval.waiting': u.reminders,
    'messaging.awaitingApproval.runs.*.recipients': u.customers,
    'messaging.awaitingApproval.runs.*.waiting': u.reminders,
    'messaging.reminders.*': u.reminders,
    'messaging.channels.*.*': u.messages,
    'messaging.channels.*.segments': u.segments,
    'messaging.channels.*.cost': u.money,
    'messaging.total.*': u.messages,
    'messaging.total.segments': u.segments,
    'messaging.total.cost': u.money,
    'budget.cap': u.money,
    'budget.spent': u.money,
    'budget.remaining': u.money,
    'budget.usedShare': u.fraction,
});

/**
 * The unit of the figure at `path` (segments joined by dots, array indexes
 * as numbers), or null when the report names none.
 */
export function unitOf(path: string, units: Readonly<Record<string, string>> = REPORT_UNITS): string | null {
    const segments = path.split('.');
    let best: { unit: string; literals: number } | null = null;
    for (const [pattern, unit] of Object.entries(units)) {
        const parts = pattern.split('.');
        if (parts.length !== segments.length) continue;
        if (!parts.every((p, i) => p === '*' || p === segments[i])) continue;
        const literals = parts.filter((p) => p !== '*').length;
        if (!best || literals > best.literals) best = { unit, literals };
    }
    return best?.unit ?? null;
}

/** The `units` block of every plan (`GET /campaigns/:id/plan`), by JSON path as {@link REPORT_UNITS}. */
export const PLAN_UNITS: Readonly<Record<string, string>> = Object.freeze({
    'dryRun.*': u.customers,
    'dryRun.*.*': u.customers,
    'dryRun.campaignId': u.id,
    'dryRun.part': 'part number (0-based)',
    'dryRun.parts': 'parts',
    'plannedSize.total': u.customers,
    'plannedSize.days': u.days,
    'plannedSize.today': u.customers,
    'plannedSize.lapsesPerDay': u.customersPerDay,
    'plannedSize.eligibleShare': u.fraction,
    'history.lapses.days': u.days,
    'history.lapses.lapses': u.customers,
    'history.lapses.lapsesPerDay': u.customersPerDay,
    'history.revenue.windowDays': u.days,
    'history.revenue.customers': u.customers,
    'history.revenue.converters': u.customers,
    'history.revenue.conversion': u.fraction,
    'history.revenue.revenueMean': u.moneyPerCustomer,
    'history.revenue.revenueVariance': u.moneySquared,
    controlSharePct: u.percent,
    baselineConversionPct: u.percent,
    'mde.absolute': u.rateDifference,
    'mde.relative': u.ratio,
    'mde.absolutePp': u.percentagePoints,
    'revenueMde.absolute': u.moneyPerCustomer,
    'revenueMde.relative': u.ratio,
    'revenueMde.baselineMean': u.moneyPerCustomer,
    'revenueMde.standardDeviation': u.moneyPerCustomer,
    'sending.recipients': u.customers,
    'sending.messagesPerMinute': 'messages per minute',
    'forecast.count': 'past campaigns',
    'forecast.*.absoluteUplift': u.rateDifference,
    'forecast.*.relativeUplift': u.ratio,
    'forecast.incrementalConverters.*': u.converters,
});

/** Units of the editor's live estimate of an unsaved design: the plan's, the cascade and the bill. */
export const ESTIMATE_UNITS: Readonly<Record<string, string>> = Object.freeze({
    ...PLAN_UNITS,
    'dryRun.firstReachable.*': u.customers,
    'steps.*.waitMinutes': u.minutes,
    'steps.*.costPerMessage': u.money,
    'steps.*.segments': u.segments,
    testMembers: u.customers,
    bonusPerConverter: u.bonuses,
    'bill.messages.*.messages': u.messages,
    'bill.messages.*.costPerMessage': u.money,
    'bill.messages.*.cost': u.money,
    'bill.messageCost': u.money,
    'bill.converters.*': u.customers,
    'bill.bonusCost.*': u.bonuses,
    'bill.total.*': u.money,
});
