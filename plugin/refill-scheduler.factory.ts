import { hostname } from 'node:os';
import type { Agenda } from 'agenda';
import type { RefillLogger } from './kernel/logging/logger.port.js';
import type { RefillConfig } from './config/refill-options.js';
import type { Database } from './kernel/db/database.js';
import type { Clock } from './kernel/clock.js';
import {
    type CampaignJobDeps,
    campaignsDailyJob,
    type CampaignSelectionService,
    campaignSelectPartTask,
    campaignSelectTask,
    type CampaignService,
} from './modules/campaigns/index.js';
import { type CategoryRebuildService, categoryRebuildTask } from './modules/catalog/index.js';
import {
    activatePendingBonusesJob,
    dailyFiguresJob,
    type DailyFiguresService,
    expireBonusesJob,
    type LotMaintenanceService,
} from './modules/ledger/index.js';
import type { Repositories } from './refill-repositories.js';
import {
    type CascadeDispatcher,
    messageRemindersJob,
    messagesDispatchJob,
    type ReminderPlannerService,
    type SendGuardService,
} from './modules/messaging/index.js';
import { type LifecycleClassificationService, segmentsDailyJob } from './modules/segments/index.js';
import {
    type ChainEngine,
    type ChainJobDeps,
    chainStepsJob,
    chainStepsMoreTask,
    chainTriggersJob,
} from './modules/chains/index.js';
import { JobRunRecorder } from './kernel/jobs/job-run-recorder.js';
import { type HomeStoreRefresher, homeStoresJob } from './modules/segments/index.js';
import { RefillScheduler } from './kernel/jobs/refill-scheduler.js';
import { SqlJobBackend } from './kernel/jobs/sql-backend/index.js';

/** The services Refill's jobs run. */
export interface JobServices {
    maintenance: LotMaintenanceService;
    dailyFigures: DailyFiguresService;
    campaigns: CampaignService;
    campaignSelection: CampaignSelectionService;
    categoryRebuilds: CategoryRebuildService;
    sendGuard: SendGuardService;
    dispatcher: CascadeDispatcher;
    reminders: ReminderPlannerService;
    lifecycleClassification: LifecycleClassificationService;
    chains: ChainEngine;
    homeStores: HomeStoreRefresher;
}

/**
 * Builds Refill's scheduler: its jobs on its own Agenda over the SQL backend
 * (jobs in the ledger's database), or on the host's Agenda. Job runs are
 * recorded in Refill's job log table either way.
 */
export function createScheduler(
    database: Database,
    repos: Repositories,
    services: JobServices,
    config: RefillConfig,
    clock: Clock,
    logger: RefillLogger,
    hostAgenda?: Agenda,
): RefillScheduler {
    const workerName = `${hostname()}#${process.pid}`;
    const backend = new SqlJobBackend({
        dataSource: database.dataSource,
        database,
        lastModifiedBy: workerName,
    });
    let scheduler: RefillScheduler | null = null;
    const campaignDeps: CampaignJobDeps = {
        db: database,
        repos,
        campaigns: services.campaigns,
        selection: services.campaignSelection,
        timezone: config.timezone,
        concurrency: config.campaigns.concurrency,
        clock,
        enqueue: (name, data, uniqueBy) => scheduler!.enqueue(name, data, uniqueBy),
    };
    const chainDeps: ChainJobDeps = {
        engine: services.chains.engine,
        triggers: services.chains.triggers,
        stepRunMs: config.chains.stepRunMs,
        enqueue: (name, data, uniqueBy) => scheduler!.enqueue(name, data, uniqueBy),
    };
    scheduler = new RefillScheduler(
        hostAgenda ? { agenda: hostAgenda } : { backend },
        [
            expireBonusesJob(services.maintenance),
            activatePendingBonusesJob(services.maintenance),
            dailyFiguresJob(services.dailyFigures),
            campaignsDailyJob(campaignDeps),
            messagesDispatchJob(services.sendGuard, services.dispatcher),
            messageRemindersJob(services.reminders),
            segmentsDailyJob(services.lifecycleClassification),
            chainStepsJob(chainDeps),
            chainTriggersJob(chainDeps),
            homeStoresJob(services.homeStores),
        ],
        [
            campaignSelectTask(campaignDeps),
            campaignSelectPartTask(campaignDeps),
            categoryRebuildTask(services.categoryRebuilds),
            chainStepsMoreTask(chainDeps),
        ],
        { ...config.jobs, timezone: config.timezone, workerName },
        new JobRunRecorder(logger, backend.logger),
        logger,
    );
    return scheduler;
}
