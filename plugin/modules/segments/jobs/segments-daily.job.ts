import type { RefillJob } from '../../../kernel/jobs/refill-job.js';
import type { LifecycleClassificationService } from '../services/lifecycle-classification.service.js';

/**
 * `segments-daily`: hourly, and the first run of each chain-local day
 * classifies every customer into a lifecycle segment and stores the day's
 * segment sizes; later runs of the day only finish an interrupted one
 * (watermark per page). Idempotent and resumable.
 */
export function segmentsDailyJob(classification: LifecycleClassificationService): RefillJob {
    return {
        name: 'segments-daily',
        description:
            'Classifies every customer into a lifecycle segment once a day and records segment sizes',
        defaultSchedule: '20 * * * *',
        async run({ touch }) {
            const r = await classification.run({ onPage: () => void touch() });
            return { pages: r.pages, customers: r.customers, transitions: r.transitions, skipped: r.skipped };
        },
    };
}
