import type { LotMaintenanceService } from '../services/lot-maintenance.service.js';
import type { RefillJob } from '../../../kernel/jobs/refill-job.js';

/**
 * `activate-pending-bonuses`: makes bonuses spendable once their pending
 * period is over (only matters with `accrual.pendingDays` > 0).
 */
export function activatePendingBonusesJob(maintenance: LotMaintenanceService): RefillJob {
    return {
        name: 'activate-pending-bonuses',
        description: 'Activates pending bonus lots whose pending period is over',
        defaultSchedule: '*/15 * * * *',
        async run({ touch }) {
            const result = await maintenance.activateDue({ onBatch: () => void touch() });
            return { ...result };
        },
    };
}
