import type { LotMaintenanceService } from '../services/lot-maintenance.service.js';
import type { RefillJob } from '../../../kernel/jobs/refill-job.js';

/**
 * `expire-bonuses`: daily, burns every lot whose lifetime is over, in
 * batches of customers with expiry ledger entries. Idempotent and resumable.
 */
export function expireBonusesJob(maintenance: LotMaintenanceService): RefillJob {
    return {
        name: 'expire-bonuses',
        description: 'Burns expired bonus lots (expiry ledger entries), in batches',
        defaultSchedule: '5 3 * * *',
        async run({ touch }) {
            const result = await maintenance.expireDue({ onBatch: () => void touch() });
            return { ...result };
        },
    };
}
