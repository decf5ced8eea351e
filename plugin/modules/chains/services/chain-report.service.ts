import type { Clock } from '../../../kernel/clock.js';
import { basisPointsToFraction, percentToBasisPoints } from '../../../kernel/units/shares.js';
import {
    campaignMoney,
    compareMeans,
    compareProportions,
    proportionSums,
    srmCheck,
    type CampaignMoney,
    type SrmResult,
    type UpliftResult,
} from '../../campaigns/index.js';
import type { ChainRunGroup } from '../entities/chain-run.entity.js';
import type { ChainStep } from '../rules/chain-definition.js';
import { chainDesignOf } from '../repositories/chain.repository.js';
import type { ChainGroupSums, ChainReportQuery, EntryRange } from '../repositories/chain-report.query.js';
import type { ChainAdminService } from './chain-admin.service.js';
import { chainView, type ChainView } from './chain-admin.view.js';
import { CHAIN_REPORT_UNITS } from './chain-report.units.js';

/** One step of the funnel: test-group runs that executed it, and their share of the test entrants. */
export interface ChainFunnelStep {
    stepId: string;
    type: ChainStep['type'];
    passed: number;
    /** passed / test entrants; null before any entrant. */
    share: number | null;
}

/** The money table: what the chain cost and what it brought, against its holdout. */
export type ChainReportMoney = Omit<
    CampaignMoney,
    'incrementalMargin' | 'netProfit' | 'romi' | 'probabilityOfProfit' | 'breakEvenUplift'
> & {
    /** Gross margin rate used (0.28 = 28%); null when none was given, and so are the margin figures. */
    marginRate: number | null;
    incrementalMargin: CampaignMoney['incrementalMargin'] | null;
    netProfit: CampaignMoney['netProfit'] | null;
    romi: CampaignMoney['romi'];
    probabilityOfProfit: number | null;
    breakEvenUplift: number | null;
    /** Messages the chain sent in the range. */
    messages: number;
};

/** The chain's budget: its cap, what it spent (all time), and when sending stopped. */
export interface ChainBudgetState {
    cap: number | null;
    /** Grants plus messages, all time, minor units. */
    spent: number;
    reachedAt: string | null;
    /** In words: "sending stopped on … at cap …", or null while it sends. */
    note: string | null;
}

/** A chain's report (JSON through the admin API). */
export interface ChainReport {
    generatedAt: string;
    /** The unit of every figure, by JSON path (`*` stands for any one key or index). */
    units: Record<string, string>;
    chain: ChainView;
    /** The entry range the figures cover (null: open). */
    range: { from: string | null; to: string | null };
    sample: Record<ChainRunGroup, number>;
    health: { srm: SrmResult; warnings: string[] };
    funnel: ChainFunnelStep[];
    /** Test against holdout; a comparison is null while a group has nobody. */
    results: {
        /** Reached the chain's goal within its goal window (null: the chain has no goal). */
        goal: UpliftResult | null;
        /** Bought anything within the goal window. */
        conversion: UpliftResult | null;
        /** Revenue per entrant within the goal window, zeros included. */
        revenuePerCustomer: UpliftResult | null;
    };
    money: ChainReportMoney | null;
    budget: ChainBudgetState;
}

/** What the report is asked for: the entry range and, for ROMI, a gross margin in percent. */
export interface ChainReportAsk extends EntryRange {
    marginPct: number | null;
}

/** Compares two groups when both have someone. */
function compared(
    sums: Record<ChainRunGroup, ChainGroupSums>,
    pick: (g: ChainGroupSums) => { n: number; sum: number; sumSquares: number },
    test: typeof compareMeans,
): UpliftResult | null {
    if (sums.test.n === 0 || sums.holdout.n === 0) return null;
    return test(pick(sums.test), pick(sums.holdout));
}

/**
 * A chain's report over the runs entered in a range: entries per group and
 * the SRM check against its holdout share, the step funnel, goal and purchase
 * conversion and revenue per entrant (goal window, zeros included) against
 * the holdout with 95% intervals, the bonus cost of its grants and the cost
 * of its messages, incremental revenue, ROMI (given a margin), iROAS, and
 * the budget's state. The campaign report's statistics, reused.
 */
export class ChainReportService {
    constructor(
        private readonly admin: Pick<ChainAdminService, 'find'>,
        private readonly query: ChainReportQuery,
        private readonly clock: Clock,
    ) {}

    /** The report of one chain as of now. */
    async report(chainId: number, ask: ChainReportAsk): Promise<ChainReport> {
        const chain = await this.admin.find(chainId);
        const design = chainDesignOf(chain);
        const range = { from: ask.from, to: ask.to };
        const open = { from: null, to: null };
        const [sums, passes, grants, messages, allGrants, allMessages] = await Promise.all([
            this.query.groupSums(chain.id, design.goalWindowDays, range),
            this.query.stepPasses(chain.id, range),
            this.query.grantCost(chain.id, range),
            this.query.messageCost(chain.id, range),
            this.query.grantCost(chain.id, open),
            this.query.messageCost(chain.id, open),
        ]);
        const sample = { test: sums.test.n, holdout: sums.holdout.n };
        const srm = srmCheck(
            { test: sample.test, control: sample.holdout },
            basisPointsToFraction(chain.holdoutBp),
        );
        const proportion = (key: 'goals' | 'buyers') => (g: ChainGroupSums) => proportionSums(g.n, g[key]);
        const revenue = (g: ChainGroupSums) => ({ n: g.n, sum: g.revenue, sumSquares: g.revenueSquares });
        const results = {
            goal: design.goal ? compared(sums, proportion('goals'), compareProportions) : null,
            conversion: compared(sums, proportion('buyers'), compareProportions),
            revenuePerCustomer: compared(sums, revenue, compareMeans),
        };
        const warnings: string[] = [];
        if (srm.flagged)
            warnings.push(
                'The split of entrants does not match the holdout share (SRM): do not trust the effects until the cause is found',
            );
        if (!results.revenuePerCustomer)
            warnings.push('A group has no entrants in this range: nothing to compare yet');
        const spent = allGrants + allMessages.cost;
        return {
            generatedAt: this.clock().toISOString(),
            units: CHAIN_REPORT_UNITS,
            chain: chainView(chain),
            range: { from: ask.from?.toISOString() ?? null, to: ask.to?.toISOString() ?? null },
            sample,
            health: { srm, warnings },
            funnel: design.steps.map((s) => {
                const passed = passes
                    .filter((p) => p.stepId === s.id && p.group === 'test')
                    .reduce((n, p) => n + p.runs, 0);
                return {
                    stepId: s.id,
                    type: s.type,
                    passed,
                    share: sample.test ? passed / sample.test : null,
                };
            }),
            results,
            money: chainMoney(results, sample.test, grants, messages, ask.marginPct),
            budget: {
                cap: chain.budgetCap,
                spent,
                reachedAt: chain.budgetReachedAt?.toISOString() ?? null,
                note: chain.budgetReachedAt
                    ? `sending stopped on ${chain.budgetReachedAt.toISOString().slice(0, 10)} at cap ${chain.budgetCap ?? '—'}`
                    : null,
            },
        };
    }
}

/** The money table; the margin figures only with a margin. */
function chainMoney(
    results: ChainReport['results'],
    testCount: number,
    bonusCost: number,
    messages: { messages: number; cost: number },
    marginPct: number | null,
): ChainReportMoney | null {
    if (!results.revenuePerCustomer || !results.conversion) return null;
    const money = campaignMoney({
        revenue: results.revenuePerCustomer,
        conversion: results.conversion,
        testCount,
        marginBp: marginPct === null ? 0 : percentToBasisPoints(marginPct),
        bonusCost,
        messageCost: messages.cost,
    });
    const known = marginPct !== null;
    return {
        ...money,
        marginRate: known ? marginPct / 100 : null,
        incrementalMargin: known ? money.incrementalMargin : null,
        netProfit: known ? money.netProfit : null,
        romi: known ? money.romi : null,
        probabilityOfProfit: known ? money.probabilityOfProfit : null,
        breakEvenUplift: known ? money.breakEvenUplift : null,
        messages: messages.messages,
    };
}
