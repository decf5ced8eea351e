import type { Clock } from '../../kernel/clock.js';
import type { RefillLogger } from '../../kernel/logging/logger.port.js';
import { safeError } from '../../kernel/logging/logger.js';
import type { CampaignReportService, CampaignService } from '../../modules/campaigns/index.js';

/** A campaign's running uplift: conversion, test minus control, with its interval (fractions). */
export interface RunningUplift {
    estimate: number;
    low: number | null;
    high: number | null;
}

/** A running campaign as the dashboard lists it. */
export interface DashboardCampaign {
    id: number;
    name: string;
    status: string;
    /** Members of both groups, as of the last computed report (null until one is). */
    members: number | null;
    /** Provisional conversion uplift over every member so far (null until measurable). */
    uplift: RunningUplift | null;
}

/** A campaign's figures from its last computed report. */
export interface CampaignFigures {
    /** When the report was computed (ms since the epoch). */
    at: number;
    members: number;
    uplift: RunningUplift | null;
    /** Provisional ROMI over every member so far, (margin − cost)/cost, with its interval; null when it has none. */
    romi: RunningUplift | null;
}

type Entry = CampaignFigures;

/** Statuses the dashboard shows. */
const RUNNING = new Set(['active', 'paused']);

/**
 * The running campaigns with their uplift for the dashboard, kept cheap: a
 * campaign's report (which reads every member's outcome) is computed in the
 * background at most once per `ttlMs` per instance and its two figures
 * kept; a request answers with what is known. Only the very first request
 * waits for the reports, and at most `firstWaitMs`.
 */
export class CampaignUpliftCache {
    private readonly entries = new Map<number, Entry>();
    private refreshing: Promise<void> | null = null;
    private readonly queue = new Set<number>();
    /** The id whose report is being computed (not queued again meanwhile). */
    private computing: number | null = null;

    constructor(
        private readonly campaigns: Pick<CampaignService, 'list'>,
        private readonly reports: Pick<CampaignReportService, 'report'>,
        private readonly clock: Clock,
        private readonly logger: RefillLogger,
        private readonly ttlMs = 10 * 60_000,
        private readonly firstWaitMs = 250,
    ) {}

    /** The running campaigns, newest first, with their last known members and uplift. */
    async running(): Promise<DashboardCampaign[]> {
        const running = (await this.campaigns.list()).filter((c) => RUNNING.has(c.status));
        await this.known(running.map((c) => c.id));
        return running.map((c) => {
            const entry = this.entries.get(c.id);
            return {
                id: c.id,
                name: c.name,
                status: c.status,
                members: entry?.members ?? null,
                uplift: entry?.uplift ?? null,
            };
        });
    }

    /**
     * The last known figures of each of `ids` (absent until a report was
     * computed); those older than the TTL are refreshed in the background,
     * and only ids never computed make the call wait, at most `firstWaitMs`.
     */
    async known(ids: readonly number[]): Promise<Map<number, CampaignFigures>> {
        const now = this.clock().getTime();
        const stale = ids.filter((id) => (this.entries.get(id)?.at ?? -Infinity) < now - this.ttlMs);
        if (stale.length) {
            const refresh = this.refresh(stale);
            if (stale.some((id) => !this.entries.has(id)))
                await Promise.race([
                    refresh,
                    new Promise((resolve) => setTimeout(resolve, this.firstWaitMs)),
                ]);
        }
        return new Map(
            ids.flatMap((id) => (this.entries.has(id) ? [[id, this.entries.get(id) as Entry]] : [])),
        );
    }

    /** Computes the reports of `ids` one after another (one refresh at a time per instance, one queue). */
    private refresh(ids: number[]): Promise<void> {
        for (const id of ids) if (id !== this.computing) this.queue.add(id);
        this.refreshing ??= (async () => {
            // Ids asked for while a refresh runs join its queue.
            for (const id of this.queue) {
                this.queue.delete(id);
                this.computing = id;
                try {
                    const report = await this.reports.report(id);
                    const conversion = report.provisional.conversion;
                    const romi = report.provisionalMoney?.romi ?? null;
                    this.entries.set(id, {
                        at: this.clock().getTime(),
                        members: report.sample.test + report.sample.control,
                        uplift: conversion
                            ? {
                                  estimate: conversion.absolute.estimate,
                                  low: conversion.absolute.ciLow,
                                  high: conversion.absolute.ciHigh,
                              }
                            : null,
                        romi: romi && { estimate: romi.estimate, low: romi.ciLow, high: romi.ciHigh },
                    });
                } catch (error) {
                    this.logger.warn(
                        { campaignId: id, err: safeError(error) },
                        'dashboard: campaign report failed',
                    );
                }
            }
        })().finally(() => {
            this.computing = null;
            this.refreshing = null;
        });
        return this.refreshing;
    }
}
