/*
 * The money table of the campaign report (reference §2.4): incremental
 * revenue, margin, cost, net profit and ROMI, with intervals. The campaign
 * cost is realised, not estimated, so every interval is a linear transform of
 * the interval of the revenue uplift per assigned test customer.
 */
import { normalCdf, studentTQuantile } from './distributions.js';
import type { UpliftResult } from './uplift.stats.js';
import { basisPointsToFraction } from '../../../kernel/units/shares.js';

/** A money amount (or count) with its interval; the bounds are null when the uplift has none. */
export interface Interval {
    /** The point value. */
    estimate: number;
    /** Lower bound of the two-sided (1 − α) interval. */
    ciLow: number | null;
    /** Upper bound of the two-sided (1 − α) interval. */
    ciHigh: number | null;
}

/** What the money table needs. All amounts share one unit (minor currency units). */
export interface CampaignMoneyInput {
    /** Revenue per assigned customer, test vs control (zeros included). */
    revenue: UpliftResult;
    /** Conversion, test vs control. */
    conversion: UpliftResult;
    /** Assigned test customers, n_T (the incremental figures scale with it). */
    testCount: number;
    /** Gross margin rate of the category in basis points (3000 = 30%), net of standard accrual. */
    marginBp: number;
    /** Cost of the offer bonuses issued to the test group (points × point value × redemption rate). */
    bonusCost: number;
    /** Cost of the messages sent (the control group is sent nothing). */
    messageCost: number;
    /** Significance level of the intervals; defaults to the one the revenue uplift was built with. */
    alpha?: number;
}

/** The money table. */
export interface CampaignMoney {
    /** Revenue of the test group in the window, μ_T·n_T. */
    testRevenue: number;
    /** What the test group would have bought without the offer, μ_C·n_T. */
    counterfactualRevenue: number;
    /** Extra converters caused by the offer, Δ(conversion)·n_T. */
    incrementalConverters: Interval;
    /** Extra revenue caused by the offer, Δ(revenue)·n_T. */
    incrementalRevenue: Interval;
    /** Gross margin on the extra revenue, g·incremental revenue. */
    incrementalMargin: Interval;
    /** Cost of the offer bonuses. */
    bonusCost: number;
    /** Cost of the messages. */
    messageCost: number;
    /** Bonus cost + message cost. */
    campaignCost: number;
    /** Incremental margin − campaign cost. */
    netProfit: Interval;
    /** (incremental margin − cost)/cost; null when the campaign cost nothing. */
    romi: Interval | null;
    /** Φ(net profit / (g·n_T·SE)): normal approximation; null when the SE is 0 or unknown, or g = 0. */
    probabilityOfProfit: number | null;
    /** Revenue uplift per test customer at which the campaign breaks even, K/(g·n_T); null when g·n_T = 0. */
    breakEvenUplift: number | null;
    /** Campaign cost per incremental converter (iCPA); null when the conversion uplift is not positive. */
    costPerIncrementalConverter: number | null;
    /** Incremental revenue / campaign cost (a revenue ratio, never shown as ROMI); null when the cost is 0. */
    iroas: number | null;
}

/**
 * Builds the money table from the revenue and conversion uplifts and the
 * realised costs. Amounts are floats; round them when presenting.
 */
export function campaignMoney(input: CampaignMoneyInput): CampaignMoney {
    const { revenue, conversion, testCount, marginBp, bonusCost, messageCost } = input;
    const alpha = input.alpha ?? revenue.alpha;
    if (!Number.isInteger(testCount) || testCount < 0)
        throw new RangeError(`testCount must be a non-negative integer, got ${testCount}`);
    if (!Number.isFinite(marginBp)) throw new RangeError(`marginBp must be a number, got ${marginBp}`);
    if (!(bonusCost >= 0 && messageCost >= 0 && Number.isFinite(bonusCost + messageCost)))
        throw new RangeError(`costs must be non-negative numbers, got ${bonusCost} and ${messageCost}`);
    if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${alpha}`);
    const g = basisPointsToFraction(marginBp);
    const cost = bonusCost + messageCost;

    const revenuePerCustomer = upliftInterval(revenue, alpha);
    const incrementalRevenue = scale(revenuePerCustomer, testCount, 0);
    const incrementalMargin = scale(revenuePerCustomer, g * testCount, 0);
    const netProfit = scale(revenuePerCustomer, g * testCount, -cost);
    const romi = cost === 0 ? null : scale(revenuePerCustomer, (g * testCount) / cost, -1);

    const se = revenue.absolute.standardError;
    const profitScale = Math.abs(g) * testCount * (se ?? 0);
    const probabilityOfProfit = profitScale > 0 ? normalCdf(netProfit.estimate / profitScale) : null;

    const incrementalConverters = scale(upliftInterval(conversion, alpha), testCount, 0);
    return {
        testRevenue: revenue.test.mean * testCount,
        counterfactualRevenue: revenue.control.mean * testCount,
        incrementalConverters,
        incrementalRevenue,
        incrementalMargin,
        bonusCost,
        messageCost,
        campaignCost: cost,
        netProfit,
        romi,
        probabilityOfProfit,
        breakEvenUplift: g * testCount > 0 ? cost / (g * testCount) : null,
        costPerIncrementalConverter:
            incrementalConverters.estimate > 0 ? cost / incrementalConverters.estimate : null,
        iroas: cost === 0 ? null : incrementalRevenue.estimate / cost,
    };
}

/** The absolute uplift per customer with its interval at `alpha`, rebuilt from SE and df. */
function upliftInterval(result: UpliftResult, alpha: number): Interval {
    const { estimate, standardError: se } = result.absolute;
    if (se === null || se === 0 || result.df === null) return { estimate, ciLow: null, ciHigh: null };
    const half = studentTQuantile(1 - alpha / 2, result.df) * se;
    return { estimate, ciLow: estimate - half, ciHigh: estimate + half };
}

/** a·x + b applied to a value and its bounds, keeping low ≤ high when a is negative (a negative margin). */
function scale(x: Interval, a: number, b: number): Interval {
    const estimate = a * x.estimate + b;
    if (x.ciLow === null || x.ciHigh === null) return { estimate, ciLow: null, ciHigh: null };
    const low = a * x.ciLow + b;
    const high = a * x.ciHigh + b;
    return { estimate, ciLow: Math.min(low, high), ciHigh: Math.max(low, high) };
}
