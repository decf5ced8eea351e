import { DateTime } from 'luxon';
import type { CampaignSelectionService, SelectionPart } from '../services/campaign-selection.service.js';
import type { CampaignService } from '../services/campaign.service.js';
import type { Clock } from '../../../kernel/clock.js';
import type { CampaignRunRepository } from '../repositories/campaign-run.repository.js';
import type { Database } from '../../../kernel/db/database.js';
import type { JobCounts, RefillJob, RefillTask } from '../../../kernel/jobs/refill-job.js';

/** What the campaign jobs need. */
export interface CampaignJobDeps {
    db: Database;
    /** The run repository methods the jobs call (the composition root passes its repository bag). */
    repos: { runs: Pick<CampaignRunRepository, 'list' | 'save'> };
    campaigns: CampaignService;
    selection: CampaignSelectionService;
    timezone: string;
    concurrency: number;
    clock: Clock;
    /** Enqueues a task (the scheduler's, bound late because the scheduler is built from these jobs). */
    enqueue(name: string, data: Record<string, unknown>, uniqueBy: readonly string[]): Promise<void>;
}

/** Data of `campaign-select`: one campaign's selection of one local day. */
interface SelectData {
    campaignId: number;
    day: string;
}

/** Data of `campaign-select-part`: one customer-id range of it. */
type PartData = SelectData & SelectionPart & { attempt?: string };

/**
 * `campaigns-daily` (every 15 minutes): starts scheduled campaigns, finishes
 * expired ones, and once a day per active campaign — at its local run hour —
 * enqueues that campaign's selection job (one per campaign and day). Parts
 * of today's runs that failed, or waited for a category rebuild, are
 * enqueued again.
 */
export function campaignsDailyJob(deps: CampaignJobDeps): RefillJob {
    return {
        name: 'campaigns-daily',
        description:
            'Starts the daily selection of every active campaign at its run hour; retries failed parts',
        defaultSchedule: '*/15 * * * *',
        async run() {
            const active = await deps.campaigns.advance();
            const local = DateTime.fromJSDate(deps.clock(), { zone: deps.timezone });
            const day = local.toISODate() as string;
            let enqueued = 0;
            let retried = 0;
            for (const campaign of active) {
                if (local.hour < campaign.runHour) continue;
                const runs = await deps.repos.runs.list(deps.db, campaign.id, day);
                if (!runs.length) {
                    await deps.enqueue('campaign-select', { campaignId: campaign.id, day }, [
                        'campaignId',
                        'day',
                    ]);
                    enqueued++;
                }
                // Failed parts, and parts that waited for a rebuild of the category, run again.
                for (const r of runs.filter((r) => r.status === 'failed' || r.status === 'waiting')) {
                    const parts = await deps.selection.plan();
                    const part = parts.find((p) => p.part === r.part && p.parts === r.parts);
                    if (!part) continue;
                    const data: PartData = {
                        campaignId: campaign.id,
                        day,
                        ...part,
                        attempt: r.startedAt.toISOString(),
                    };
                    await deps.enqueue('campaign-select-part', { ...data }, [
                        'campaignId',
                        'day',
                        'part',
                        'attempt',
                    ]);
                    retried++;
                }
            }
            return { active: active.length, enqueued, retried };
        },
    };
}

/**
 * `campaign-select`: plans a campaign's day into customer-id ranges; one
 * range runs here, more are enqueued as `campaign-select-part` jobs that
 * any worker picks up in parallel.
 */
export function campaignSelectTask(deps: CampaignJobDeps): RefillTask {
    return {
        name: 'campaign-select',
        description: "One campaign's daily selection (split into parts on large bases)",
        concurrency: 1,
        async run(raw): Promise<JobCounts> {
            const data = raw as unknown as SelectData;
            const parts = await deps.selection.plan();
            if (parts.length === 1) {
                const s = await deps.selection.runPart(data.campaignId, data.day, parts[0]);
                return {
                    parts: 1,
                    candidates: s.candidates,
                    test: s.assigned.test,
                    control: s.assigned.control,
                };
            }
            for (const part of parts) {
                await deps.repos.runs.save(deps.db, {
                    campaignId: data.campaignId,
                    day: data.day,
                    part: part.part,
                    parts: part.parts,
                    status: 'queued',
                    candidates: 0,
                    assignedTest: 0,
                    assignedControl: 0,
                    alreadyMembers: 0,
                    exclusions: null,
                    startedAt: deps.clock(),
                    finishedAt: null,
                });
                await deps.enqueue('campaign-select-part', { ...data, ...part }, [
                    'campaignId',
                    'day',
                    'part',
                ]);
            }
            return { parts: parts.length };
        },
    };
}

/** `campaign-select-part`: one customer-id range of a campaign's day. Safe to re-run. */
export function campaignSelectPartTask(deps: CampaignJobDeps): RefillTask {
    return {
        name: 'campaign-select-part',
        description: "One customer-id range of a campaign's daily selection",
        concurrency: deps.concurrency,
        async run(raw) {
            const data = raw as unknown as PartData;
            const s = await deps.selection.runPart(data.campaignId, data.day, data);
            return {
                part: data.part,
                candidates: s.candidates,
                test: s.assigned.test,
                control: s.assigned.control,
            };
        },
    };
}
