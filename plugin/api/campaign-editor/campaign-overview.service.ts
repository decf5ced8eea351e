import type { CampaignService, CampaignView } from '../../modules/campaigns/index.js';
import type { CampaignUpliftCache, RunningUplift } from '../dashboard/campaign-uplift.cache.js';

/** One campaign as the list shows it. */
export interface CampaignOverviewItem {
    id: number;
    code: string;
    name: string;
    status: string;
    categoryCode: string | null;
    offerKind: CampaignView['offer']['kind'];
    controlSharePct: number;
    startsAt: string | null;
    endsAt: string | null;
    launchedAt: string | null;
    finishedAt: string | null;
    createdAt: string;
    members: number | null;
    uplift: RunningUplift | null;
    romi: RunningUplift | null;
    figuresAt: string | null;
}

/** Statuses whose campaigns have members (and so a report). */
const MEASURED = new Set(['active', 'paused', 'finished']);

/**
 * The campaign list with each campaign's members, running conversion uplift
 * and ROMI. A report reads every member's outcome, so the figures come from
 * the dashboard's cache of reports (computed in the background, at most every
 * ten minutes per campaign, one report at a time): fifty campaigns cost one
 * list query and no report on the request's path once the cache is warm.
 */
export class CampaignOverviewService {
    constructor(
        private readonly campaigns: Pick<CampaignService, 'list'>,
        private readonly figures: Pick<CampaignUpliftCache, 'known'>,
    ) {}

    /** Every campaign, newest first, with the figures known so far and how many are still pending. */
    async overview(): Promise<{ campaigns: CampaignOverviewItem[]; pending: number }> {
        const list = await this.campaigns.list();
        const measured = list.filter((c) => MEASURED.has(c.status)).map((c) => c.id);
        const known = await this.figures.known(measured);
        const campaigns = list.map((c) => {
            const f = known.get(c.id);
            return {
                id: c.id,
                code: c.code,
                name: c.name,
                status: c.status,
                categoryCode: c.categoryCode,
                offerKind: c.offer.kind,
                controlSharePct: c.controlSharePct,
                startsAt: c.startsAt,
                endsAt: c.endsAt,
                launchedAt: c.launchedAt,
                finishedAt: c.finishedAt,
                createdAt: c.createdAt,
                members: f ? f.members : MEASURED.has(c.status) ? null : 0,
                uplift: f?.uplift ?? null,
                romi: f?.romi ?? null,
                figuresAt: f ? new Date(f.at).toISOString() : null,
            };
        });
        return { campaigns, pending: measured.filter((id) => !known.has(id)).length };
    }
}
