import type { RefillConfig } from '../../../config/refill-options.js';
import type { Clock } from '../../../kernel/clock.js';
import type { Database } from '../../../kernel/db/database.js';
import type { SettingRepository } from '../../../kernel/db/setting.repository.js';
import type { RefillLogger } from '../../../kernel/logging/logger.port.js';
import type { CustomerRepository } from '../../customers/index.js';
import type { BonusLotRepository, LedgerEntryRepository } from '../../ledger/index.js';
import { ChainMessagesService } from '../../messaging/index.js';
import type { SegmentMembersReader } from '../../segments/index.js';
import { ActiveChainsQuery } from '../repositories/active-chains.query.js';
import { ChainRunFactsQuery } from '../repositories/chain-run-facts.query.js';
import { ChainRunRepository } from '../repositories/chain-run.repository.js';
import { ChainStepLogRepository } from '../repositories/chain-step-log.repository.js';
import { ChainTriggerQuery } from '../repositories/chain-trigger.query.js';
import { ChainClock } from './chain-clock.js';
import { LiveChainsCache } from './chain-engine.cache.js';
import { ChainGoalsService } from './chain-engine.goals.js';
import { ChainEngineService, DEFAULT_ENGINE_OPTIONS } from './chain-engine.service.js';
import { ChainEntryService } from './chain-entry.service.js';
import { ChainStepEffects } from './chain-step.effects.js';
import { ChainStepExecutor, type AfterEffectHook } from './chain-step.executor.js';
import { ChainTriggersService } from './chain-triggers.service.js';

/** What the chain engine is built from. */
export interface ChainEngineDeps {
    db: Database;
    repos: {
        customers: CustomerRepository;
        lots: BonusLotRepository;
        entries: LedgerEntryRepository;
        settings: SettingRepository;
    };
    config: Pick<RefillConfig, 'timezone' | 'returns' | 'chains'>;
    clock: Clock;
    logger?: RefillLogger;
    /** The segments' members reader (scheduled chains); without it scheduled chains enter nobody. */
    members?: SegmentMembersReader;
    /** Tests only: a crash injected after a step's effect, before its commit. */
    afterEffect?: AfterEffectHook;
}

/** The chain engine's parts, for the composition root, the jobs and tests. */
export interface ChainEngine {
    chains: LiveChainsCache;
    chainsQuery: ActiveChainsQuery;
    runs: ChainRunRepository;
    stepLog: ChainStepLogRepository;
    messages: ChainMessagesService;
    entry: ChainEntryService;
    triggers: ChainTriggersService;
    goals: ChainGoalsService;
    executor: ChainStepExecutor;
    engine: ChainEngineService;
}

/** Builds the chain engine over one database (the long-statement one: it works in batches). */
export function createChainEngine(deps: ChainEngineDeps): ChainEngine {
    const { db, repos, config, clock } = deps;
    const chainsQuery = new ActiveChainsQuery(db);
    const chains = new LiveChainsCache(chainsQuery, repos.settings);
    const runs = new ChainRunRepository(db);
    const stepLog = new ChainStepLogRepository(db);
    const triggerQuery = new ChainTriggerQuery(db);
    const messages = new ChainMessagesService(db);
    const days = new ChainClock(config.timezone);
    const entry = new ChainEntryService(
        { runs, customers: repos.customers },
        config.chains.maxActiveRunsPerCustomer,
    );
    const effects = new ChainStepEffects(
        {
            runs,
            log: stepLog,
            facts: new ChainRunFactsQuery(),
            triggers: triggerQuery,
            chainsQuery,
            messages,
            ledger: { lots: repos.lots, entries: repos.entries },
            customers: repos.customers,
        },
        chains,
        days,
        config,
    );
    const executor = new ChainStepExecutor(
        db,
        { runs, log: stepLog, customers: repos.customers },
        effects,
        clock,
        deps.afterEffect,
    );
    const engine = new ChainEngineService(
        runs,
        chains,
        executor,
        clock,
        {
            ...DEFAULT_ENGINE_OPTIONS,
            batchSize: config.chains.stepBatchSize,
            concurrency: db.dialect === 'sqlite' ? 1 : DEFAULT_ENGINE_OPTIONS.concurrency,
        },
        deps.logger,
    );
    return {
        chains,
        chainsQuery,
        runs,
        stepLog,
        messages,
        entry,
        triggers: new ChainTriggersService(db, chains, triggerQuery, entry, days, clock, deps.members),
        goals: new ChainGoalsService(runs, chains),
        executor,
        engine,
    };
}
