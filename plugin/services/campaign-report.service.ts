import type { Database } from '../db/database.js';
import { proportionSums, type GroupSums } from '../domain/campaign-stats/group-sums.js';
import { campaignMoney, type CampaignMoney } from '../domain/campaign-stats/money.stats.js';
import { srmCheck, type SrmResult } from '../domain/campaign-stats/srm.stats.js';
import {
    compareMeans,
    compareProportions,
    type UpliftResult,
} from '../domain/campaign-stats/uplift.stats.js';
import type { Campaign } from '../entities/campaign.entity.js';
import type { GroupDayOutcome } from '../repositories/campaign-member.repository.js';
import { campaignView, type CampaignView } from './campaign-design.js';
import type { CampaignService } from './campaign.service.js';
import type { CatalogService } from './catalog.service.js';
import type { Clock } from './clock.js';
import type { Repositories } from './repositories.js';

/** Per-group sums for one metric set. */
interface GroupTotals {
    members: number;
    mature: number;
    conversion: GroupSums;
    revenue: GroupSums;
}

/** The measured effect on both metrics (null while a group is empty). */
export interface CampaignEffects {
    /** Customers the figures rest on, per group. */
    n: { test: number; control: number };
    conversion: UpliftResult | null;
    revenuePerCustomer: UpliftResult | null;
}

/** Sample sizes and health of one assignment day. */
export interface CampaignDay {
    day: string;
    test: number;
    control: number;
    srm: SrmResult;
    candidates: number;
    exclusions: Record<string, number>;
}

/** The whole campaign report (JSON through the admin API; CSV from the same object). */
export interface CampaignReport {
    generatedAt: string;
    campaign: CampaignView;
    health: {
        srm: SrmResult;
        srmFlaggedDays: string[];
        /** Share of members whose window (validity + settlement lag) has closed. */
        maturity: number;
        contaminatedControls: number;
        warnings: string[];
    };
    sample: {
        test: number;
        control: number;
        matureTest: number;
        matureControl: number;
        excluded: Record<string, number>;
        days: CampaignDay[];
    };
    /** Final figures: mature members only. */
    results: CampaignEffects;
    /** Every member, windows still open included: label as provisional. */
    provisional: CampaignEffects;
    money:
        (CampaignMoney & { offerBonusesIssued: number; redemptionRate: number; marginRate: number }) | null;
}

/**
 * Builds a campaign's effect report from its members' outcomes: sample
 * ratio mismatch overall and per day, maturity, conversion and revenue per
 * assigned customer with Welch/delta-method intervals, and the money table
 * (bonus cost of all test buyers, message cost, net incremental profit,
 * ROMI). Intention to treat: every assigned customer counts, zeros included.
 */
export class CampaignReportService {
    constructor(
        private readonly db: Database,
        private readonly repos: Repositories,
        private readonly campaigns: CampaignService,
        private readonly catalog: CatalogService,
        private readonly clock: Clock,
    ) {}

    /** The report of one campaign as of now. */
    async report(campaignId: number): Promise<CampaignReport> {
        const campaign = await this.campaigns.find(campaignId);
        const now = this.clock();
        const category = (await this.catalog.categories()).find((c) => c.id === campaign.categoryId);
        const [outcomes, runs, offerBonuses, contaminated, messageCost] = await Promise.all([
            this.repos.members.outcomes(this.db, campaign.id, campaign.categoryId, now),
            this.repos.runs.list(this.db, campaign.id),
            this.repos.members.offerBonuses(this.db, campaign.id),
            this.repos.members.contaminatedControls(this.db, campaign.id, campaign.categoryId),
            this.repos.messages.costForCampaign(this.db, campaign.id),
        ]);
        const q = campaign.controlShareBp / 10_000;
        const test = totals(outcomes.filter((o) => o.group === 'test'));
        const control = totals(outcomes.filter((o) => o.group === 'control'));
        const days = this.days(outcomes, runs, q);
        const excluded: Record<string, number> = {};
        for (const d of days)
            for (const [k, v] of Object.entries(d.exclusions)) excluded[k] = (excluded[k] ?? 0) + v;

        const results = effects(test.mature, control.mature, test.final, control.final);
        const provisional = effects(test.members, control.members, test.all, control.all);
        const warnings: string[] = [];
        const srm = srmCheck({ test: test.members, control: control.members }, q);
        if (srm.flagged)
            warnings.push(
                `Sample ratio mismatch (p = ${srm.pValue?.toExponential(2)}): the effects are not trustworthy until the cause is found`,
            );
        if (campaign.controlShareBp === 0)
            warnings.push('No control group (overridden): the campaign effect cannot be measured');
        if (contaminated > 0)
            warnings.push(`${contaminated} control customers got an offer of the category elsewhere`);
        const members = test.members + control.members;
        const maturity = members ? (test.mature + control.mature) / members : 0;
        if (maturity < 1 && members)
            warnings.push(
                `${Math.round((1 - maturity) * 100)}% of the cohort is still inside its window: results are partial`,
            );

        const marginBp = category?.marginBp ?? campaign.marginBp;
        const redemption = campaign.redemptionBp / 10_000;
        const money =
            results.conversion && results.revenuePerCustomer
                ? {
                      ...campaignMoney({
                          revenue: results.revenuePerCustomer,
                          conversion: results.conversion,
                          testCount: test.mature,
                          marginBp,
                          bonusCost: offerBonuses * redemption,
                          // What the campaign's messages cost, as the providers billed them (the control group gets none).
                          messageCost,
                      }),
                      offerBonusesIssued: offerBonuses,
                      redemptionRate: redemption,
                      marginRate: marginBp / 10_000,
                  }
                : null;
        return {
            generatedAt: now.toISOString(),
            campaign: campaignView(campaign, category?.code ?? null),
            health: {
                srm,
                srmFlaggedDays: days.filter((d) => d.srm.flagged).map((d) => d.day),
                maturity,
                contaminatedControls: contaminated,
                warnings,
            },
            sample: {
                test: test.members,
                control: control.members,
                matureTest: test.mature,
                matureControl: control.mature,
                excluded,
                days,
            },
            results,
            provisional,
            money,
        };
    }

    /** Measured absolute and relative conversion uplifts of other campaigns with mature results (for forecasts). */
    async pastUplifts(
        exceptId?: number,
    ): Promise<Array<{ campaign: string; absoluteUplift: number; relativeUplift: number | null }>> {
        const out = [];
        for (const c of await this.repos.campaigns.list(this.db, ['active', 'paused', 'finished'])) {
            if (c.id === exceptId) continue;
            const effect = await this.matureConversion(c);
            if (effect)
                out.push({
                    campaign: c.code,
                    absoluteUplift: effect.absolute.estimate,
                    relativeUplift: effect.relative?.estimate ?? null,
                });
        }
        return out;
    }

    private async matureConversion(c: Campaign): Promise<UpliftResult | null> {
        const outcomes = await this.repos.members.outcomes(this.db, c.id, c.categoryId, this.clock());
        const t = totals(outcomes.filter((o) => o.group === 'test'));
        const k = totals(outcomes.filter((o) => o.group === 'control'));
        return t.mature >= 2 && k.mature >= 2
            ? compareProportions(t.final.conversion, k.final.conversion)
            : null;
    }

    private days(
        outcomes: GroupDayOutcome[],
        runs: Awaited<ReturnType<Repositories['runs']['list']>>,
        q: number,
    ): CampaignDay[] {
        const byDay = new Map<string, CampaignDay>();
        const day = (d: string) => {
            let entry = byDay.get(d);
            if (!entry) {
                entry = {
                    day: d,
                    test: 0,
                    control: 0,
                    srm: srmCheck({ test: 0, control: 0 }, q),
                    candidates: 0,
                    exclusions: {},
                };
                byDay.set(d, entry);
            }
            return entry;
        };
        for (const o of outcomes) day(o.day)[o.group] += o.members;
        for (const r of runs) {
            const entry = day(r.day);
            entry.candidates += r.candidates;
            for (const [k, v] of Object.entries(JSON.parse(r.exclusions ?? '{}') as Record<string, number>))
                entry.exclusions[k] = (entry.exclusions[k] ?? 0) + v;
        }
        const list = [...byDay.values()].sort((a, b) => (a.day < b.day ? -1 : 1));
        for (const d of list) d.srm = srmCheck({ test: d.test, control: d.control }, q);
        return list;
    }
}

/** Sums of a group's day rows: members, mature members, and both metric sets. */
function totals(rows: GroupDayOutcome[]) {
    const sum = (f: (o: GroupDayOutcome) => number) => rows.reduce((a, o) => a + f(o), 0);
    const members = sum((o) => o.members);
    const mature = sum((o) => o.mature);
    const set = (
        n: number,
        conv: number,
        rev: number,
        sq: number,
    ): Omit<GroupTotals, 'members' | 'mature'> => ({
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

function effects(
    nTest: number,
    nControl: number,
    test: Omit<GroupTotals, 'members' | 'mature'>,
    control: Omit<GroupTotals, 'members' | 'mature'>,
): CampaignEffects {
    const ready = nTest > 0 && nControl > 0;
    return {
        n: { test: nTest, control: nControl },
        conversion: ready ? compareProportions(test.conversion, control.conversion) : null,
        revenuePerCustomer: ready ? compareMeans(test.revenue, control.revenue) : null,
    };
}
