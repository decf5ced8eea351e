import { DateTime } from 'luxon';
import type { RefillConfig } from '../../../config/refill-options.js';
import type { Database } from '../../../kernel/db/database.js';
import type { EventBus } from '../../../kernel/events/event-bus.js';
import { assignGroup, hashBucket } from '../stats/assignment.rules.js';
import {
    exclusionReason,
    reachableIn,
    type EconomicFilters,
    type ExclusionReason,
} from '../rules/campaign-eligibility.rules.js';
import {
    type CatalogService,
    type Category,
    type CategoryRebuildRepository,
    categoryLapseRule,
    isSeasonalMonth,
    LAPSE_LOOKBACK_DAYS,
    type LapseRule,
    lapseScanWindow,
    lapseToday,
    lapseVerdict,
} from '../../catalog/index.js';
import type { CampaignMember } from '../entities/campaign-member.entity.js';
import type { Campaign } from '../entities/campaign.entity.js';
import { RefillError } from '../../../kernel/errors/refill-error.js';
import type { Candidate } from '../repositories/campaign-candidate.query.js';
import type { ExcludedCustomer } from '../repositories/campaign-exclusion.repository.js';
import type { NewOffer } from '../repositories/offer.repository.js';
import type { CustomerRepository } from '../../customers/index.js';
import type { CampaignCandidateQuery } from '../repositories/campaign-candidate.query.js';
import type { CampaignExclusionRepository } from '../repositories/campaign-exclusion.repository.js';
import type { CampaignMemberRepository } from '../repositories/campaign-member.repository.js';
import type { CampaignRunRepository } from '../repositories/campaign-run.repository.js';
import type { CampaignRepository } from '../repositories/campaign.repository.js';
import type { OfferRepository } from '../repositories/offer.repository.js';
import { addDays, type Clock } from '../../../kernel/clock.js';
import { campaignFilters, campaignChannels } from './campaign-design.js';
import {
    GLOBAL_CONTROL_SETTING,
    inGlobalControl,
    parseGlobalControl,
} from '../rules/global-control.rules.js';
import type { SettingRepository } from '../../../kernel/db/setting.repository.js';

/** One customer-id range of a day's selection. */
export interface SelectionPart {
    part: number;
    parts: number;
    fromId: number;
    toId: number;
}

/** What one selection (a dry run, or one part of a day's run) found and did. */
export interface SelectionSummary {
    campaignId: number;
    day: string;
    part: number;
    parts: number;
    dryRun: boolean;
    /**
     * Set when nothing was selected: `seasonal` month, campaign `not_active`,
     * or `rebuilding` (the category's statistics are being rebuilt: the part
     * waits and runs again on the next `campaigns-daily` tick).
     */
    skipped: string | null;
    /** Candidates read (lapsed by the category's statistics, plus regular customers if the audience has them). */
    candidates: number;
    /** Candidates the lapse rule judged lapsed today (before eligibility); the category's `lapsedBuyers` counts the same. */
    lapsed: number;
    /** Eligible newcomers (dry run: who would be assigned today, before the daily cap). */
    eligible: number;
    assigned: { test: number; control: number };
    alreadyMembers: number;
    exclusions: Partial<Record<ExclusionReason, number>>;
    /** Eligible newcomers reachable in each of the campaign's channels. */
    reachable: Record<string, number>;
    /** When asked with a cascade order: eligible newcomers by the first channel of it that reaches them. */
    firstReachable?: Record<string, number>;
    /** When asked for a sample: the first eligible newcomers' customer ids (internal: never in an API answer). */
    sampleCustomerIds?: number[];
    /** While the category's lines and statistics are being rebuilt: how far it got (the figures are partial). */
    rebuilding?: { state: string; phase: string; done: number; total: number };
    /** What the figures cannot be trusted for, in words. */
    warnings?: string[];
}

/** What a dry run of a campaign as given may be asked for besides its counts. */
export interface DryRunAsk {
    /** Channels in cascade order: count each eligible newcomer at the first that reaches them. */
    cascadeOrder?: readonly string[];
    /** Keep the ids of this many eligible newcomers (a preview picks a real customer from them). */
    sample?: number;
}

const YEAR_DAYS = LAPSE_LOOKBACK_DAYS;

/** The repository methods CampaignSelectionService calls (the composition root passes its repository bag). */
export interface CampaignSelectionPorts {
    campaigns: Pick<CampaignRepository, 'find'>;
    candidates: Pick<CampaignCandidateQuery, 'customerIdRange' | 'lapsed' | 'regular' | 'revenueSince'>;
    customers: Pick<CustomerRepository, 'extendOffersUntil' | 'lockIds'>;
    exclusions: Pick<CampaignExclusionRepository, 'record'>;
    members: Pick<CampaignMemberRepository, 'countForDayInRange' | 'insertMany'>;
    offers: Pick<OfferRepository, 'insertMany'>;
    rebuilds: Pick<CategoryRebuildRepository, 'find'>;
    runs: Pick<CampaignRunRepository, 'save'>;
    /** Where the program's global control group is stored. */
    settings: Pick<SettingRepository, 'get'>;
}

/**
 * The daily selection of a campaign: reads lapsed (and, if asked, regular)
 * candidates page by page, applies the lapse rule and eligibility, assigns
 * each newcomer once by the campaign's salted hash, and in the same
 * transaction per page writes the members of both groups and the test
 * group's offers, publishing `MemberAssigned` in that transaction (messaging
 * plans the test group's reminders there). Work splits into customer-id
 * ranges that run as separate jobs; every part is safe to re-run.
 */
export class CampaignSelectionService {
    constructor(
        private readonly db: Database,
        private readonly repos: CampaignSelectionPorts,
        private readonly catalog: CatalogService,
        private readonly config: RefillConfig,
        private readonly clock: Clock,
        private readonly events: EventBus,
    ) {}

    /** The chain-local date of a moment, `YYYY-MM-DD`. */
    localDay(at: Date): string {
        return DateTime.fromJSDate(at, { zone: this.config.timezone }).toISODate() as string;
    }

    /** Splits the customer base into ranges of `campaigns.partitionSize` ids. */
    async plan(): Promise<SelectionPart[]> {
        const range = await this.repos.candidates.customerIdRange();
        if (!range) return [{ part: 0, parts: 1, fromId: 0, toId: 0 }];
        const size = this.config.campaigns.partitionSize;
        const parts = Math.max(1, Math.ceil((range.max - range.min + 1) / size));
        return Array.from({ length: parts }, (_, i) => ({
            part: i,
            parts,
            fromId: i === 0 ? 0 : range.min + i * size,
            toId: i === parts - 1 ? Number.MAX_SAFE_INTEGER : range.min + (i + 1) * size - 1,
        }));
    }

    /** Today's segment without writing anything: its size, reach per channel, exclusions. */
    async dryRun(campaignId: number): Promise<SelectionSummary> {
        return this.dryRunOf(await this.campaign(campaignId));
    }

    /**
     * {@link dryRun} of a campaign as given (an unsaved design too). With
     * `cascadeOrder`, the summary's `firstReachable` counts each eligible
     * newcomer once, at the first of those channels that reaches them; with
     * `sample`, `sampleCustomerIds` holds the first that many eligible newcomers.
     */
    async dryRunOf(campaign: Campaign, ask: DryRunAsk = {}): Promise<SelectionSummary> {
        const whole = { part: 0, parts: 1, fromId: 0, toId: Number.MAX_SAFE_INTEGER };
        return this.select(campaign, this.localDay(this.clock()), whole, false, ask);
    }

    /** Runs one part of a day's selection and records it. Safe to re-run. */
    async runPart(campaignId: number, day: string, part: SelectionPart): Promise<SelectionSummary> {
        const campaign = await this.campaign(campaignId);
        const startedAt = this.clock();
        const runRow = (status: string, s?: SelectionSummary) => ({
            campaignId,
            day,
            part: part.part,
            parts: part.parts,
            status,
            candidates: s?.candidates ?? 0,
            assignedTest: s?.assigned.test ?? 0,
            assignedControl: s?.assigned.control ?? 0,
            alreadyMembers: s?.alreadyMembers ?? 0,
            exclusions: s ? JSON.stringify(s.exclusions) : null,
            startedAt,
            finishedAt: s ? this.clock() : null,
        });
        await this.repos.runs.save(this.db, runRow('running'));
        let summary: SelectionSummary;
        try {
            summary = await this.select(campaign, day, part, true);
        } catch (error) {
            // Recorded so the next scheduler tick runs the part again (members already written stay).
            await this.repos.runs.save(this.db, runRow('failed')).catch(() => undefined);
            throw error;
        }
        const status = summary.skipped === 'rebuilding' ? 'waiting' : summary.skipped ? 'skipped' : 'done';
        await this.repos.runs.save(this.db, runRow(status, summary));
        return summary;
    }

    private async campaign(id: number): Promise<Campaign> {
        const campaign = await this.repos.campaigns.find(this.db, id);
        if (!campaign) throw new RefillError('REFILL_NOT_FOUND', `No campaign ${id}`);
        return campaign;
    }

    private async select(
        campaign: Campaign,
        day: string,
        part: SelectionPart,
        write: boolean,
        ask: DryRunAsk = {},
    ): Promise<SelectionSummary> {
        const cascadeOrder = ask.cascadeOrder;
        const now = this.clock();
        const channels = campaignChannels(campaign);
        const summary: SelectionSummary = {
            campaignId: campaign.id,
            day,
            part: part.part,
            parts: part.parts,
            dryRun: !write,
            skipped: null,
            candidates: 0,
            lapsed: 0,
            eligible: 0,
            assigned: { test: 0, control: 0 },
            alreadyMembers: 0,
            exclusions: {},
            reachable: Object.fromEntries(channels.map((c) => [c, 0])),
            ...(cascadeOrder ? { firstReachable: Object.fromEntries(cascadeOrder.map((c) => [c, 0])) } : {}),
            ...(ask.sample ? { sampleCustomerIds: [] } : {}),
        };
        const category = (await this.catalog.categories()).find((c) => c.id === campaign.categoryId);
        if (!category) throw new RefillError('REFILL_NOT_FOUND', `No category ${campaign.categoryId}`);
        if (write && campaign.status !== 'active') return { ...summary, skipped: 'not_active' };
        if (isSeasonalMonth(category.seasonalMonths, Number(day.slice(5, 7))))
            return { ...summary, skipped: 'seasonal' };
        const rebuild = await this.repos.rebuilds.find(this.db, category.id);
        if (rebuild && (rebuild.state === 'queued' || rebuild.state === 'running')) {
            const done = rebuild.linesDone + rebuild.customersDone;
            summary.rebuilding = {
                state: rebuild.state,
                phase: rebuild.phase,
                done,
                total: Math.max(done, rebuild.linesTotal + rebuild.customersTotal),
            };
            summary.warnings = [
                `The category ${category.code} is being rebuilt from the stored history (${done} of ${summary.rebuilding.total} done): the figures are partial until it finishes`,
            ];
            // The day's selection waits for the rebuild rather than miss the buyers not rebuilt yet.
            if (write) return { ...summary, skipped: 'rebuilding' };
        }

        let room = write ? await this.capRoom(campaign, day, part) : Number.POSITIVE_INFINITY;
        const globalControl = parseGlobalControl(await this.repos.settings.get(GLOBAL_CONTROL_SETTING));
        for await (const page of this.candidatePages(campaign, category, part, now)) {
            summary.candidates += page.length;
            // Who was excluded and why, so the report can count customers besides customer-days.
            const excluded: ExcludedCustomer[] = [];
            const exclude = (customerId: number, reason: ExclusionReason) => {
                count(summary.exclusions, reason);
                excluded.push({ customerId, reason });
            };
            const lapse = this.lapseRule(campaign, category);
            const today = lapseToday(now, this.config.timezone);
            // Lapsed candidates past the rule, and regular ones as they come.
            const selected: Array<{ c: Candidate; days: number | null; median: number | null }> = [];
            for (const c of page) {
                if (c.segment === 'regular') {
                    selected.push({ c, days: null, median: null });
                    continue;
                }
                const verdict = lapseVerdict(c.recentDays, today, lapse);
                if (verdict.lapsed) {
                    summary.lapsed++;
                    selected.push({ c, days: verdict.daysSinceLast, median: verdict.medianIntervalDays });
                } else exclude(c.customerId, verdict.reason as ExclusionReason);
            }
            const filters: EconomicFilters = campaignFilters(campaign);
            const revenue =
                filters.minRevenue12m !== undefined
                    ? await this.repos.candidates.revenueSince(
                          selected.map((x) => x.c.customerId),
                          addDays(now, -YEAR_DAYS),
                      )
                    : new Map<number, number>();
            const newcomers: CampaignMember[] = [];
            for (const { c, days, median } of selected) {
                if (c.member) {
                    summary.alreadyMembers++;
                    continue;
                }
                const facts = { ...c, revenue12m: revenue.get(c.customerId) ?? 0 };
                const reason = exclusionReason(facts, { channels, filters, now });
                if (reason) {
                    exclude(c.customerId, reason);
                    continue;
                }
                // The program's global control group gets no campaign: counted among those it would have reached.
                if (inGlobalControl(globalControl, c.customerId)) {
                    exclude(c.customerId, 'global_control');
                    continue;
                }
                summary.eligible++;
                for (const ch of channels) if (reachableIn(ch, facts)) summary.reachable[ch]++;
                const first = cascadeOrder?.find((ch) => reachableIn(ch, facts));
                if (first && summary.firstReachable) summary.firstReachable[first]++;
                if (summary.sampleCustomerIds && summary.sampleCustomerIds.length < (ask.sample ?? 0))
                    summary.sampleCustomerIds.push(c.customerId);
                if (room <= 0) {
                    exclude(c.customerId, 'daily_cap');
                    continue;
                }
                room--;
                newcomers.push(this.member(campaign, c, day, now, days, median));
            }
            if (write && newcomers.length) await this.assign(campaign, newcomers, now);
            if (write && excluded.length)
                await this.repos.exclusions.record(this.db, campaign.id, day, excluded);
            for (const m of newcomers) summary.assigned[m.group]++;
        }
        if (!write) summary.assigned = { test: 0, control: 0 };
        return summary;
    }

    private candidatePages(campaign: Campaign, category: Category, part: SelectionPart, now: Date) {
        const lapse = this.lapseRule(campaign, category);
        const timezone = this.config.timezone;
        const today = lapseToday(now, timezone);
        const pageSize = this.config.campaigns.pageSize;
        const candidates = this.repos.candidates;
        const regular = campaignFilters(campaign).regular;
        const probe = {
            campaignId: campaign.id,
            categoryId: category.id,
            now,
            cooldownSince: addDays(now, -campaign.cooldownDays),
        };
        return (async function* () {
            yield* candidates.lapsed(
                {
                    categoryId: category.id,
                    // The lapse rule's own window: purchase days in (today − 365, today − threshold].
                    ...lapseScanWindow(lapse, today, timezone),
                    fromId: part.fromId,
                    toId: part.toId,
                },
                probe,
                pageSize,
            );
            if (campaign.audience === 'lapsed+regular')
                yield* candidates.regular(
                    {
                        categoryId: category.id,
                        activeSince: addDays(now, -(regular?.activeDays ?? 90)),
                        minPurchases: regular?.minPurchases ?? 2,
                        fromId: part.fromId,
                        toId: part.toId,
                    },
                    probe,
                    pageSize,
                );
        })();
    }

    private lapseRule(campaign: Campaign, category: Category): LapseRule {
        return categoryLapseRule(category, campaign.lapseKPct);
    }

    /** How many more members this part may assign today under the daily cap. */
    private async capRoom(campaign: Campaign, day: string, part: SelectionPart): Promise<number> {
        if (campaign.dailyCap === null) return Number.POSITIVE_INFINITY;
        const share =
            Math.floor(campaign.dailyCap / part.parts) + (part.part < campaign.dailyCap % part.parts ? 1 : 0);
        const done = await this.repos.members.countForDayInRange(
            this.db,
            campaign.id,
            day,
            part.fromId,
            part.toId,
        );
        return Math.max(0, share - done);
    }

    private member(
        campaign: Campaign,
        c: Candidate,
        day: string,
        now: Date,
        daysSinceLast: number | null,
        median: number | null,
    ): CampaignMember {
        return {
            campaignId: campaign.id,
            customerId: c.customerId,
            group: assignGroup(campaign.salt, c.customerId, campaign.controlShareBp),
            bucket: hashBucket(campaign.salt, c.customerId),
            segment: c.segment,
            assignedAt: now,
            assignmentDay: day,
            windowEndsAt: addDays(now, campaign.offerValidDays + campaign.settlementLagDays),
            daysSinceLast,
            medianIntervalDays: median === null ? null : Math.round(median),
        };
    }

    /** Writes a page's members (both groups, same moment) and the test group's offers, in one transaction. */
    private async assign(campaign: Campaign, members: readonly CampaignMember[], now: Date): Promise<void> {
        const endsAt = addDays(now, campaign.offerValidDays);
        const test = members.filter((m) => m.group === 'test');
        const offers: NewOffer[] = test.map((m) => ({
            customerId: m.customerId,
            campaignId: campaign.id,
            categoryId: campaign.categoryId,
            kind: campaign.offerKind,
            multiplier: campaign.offerKind === 'multiplier' ? campaign.multiplier : null,
            giftAmount: campaign.offerKind === 'gift' ? campaign.giftAmount : null,
            minAmount: campaign.offerKind === 'gift' ? campaign.giftMinAmount : null,
            bonusLifetimeDays: campaign.offerBonusLifetimeDays,
            startsAt: now,
            endsAt,
        }));
        await this.events.transaction(this.db, async (tx, afterCommit) => {
            // The customers' rows first, in id order: the lock every write path of a customer takes first.
            await this.repos.customers.lockIds(
                tx,
                members.map((m) => m.customerId),
            );
            await this.repos.members.insertMany(tx, members);
            await this.repos.offers.insertMany(tx, offers, now);
            await this.events.publish(
                tx,
                'MemberAssigned',
                {
                    campaignId: campaign.id,
                    categoryId: campaign.categoryId,
                    assignmentDay: members[0].assignmentDay,
                    assignedAt: now,
                    offerEndsAt: endsAt,
                    members: members.map((m) => ({ customerId: m.customerId, group: m.group })),
                },
                afterCommit,
            );
            await this.repos.customers.extendOffersUntil(
                tx,
                test.map((m) => m.customerId),
                endsAt,
            );
        });
    }
}

function count<K extends string>(map: Partial<Record<K, number>>, key: K): void {
    map[key] = (map[key] ?? 0) + 1;
}
