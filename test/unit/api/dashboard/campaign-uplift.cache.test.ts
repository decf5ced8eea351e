import { describe, expect, it } from 'vitest';
import { CampaignUpliftCache } from '../../../../plugin/api/dashboard/campaign-uplift.cache.js';
import type { CampaignReport, CampaignService } from '../../../../plugin/modules/campaigns/index.js';

const silent = { debug() {}, info() {}, warn() {}, error() {} } as never;

/** A report with just what the cache reads. */
const report = (members: number, estimate: number) =>
    ({
        sample: { test: members - 1, control: 1 },
        provisional: {
            conversion: { absolute: { estimate, ciLow: estimate - 0.5, ciHigh: estimate + 0.5 } },
        },
    }) as unknown as CampaignReport;

describe('CampaignUpliftCache', () => {
    const campaigns = {
        list: async () => [
            { id: 1, name: 'Statins', status: 'active' },
            { id: 2, name: 'Old', status: 'finished' },
            { id: 3, name: 'Paused', status: 'paused' },
        ],
    } as unknown as Pick<CampaignService, 'list'>;

    it('lists running campaigns with their report figures, computing each report once per lifetime', async () => {
        let now = 0;
        const computed: number[] = [];
        const cache = new CampaignUpliftCache(
            campaigns,
            {
                report: async (id) => {
                    computed.push(id);
                    return report(10 * id, id / 4);
                },
            },
            () => new Date(now),
            silent,
            60_000,
        );
        expect(await cache.running()).toEqual([
            {
                id: 1,
                name: 'Statins',
                status: 'active',
                members: 10,
                uplift: { estimate: 0.25, low: -0.25, high: 0.75 },
            },
            {
                id: 3,
                name: 'Paused',
                status: 'paused',
                members: 30,
                uplift: { estimate: 0.75, low: 0.25, high: 1.25 },
            },
        ]);
        await cache.running();
        expect(computed).toEqual([1, 3]);
        now = 61_000;
        await cache.running();
        await new Promise((r) => setTimeout(r, 0));
        expect(computed).toEqual([1, 3, 1, 3]);
    });

    it('answers without waiting long for a slow first report, and never fails for a broken one', async () => {
        let release = () => {};
        const cache = new CampaignUpliftCache(
            campaigns,
            {
                report: (id) =>
                    id === 3
                        ? Promise.reject(new Error('boom'))
                        : new Promise((resolve) => {
                              release = () => resolve(report(5, 0.02));
                          }),
            },
            () => new Date(0),
            silent,
            60_000,
            20,
        );
        const first = await cache.running();
        expect(first.map((c) => [c.id, c.members, c.uplift])).toEqual([
            [1, null, null],
            [3, null, null],
        ]);
        release();
        await new Promise((r) => setTimeout(r, 0));
        expect((await cache.running())[0]).toMatchObject({ id: 1, members: 5 });
    });
});
