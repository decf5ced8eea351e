import { Table, type DataSource } from 'typeorm';
import { createRefill, type Refill, type RefillOptions } from '../../../plugin/index.js';
import { refillInternals, type RefillInternals } from '../../../plugin/testing.js';
import { createDataSourceFromUrl } from '../../../plugin/kernel/db/data-source.factory.js';
import { refillEntities } from '../../../plugin/refill-entities.js';
import {
    ChainEntity,
    ChainRunEntity,
    ChainStepLogEntity,
    type ChainDesign,
    type ChainRun,
} from '../../../plugin/modules/chains/index.js';
import { createTestDatabase, type Engine, type TestDatabase } from '../../helpers/test-database.js';

/*
 * A Refill for the chains admin tests. The chain tables come with the chain
 * engine's migration (another branch of the same release): until it lands
 * here, this fixture creates them from the entities the way TypeORM's
 * schema builder would (only if missing, so it is a no-op once the migration
 * ran), and registers the chain entities on a host-style DataSource.
 */

/** The chain entities, registered beside Refill's own until the composition wires them. */
const CHAIN_ENTITIES = [ChainEntity, ChainRunEntity, ChainStepLogEntity];

/** A started Refill with the chain tables, on a fresh database. */
export interface ChainTestRefill {
    refill: Refill;
    internals: RefillInternals;
    dataSource: DataSource;
    db: TestDatabase;
    close(): Promise<void>;
}

/** Creates the chain tables from their entities where they are missing. */
export async function ensureChainTables(dataSource: DataSource): Promise<void> {
    const qr = dataSource.createQueryRunner();
    try {
        for (const entity of CHAIN_ENTITIES) {
            const metadata = dataSource.getMetadata(entity);
            if (await qr.hasTable(metadata.tableName)) continue;
            const table = Table.create(metadata, dataSource.driver);
            // SQLite autoincrements an INTEGER PRIMARY KEY only (as the migrations write it).
            if (dataSource.options.type === 'better-sqlite3')
                for (const column of table.columns) if (column.isGenerated) column.type = 'integer';
            await qr.createTable(table, true, true, true);
        }
    } finally {
        await qr.release();
    }
}

/** Starts Refill (migrations, then the chain tables) on a fresh database of `engine`. */
export async function startChainTestRefill(
    engine: Engine,
    name: string,
    options: Partial<RefillOptions> = {},
): Promise<ChainTestRefill> {
    const db = await createTestDatabase(engine, name);
    const dataSource = createDataSourceFromUrl({
        url: db.url,
        poolSize: 4,
        // Each once: the composition registers the chain entities too once the engine's wiring lands.
        entities: [...new Set([...refillEntities, ...CHAIN_ENTITIES])],
    });
    await dataSource.initialize();
    const refill = createRefill({ dataSource, logLevel: 'silent', jobs: { process: false }, ...options });
    await refill.start();
    await ensureChainTables(dataSource);
    return {
        refill,
        internals: refillInternals(refill),
        dataSource,
        db,
        async close() {
            await refill.stop();
            await dataSource.destroy();
            await db.drop();
        },
    };
}

/** A small sound design: send a winback, wait two days, branch on a purchase, grant. */
export function testChainDesign(overrides: Partial<ChainDesign> = {}): ChainDesign {
    return {
        key: 'test-chain',
        name: 'Test chain',
        trigger: { type: 'segment-entered', segment: 'sleeping' },
        steps: [
            { id: 'send', type: 'send', kind: 'winback' },
            { id: 'wait', type: 'wait', hours: 48 },
            { id: 'bought', type: 'branch', condition: 'bought', then: 'done', otherwise: 'grant' },
            { id: 'grant', type: 'grant', bonus: 5_000, lifetimeDays: 14 },
            { id: 'done', type: 'exit' },
        ],
        goal: 'purchase',
        goalWindowDays: 14,
        stopOn: [],
        reentry: { rule: 'once' },
        priority: 100,
        holdoutBp: 2000,
        budgetCap: null,
        ...overrides,
    };
}

/** Inserts a run row as the engine would have written it (the engine is another branch). */
export async function insertRun(
    internals: RefillInternals,
    run: Pick<ChainRun, 'chainId' | 'customerId' | 'group' | 'status' | 'stepId' | 'enteredAt'> &
        Partial<Pick<ChainRun, 'goalAt' | 'stepSeq'>>,
): Promise<number> {
    const shape = internals.database.rows(ChainRunEntity).insertable;
    const result = await internals.database.run(
        shape.insert(1),
        shape.values({
            entryKey: `${run.chainId}:${run.customerId}:${run.enteredAt.toISOString()}`,
            stepSeq: run.stepSeq ?? 0,
            nextAt: null,
            waitingFor: null,
            stepStartedAt: null,
            deadlineAt: null,
            endedAt: null,
            endReason: null,
            goalAt: run.goalAt ?? null,
            claimToken: null,
            updatedAt: run.enteredAt,
            ...run,
        }),
    );
    return result.insertId;
}

/** Inserts a step-log row of a run. */
export async function insertStepLog(
    internals: RefillInternals,
    row: {
        runId: number;
        seq: number;
        chainId: number;
        stepId: string;
        stepType: string;
        cost?: number;
        at: Date;
    },
): Promise<void> {
    const shape = internals.database.rows(ChainStepLogEntity).all;
    await internals.database.run(
        shape.insert(1),
        shape.values({
            runId: row.runId,
            seq: row.seq,
            chainId: row.chainId,
            stepId: row.stepId,
            stepType: row.stepType,
            result: 'done',
            detail: null,
            cost: row.cost ?? 0,
            executedAt: row.at,
        }),
    );
}
