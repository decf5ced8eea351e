import { describe, expect, it } from 'vitest';
import type { DashboardSources } from '../../../../plugin/api/dashboard/dashboard.service.js';
import { DashboardService } from '../../../../plugin/api/dashboard/dashboard.service.js';
import type { JobStatus } from '../../../../plugin/kernel/jobs/refill-scheduler.js';

const job = (name: string, failedAt: string | null, lastFinishedAt: string | null): JobStatus => ({
    name,
    description: name,
    schedule: '5 3 * * *',
    paused: false,
    running: false,
    nextRunAt: null,
    lastRunAt: null,
    lastFinishedAt,
    failCount: failedAt ? 1 : 0,
    failReason: failedAt ? 'boom' : null,
    failedAt,
    recentRuns: [],
});

/** Stand-in doors: the service's own work is the composing, the days and the failed-job rule. */
function sources(calls: unknown[]): DashboardSources {
    return {
        figures: {
            memberTotals: async (ids) => {
                calls.push(['members', ids]);
                return { members: 10, active30d: 4, balance: 700, pending: 50, burns30d: 120, takenAt: null };
            },
            newMembers: async (from, ids) => {
                calls.push(['new', from, ids]);
                return 2;
            },
            bonusFlow: async (from, to) => {
                calls.push(['flow', from, to]);
                return [{ day: '2026-03-09', accrued: 30, redeemed: 5 }];
            },
            receipts: async (from, to) => {
                calls.push(['receipts', from, to]);
                return [{ day: '2026-03-09', storeId: 7, receipts: 3, revenue: 900 }];
            },
        },
        stores: { list: async () => [{ id: 7, code: 'S7' }] as never },
        campaigns: { running: async () => [] },
        messages: {
            since: async (at) => {
                calls.push(['messages', at.toISOString()]);
                return [{ channel: 'sms', sent: 3, delivered: 2, failed: 1 }];
            },
        },
        jobs: {
            list: async () => [
                job('ok-job', null, '2026-03-10T03:00:00.000Z'),
                job('failed-job', '2026-03-10T03:05:00.000Z', '2026-03-10T03:05:00.000Z'),
                job('recovered-job', '2026-03-09T03:05:00.000Z', '2026-03-10T03:05:00.000Z'),
            ],
        },
    };
}

describe('DashboardService', () => {
    const now = new Date('2026-03-10T22:30:00.000Z'); // already 11 March in Moscow

    it('works in the chain’s calendar days: 90 days of flow, 30 of receipts, this month, today', async () => {
        const calls: unknown[] = [];
        const service = new DashboardService(
            sources(calls),
            { timezone: 'Europe/Moscow', currency: 'RUB' },
            () => now,
        );
        const view = await service.dashboard({ storeIds: [7] });
        expect(calls).toContainEqual(['flow', '2025-12-12', '2026-03-11']);
        expect(calls).toContainEqual(['receipts', '2026-02-10', '2026-03-11']);
        expect(calls).toContainEqual(['new', '2026-03-01', [7]]);
        expect(calls).toContainEqual(['messages', '2026-03-10T21:00:00.000Z']);
        expect(view.bonusFlow).toHaveLength(90);
        expect(view.bonusFlow[0]).toEqual({ day: '2025-12-12', accrued: 0, redeemed: 0 });
        expect(view.bonusFlow[87]).toEqual({ day: '2026-03-09', accrued: 30, redeemed: 5 });
        expect(view.bonusFlow[89].day).toBe('2026-03-11');
        expect(view.receipts).toEqual([
            { day: '2026-03-09', storeId: 7, storeCode: 'S7', receipts: 3, revenue: 900 },
        ]);
        expect(view.members).toEqual({ total: 10, active30d: 4, newThisMonth: 2 });
        expect(view.liability).toEqual({ outstanding: 750, burnsNext30d: 120 });
        expect(view.asOf).toBe(now.toISOString());
    });

    it('lists the jobs whose last run failed, not those that ran well since', async () => {
        const service = new DashboardService(sources([]), { timezone: 'UTC', currency: 'RUB' }, () => now);
        expect((await service.dashboard({ storeIds: null })).failedJobs).toEqual([
            { name: 'failed-job', failedAt: '2026-03-10T03:05:00.000Z', error: 'boom' },
        ]);
    });
});
