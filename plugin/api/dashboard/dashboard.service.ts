import type { Clock } from '../../kernel/clock.js';
import type { JobControlService } from '../../kernel/jobs/job-control.service.js';
import type { StoreService } from '../../modules/admin/index.js';
import {
    addFigureDays,
    type DailyFiguresRepository,
    daysFrom,
    dayStart,
    localDay,
    monthStart,
} from '../../modules/ledger/index.js';
import type { ChannelCounts, MessageDayCountsQuery } from '../../modules/messaging/index.js';
import type { CampaignUpliftCache, DashboardCampaign } from './campaign-uplift.cache.js';

/** Which stores the figures cover: some, or every store (null; with what belongs to none). */
export interface DashboardScope {
    storeIds: readonly number[] | null;
}

/** The admin dashboard (see the API contract's "Dashboard" section). */
export interface DashboardView {
    /** When the pre-aggregated figures were last brought up to date (now, before the first job run). */
    asOf: string;
    timezone: string;
    currency: string;
    members: { total: number; active30d: number; newThisMonth: number };
    liability: { outstanding: number; burnsNext30d: number };
    bonusFlow: Array<{ day: string; accrued: number; redeemed: number }>;
    receipts: Array<{ day: string; storeId: number; storeCode: string; receipts: number; revenue: number }>;
    campaigns: DashboardCampaign[];
    messagesToday: ChannelCounts[];
    failedJobs: Array<{ name: string; failedAt: string; error: string | null }>;
}

/** What the dashboard reads, each through its module's door. */
export interface DashboardSources {
    figures: Pick<DailyFiguresRepository, 'memberTotals' | 'newMembers' | 'bonusFlow' | 'receipts'>;
    stores: Pick<StoreService, 'list'>;
    campaigns: Pick<CampaignUpliftCache, 'running'>;
    messages: Pick<MessageDayCountsQuery, 'since'>;
    jobs: Pick<JobControlService, 'list'>;
}

/** Days of bonus flow and of receipts the dashboard shows. */
const FLOW_DAYS = 90;
const RECEIPT_DAYS = 30;

/**
 * Composes the admin dashboard from the modules' doors: members, liability,
 * bonus flow and receipts from the ledger's pre-aggregated figures (kept by
 * the `daily-figures` job, so nothing here scans a large table), running
 * campaigns with their cached uplift, today's messages per channel over
 * their creation-time index, and the jobs whose last run failed.
 */
export class DashboardService {
    constructor(
        private readonly sources: DashboardSources,
        private readonly settings: { timezone: string; currency: string },
        private readonly clock: Clock,
    ) {}

    /** The dashboard over `scope`. */
    async dashboard(scope: DashboardScope): Promise<DashboardView> {
        const { figures } = this.sources;
        const zone = this.settings.timezone;
        const now = this.clock();
        const today = localDay(now, zone);
        const flowFrom = addFigureDays(today, 1 - FLOW_DAYS);
        const receiptsFrom = addFigureDays(today, 1 - RECEIPT_DAYS);
        const ids = scope.storeIds;
        const [members, newThisMonth, flow, receipts, stores, campaigns, messagesToday, jobs] =
            await Promise.all([
                figures.memberTotals(ids),
                figures.newMembers(monthStart(today), ids),
                figures.bonusFlow(flowFrom, today, ids),
                figures.receipts(receiptsFrom, today, ids),
                this.sources.stores.list(),
                this.sources.campaigns.running(),
                this.sources.messages.since(dayStart(today, zone)),
                this.sources.jobs.list(),
            ]);
        const codes = new Map(stores.map((s) => [s.id, s.code]));
        const flowByDay = new Map(flow.map((f) => [f.day, f]));
        const bonusFlow = daysFrom(flowFrom, today).map((day) => ({
            day,
            accrued: flowByDay.get(day)?.accrued ?? 0,
            redeemed: flowByDay.get(day)?.redeemed ?? 0,
        }));
        return {
            asOf: (members.takenAt ?? now).toISOString(),
            timezone: zone,
            currency: this.settings.currency,
            members: { total: members.members, active30d: members.active30d, newThisMonth },
            liability: { outstanding: members.balance + members.pending, burnsNext30d: members.burns30d },
            bonusFlow,
            receipts: receipts.map((r) => ({ ...r, storeCode: codes.get(r.storeId) ?? String(r.storeId) })),
            campaigns,
            messagesToday,
            failedJobs: jobs
                .filter(
                    (j) =>
                        j.failedAt !== null && (j.lastFinishedAt === null || j.lastFinishedAt <= j.failedAt),
                )
                .map((j) => ({ name: j.name, failedAt: j.failedAt as string, error: j.failReason })),
        };
    }
}
