import type { RefillJob } from '../../../kernel/jobs/refill-job.js';
import type { DailyFiguresService } from '../services/daily-figures.service.js';

/**
 * `daily-figures`: every five minutes, counts what was sold, returned,
 * burned and adjusted since the last run into the dashboard's per-day
 * per-store figures, and takes the members snapshot. Idempotent and
 * resumable (watermark per source, moved with each batch).
 */
export function dailyFiguresJob(figures: DailyFiguresService): RefillJob {
    return {
        name: 'daily-figures',
        description: "Counts new sales, returns, expiry and adjustments into the dashboard's daily figures",
        defaultSchedule: '*/5 * * * *',
        async run({ touch }) {
            const result = await figures.refresh({ onBatch: () => void touch() });
            return { ...result };
        },
    };
}
