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

interface Entry {
    at: number;
    members: number;
    uplift: RunningUplift | null;
}

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
        const now = this.clock().getTime();
        const stale = running.filter((c) => (this.entries.get(c.id)?.at ?? -Infinity) < now - this.ttlMs);
        if (stale.length) {
            const refresh = this.refresh(stale.map((c) => c.id));
            if (stale.some((c) => !this.entries.has(c.id)))
                await Promise.race([
                    refresh,
                    new Promise((resolve) => setTimeout(resolve, this.firstWaitMs)),
                ]);
        }
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

    /** Computes the reports of `ids` one after another (one refresh at a time per instance). */
    private refresh(ids: number[]): Promise<void> {
        this.refreshing ??= (async () => {
            for (const id of ids) {
                try {
                    const report = await this.reports.report(id);
                    const conversion = report.provisional.conversion;
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
                    });
                } catch (error) {
                    this.logger.warn(
                        { campaignId: id, err: safeError(error) },
                        'dashboard: campaign report failed',
                    );
                }
            }
        })().finally(() => {
            this.refreshing = null;
        });
        return this.refreshing;
    }
}
