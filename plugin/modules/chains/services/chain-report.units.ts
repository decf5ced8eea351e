/*
 * The unit of every figure of the chain report, by JSON path (`*` stands for
 * any one key or array index), in the campaign report's words.
 */

const money = 'minor currency units (integer cents/kopecks; 100 = 1.00)';
const perEntrant = 'minor currency units per entrant';
const fraction = 'fraction (0–1; 0.25 = 25%)';
const rateDifference = 'difference of rates as a fraction (0.05 = +5 percentage points)';
const probability = 'probability (0–1)';
const customers = 'customers';

/** Units of an uplift result under `prefix`. */
function uplift(prefix: string, mean: string, variance: string, absolute: string): Record<string, string> {
    return {
        [`${prefix}.*.n`]: customers,
        [`${prefix}.*.mean`]: mean,
        [`${prefix}.*.variance`]: variance,
        [`${prefix}.absolute.*`]: absolute,
        [`${prefix}.absolute.pValue`]: probability,
        [`${prefix}.relative.*`]: 'ratio (0.5 = +50%)',
        [`${prefix}.relative.pValue`]: probability,
        [`${prefix}.df`]: 'degrees of freedom (Welch–Satterthwaite)',
        [`${prefix}.alpha`]: probability,
    };
}

/** The units of the chain report, by JSON path. */
export const CHAIN_REPORT_UNITS: Record<string, string> = {
    'sample.*': customers,
    'health.srm.total': customers,
    'health.srm.expectedControlShare': fraction,
    'health.srm.observedControlShare': fraction,
    'health.srm.chiSquared': 'Pearson χ² statistic, 1 degree of freedom',
    'health.srm.pValue': probability,
    'funnel.*.passed': 'runs',
    'funnel.*.share': fraction,
    ...uplift('results.goal', fraction, 'per-customer variance of a 0/1 outcome, p(1 − p)', rateDifference),
    ...uplift(
        'results.conversion',
        fraction,
        'per-customer variance of a 0/1 outcome, p(1 − p)',
        rateDifference,
    ),
    ...uplift(
        'results.revenuePerCustomer',
        perEntrant,
        'squared minor currency units (per-customer variance)',
        perEntrant,
    ),
    'money.testRevenue': money,
    'money.counterfactualRevenue': money,
    'money.incrementalConverters.*': 'customers (incremental converters)',
    'money.incrementalRevenue.*': money,
    'money.incrementalMargin.*': money,
    'money.bonusCost': 'bonuses, in minor currency units (1 bonus = 1 minor unit)',
    'money.messageCost': money,
    'money.campaignCost': money,
    'money.netProfit.*': money,
    'money.romi.*': 'ratio (margin − cost)/cost (0.5 = +50% return)',
    'money.probabilityOfProfit': probability,
    'money.breakEvenUplift': perEntrant,
    'money.costPerIncrementalConverter': 'minor currency units per incremental converter',
    'money.iroas': 'ratio incremental revenue / cost (a revenue ratio, not ROMI)',
    'money.marginRate': fraction,
    'money.messages': 'messages',
    'budget.cap': money,
    'budget.spent': money,
};
