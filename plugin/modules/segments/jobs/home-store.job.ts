import type { RefillJob } from '../../../kernel/jobs/refill-job.js';
import type { HomeStoreRefresher } from './home-store.refresher.js';

/**
 * `segments-home-stores`: every night, recomputes each customer's home store
 * (the store with most receipts in 12 months, ties to the latest) for the
 * segment rules that read it. Idempotent, page by page of customer ids.
 */
export function homeStoresJob(refresher: HomeStoreRefresher): RefillJob {
    return {
        name: 'segments-home-stores',
        description: "Recomputes each customer's home store (most receipts in 12 months)",
        defaultSchedule: '20 3 * * *',
        async run({ touch }) {
            const result = await refresher.refresh({ onPage: () => touch() });
            return { ...result };
        },
    };
}
