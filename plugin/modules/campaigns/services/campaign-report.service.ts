import type { Database } from '../../../kernel/db/database.js';
import { dailySeries, type SeriesPoint } from '../stats/series.stats.js';
import { srmCheck, type SrmResult } from '../stats/srm.stats.js';
import { compareProportions, type UpliftResult } from '../stats/uplift.stats.js';
import type { Campaign } from '../entities/campaign.entity.js';
import type {
    CampaignMessagingFigures,
    CampaignMessagingQuery,
} from '../repositories/campaign-messaging.query.js';
import type { GroupDayOutcome } from '../repositories/campaign-member.repository.js';
import type { CampaignReportQuery } from '../repositories/campaign-report.query.js';
import { campaignView, type CampaignView } from './campaign-design.js';
import { compareGroups, daySums, groupTotals, type CampaignEffects } from './campaign-report.effects.js';
import { marginUsed, reportMoney, type MarginUsed, type ReportMoney } from './campaign-report.money.js';
import { REPORT_UNITS } from './campaign-report.units.js';
import type { CampaignService } from './campaign.service.js';
import type { CatalogService } from '../../catalog/index.js';
import type { Clock } from '../../../kernel/clock.js';
import type { CampaignRepository } from '../repositories/campaign.repository.js';
import type { CampaignExclusionRepository } from '../repositories/campaign-exclusion.repository.js';
import type { CampaignMemberRepository } from '../repositories/campaign-member.repository.js';
import type { CampaignRunRepository } from '../repositories/campaign-run.repository.js';
import { basisPointsToFraction } from '../../../kernel/units/shares.js';

export type { CampaignEffects } from './campaign-report.effects.js';

/** Sample sizes and health of one assignment day. */
export interface CampaignDay {
    day: string;
    test: number;
    control: number;
    srm: SrmResult;
    candidates: number;
    /** Customers the day's run excluded, per reason (each once a day). */
    exclusions: Record<string, number>;
}

/** The campaign's design as the report rests on it: window, offer, control share, dates, margin. */
export interface ReportDesign {
    controlSharePct: number;
    offer: CampaignView['offer'];
    /** Each member's window: offer validity + settlement lag, in days from their assignment. */
    window: { offerValidDays: number; settlementLagDays: number; days: number };
    dates: {
        startsAt: string | null;
        endsAt: string | null;
        launchedAt: string | null;
        finishedAt: string | null;
        firstAssignmentDay: string | null;
        lastAssignmentDay: string | null;
    };
    margin: MarginUsed;
    redemptionPct: number;
}

/** The whole campaign report (JSON through the admin API; CSV from the same object). */
export interface CampaignReport {
    generatedAt: string;
    /** The unit of every figure, by JSON path (`*` stands for any one key or index). */
    units: Record<string, string>;
    campaign: CampaignView;
    design: ReportDesign;
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
        /** Distinct customers excluded at least once, per reason. */
        excluded: Record<string, number>;
        /** Distinct customers excluded at least once, for any reason. */
        excludedCustomers: number;
        /** Of them, customers assigned on a later day. */
        excludedLaterAssigned: number;
        /** Exclusions summed over the runs: a customer excluded on five days counts five times. */
        excludedCustomerDays: Record<string, number>;
        days: CampaignDay[];
    };
    /** Per assignment day and cumulated: every member so far, windows still open included. */
    series: SeriesPoint[];
    /** Final figures: mature members only. */
    results: CampaignEffects;
    /** Every member, windows still open included: label as provisional. */
    provisional: CampaignEffects;
    /** Money over the mature members (the same members as `results`). */
    money: ReportMoney | null;
    /** Money over every member (the same members as `provisional`): provisional. */
    provisionalMoney: ReportMoney | null;
    messaging: CampaignMessagingFigures;
    /** The budget cap, the spend against it, and when sending stopped at it. */
    budget: ReturnType<typeof budgetFigures>;
}

/** The report's own queries (cost side and messaging). */
export interface CampaignReportQueries {
    costs: CampaignReportQuery;
    messaging: CampaignMessagingQuery;
}

/** The repository methods CampaignReportService calls (the composition root passes its repository bag). */
export interface CampaignReportPorts {
    campaigns: Pick<CampaignRepository, 'list'>;
    exclusions: Pick<CampaignExclusionRepository, 'counts'>;
    members: Pick<CampaignMemberRepository, 'contaminatedControls' | 'outcomes'>;
    runs: Pick<CampaignRunRepository, 'list'>;
}

/**
 * Builds a campaign's effect report from its members' outcomes: sample
 * ratio mismatch overall and per day, maturity, distinct exclusions,
 * conversion and revenue per assigned customer with Welch/delta-method
 * intervals, the per-day series, messaging, and the money table with every
 * figure over the same members (bonus cost net of returns, message cost,
 * net incremental profit, ROMI). Intention to treat: every assigned customer
 * counts, zeros included.
 */
export class CampaignReportService {
    constructor(
        private readonly db: Database,
        private readonly repos: CampaignReportPorts,
        private readonly campaigns: CampaignService,
        private readonly catalog: CatalogService,
        private readonly clock: Clock,
        private readonly queries: CampaignReportQueries,
    ) {}

    /** The report of one campaign as of now. */
    async report(campaignId: number): Promise<CampaignReport> {
        const campaign = await this.campaigns.find(campaignId);
        const now = this.clock();
        const category = (await this.catalog.categories()).find((c) => c.id === campaign.categoryId);
        const [outcomes, runs, exclusions, contaminated, costs, messaging] = await Promise.all([
            this.repos.members.outcomes(this.db, campaign.id, campaign.categoryId, now),
            this.repos.runs.list(this.db, campaign.id),
            this.repos.exclusions.counts(this.db, campaign.id),
            this.repos.members.contaminatedControls(this.db, campaign.id, campaign.categoryId),
            this.queries.costs.memberCosts(this.db, campaign.id, now),
            this.queries.messaging.figures(this.db, campaign.id),
        ]);
        const q = basisPointsToFraction(campaign.controlShareBp);
        const test = groupTotals(outcomes.filter((o) => o.group === 'test'));
        const control = groupTotals(outcomes.filter((o) => o.group === 'control'));
        const days = this.days(outcomes, runs, q);
        const customerDays: Record<string, number> = {};
        for (const d of days)
            for (const [k, v] of Object.entries(d.exclusions)) customerDays[k] = (customerDays[k] ?? 0) + v;

        const results = compareGroups(test.final, control.final);
        const provisional = compareGroups(test.all, control.all);
        const srm = srmCheck({ test: test.members, control: control.members }, q);
        const members = test.members + control.members;
        const maturity = members ? (test.mature + control.mature) / members : 0;
        const margin = marginUsed(campaign, category);
        return {
            generatedAt: now.toISOString(),
            units: REPORT_UNITS,
            campaign: campaignView(campaign, category?.code ?? null),
            design: design(campaign, campaignView(campaign, null), margin, days),
            health: {
                srm,
                srmFlaggedDays: days.filter((d) => d.srm.flagged).map((d) => d.day),
                maturity,
                contaminatedControls: contaminated,
                warnings: warnings(campaign, srm, contaminated, members, maturity, messaging),
            },
            sample: {
                test: test.members,
                control: control.members,
                matureTest: test.mature,
                matureControl: control.mature,
                excluded: exclusions.byReason,
                excludedCustomers: exclusions.customers,
                excludedLaterAssigned: exclusions.laterAssigned,
                excludedCustomerDays: customerDays,
                days,
            },
            series: dailySeries(daySums(outcomes)),
            results,
            provisional,
            money: reportMoney('mature', results, costs.mature, campaign, margin),
            provisionalMoney: reportMoney('all', provisional, costs.all, campaign, margin),
            messaging,
            budget: budgetFigures(campaign, messaging),
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
        const t = groupTotals(outcomes.filter((o) => o.group === 'test'));
        const k = groupTotals(outcomes.filter((o) => o.group === 'control'));
        return t.mature >= 2 && k.mature >= 2
            ? compareProportions(t.final.conversion, k.final.conversion)
            : null;
    }

    private days(
        outcomes: GroupDayOutcome[],
        runs: Awaited<ReturnType<CampaignRunRepository['list']>>,
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

/** The design block: what every figure of the report rests on. */
function design(
    campaign: Campaign,
    view: CampaignView,
    margin: MarginUsed,
    days: CampaignDay[],
): ReportDesign {
    const assigned = days.filter((d) => d.test + d.control > 0);
    return {
        controlSharePct: view.controlSharePct,
        offer: view.offer,
        window: {
            offerValidDays: campaign.offerValidDays,
            settlementLagDays: campaign.settlementLagDays,
            days: campaign.offerValidDays + campaign.settlementLagDays,
        },
        dates: {
            startsAt: view.startsAt,
            endsAt: view.endsAt,
            launchedAt: view.launchedAt,
            finishedAt: view.finishedAt,
            firstAssignmentDay: assigned[0]?.day ?? null,
            lastAssignmentDay: assigned[assigned.length - 1]?.day ?? null,
        },
        margin,
        redemptionPct: view.redemptionPct,
    };
}

/** What a reader must see before the figures. */
/**
 * The campaign's budget: its cap and spend (its messages' cost, minor units;
 * the offers' bonus cost is not counted against the cap), the share used,
 * and when sending stopped at the cap, with the sentence the report shows.
 */
function budgetFigures(campaign: Campaign, messaging: CampaignMessagingFigures) {
    const cap = campaign.budgetCap ?? null;
    const spent = messaging.total.cost;
    const reachedAt = campaign.budgetReachedAt ?? null;
    const day = reachedAt ? `${reachedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC` : null;
    return {
        cap,
        spent,
        remaining: cap === null ? null : Math.max(0, cap - spent),
        usedShare: cap ? spent / cap : null,
        reachedAt: reachedAt?.toISOString() ?? null,
        note: day ? `sending stopped on ${day} at the cap` : null,
    };
}

function warnings(
    campaign: Campaign,
    srm: SrmResult,
    contaminated: number,
    members: number,
    maturity: number,
    messaging: CampaignMessagingFigures,
): string[] {
    const out: string[] = [];
    if (srm.flagged)
        out.push(
            `Sample ratio mismatch (p = ${srm.pValue?.toExponential(2)}): the effects are not trustworthy until the cause is found`,
        );
    if (campaign.controlShareBp === 0)
        out.push('No control group (overridden): the campaign effect cannot be measured');
    if (contaminated > 0)
        out.push(`${contaminated} control customers got an offer of the category elsewhere`);
    if (maturity < 1 && members)
        out.push(
            `${Math.round((1 - maturity) * 100)}% of the cohort is still inside its window: results are partial`,
        );
    if (campaign.budgetReachedAt)
        out.push(
            `Sending stopped on ${campaign.budgetReachedAt.toISOString()} at the budget cap (${campaign.budgetCap ?? 0} minor units; spent ${messaging.total.cost})`,
        );
    const waiting = messaging.awaitingApproval;
    if (waiting.runs.length)
        out.push(
            `Sends to ${waiting.recipients} recipients (runs ${waiting.runs.map((r) => r.day).join(', ')}) wait for approval`,
        );
    return out;
}
