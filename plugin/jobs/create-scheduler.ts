import { hostname } from 'node:os';
import type { Agenda } from 'agenda';
import type { Logger } from 'pino';
import type { RefillConfig } from '../config/refill-options.js';
import type { Database } from '../db/database.js';
import type { LotMaintenanceService } from '../services/lot-maintenance.service.js';
import { activatePendingBonusesJob } from './definitions/activate-pending-bonuses.job.js';
import { expireBonusesJob } from './definitions/expire-bonuses.job.js';
import { JobRunRecorder } from './job-run-recorder.js';
import { RefillScheduler } from './refill-scheduler.js';
import { SqlJobBackend } from './sql-backend/index.js';

/**
 * Builds Refill's scheduler: its jobs on its own Agenda over the SQL backend
 * (jobs in the ledger's database), or on the host's Agenda. Job runs are
 * recorded in Refill's job log table either way.
 */
export function createScheduler(
    database: Database,
    maintenance: LotMaintenanceService,
    config: RefillConfig,
    logger: Logger,
    hostAgenda?: Agenda,
): RefillScheduler {
    const workerName = `${hostname()}#${process.pid}`;
    const backend = new SqlJobBackend({
        dataSource: database.dataSource,
        database,
        lastModifiedBy: workerName,
    });
    return new RefillScheduler(
        hostAgenda ? { agenda: hostAgenda } : { backend },
        [expireBonusesJob(maintenance), activatePendingBonusesJob(maintenance)],
        { ...config.jobs, timezone: config.timezone, workerName },
        new JobRunRecorder(logger, backend.logger),
        logger,
    );
}
