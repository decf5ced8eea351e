import { describe, expect, it } from 'vitest';
import { CampaignOverviewService } from '../../../plugin/api/campaign-editor/campaign-overview.service.js';
import { CampaignUpliftCache } from '../../../plugin/api/dashboard/campaign-uplift.cache.js';
import type {
    CampaignReport,
    CampaignService,
    CampaignView,
} from '../../../plugin/modules/campaigns/index.js';

const silent = { debug() {}, info() {}, warn() {}, error() {} } as never;

/** Fifty campaigns: every tenth a draft, the rest measured. */
const fifty = Array.from({ length: 50 }, (_, i) => ({
    id: i + 1,
    code: `C${i + 1}`,
    name: `Campaign ${i + 1}`,
    status: i % 10 === 0 ? 'draft' : i % 2 ? 'active' : 'finished',
    categoryCode: 'C09',
    offer: { kind: 'gift' },
    controlSharePct: 10,
    startsAt: null,
    endsAt: null,
    launchedAt: null,
    finishedAt: null,
    createdAt: '2026-01-01T00:00:00.000Z',
})) as unknown as CampaignView[];

const report = (id: number) =>
    ({
        sample: { test: id, control: 1 },
        provisional: { conversion: { absolute: { estimate: 0.05, ciLow: 0.01, ciHigh: 0.09 } } },
        provisionalMoney: { romi: { estimate: 1.5, ciLow: 0.2, ciHigh: 2.8 } },
    }) as unknown as CampaignReport;

describe('CampaignOverviewService over the report cache', () => {
    it('answers fifty campaigns with one report per measured campaign, however many requests come', async () => {
        const computed: number[] = [];
        const campaigns = { list: async () => fifty } as Pick<CampaignService, 'list'>;
        const cache = new CampaignUpliftCache(
            campaigns,
            {
                report: async (id) => {
                    computed.push(id);
                    return report(id);
                },
            },
            () => new Date(0),
            silent,
            60_000,
            0,
        );
        const overview = new CampaignOverviewService(campaigns, cache);
        const first = await Promise.all([overview.overview(), overview.overview(), overview.overview()]);
        expect(first[0].campaigns).toHaveLength(50);
        await new Promise((resolve) => setTimeout(resolve, 20));
        const warm = await overview.overview();
        expect(warm.pending).toBe(0);
        expect(new Set(computed).size).toBe(45);
        expect(computed).toHaveLength(45);
        const c2 = warm.campaigns.find((c) => c.id === 2);
        expect(c2).toMatchObject({ members: 3, romi: { estimate: 1.5, low: 0.2, high: 2.8 } });
        expect(warm.campaigns.find((c) => c.id === 1)).toMatchObject({
            status: 'draft',
            members: 0,
            romi: null,
        });
        await overview.overview();
        expect(computed).toHaveLength(45);
    });
});
