import { createRefill, type Refill, type RefillOptions } from '../../plugin/index.js';
import { refillInternals, type RefillInternals } from '../../plugin/testing.js';
import {
    createTestDatabase,
    type Engine,
    type TestDatabase,
    type TestDatabaseOptions,
} from './test-database.js';
import { MS_PER_DAY } from '../../plugin/kernel/units/time.js';
import { createMigratedTestDatabase } from './run-templates.js';

/** A started Refill on a fresh database with one store, a POS key and two categories. */
export interface TestRefill {
    refill: Refill;
    /** The instance's services, repositories, database, scheduler… (`refill/testing`). */
    internals: RefillInternals;
    db: TestDatabase;
    key: string;
    storeCode: string;
    /** A second store's key (for 403 tests). */
    otherKey: string;
    close(): Promise<void>;
}

/** A clock tests can move. */
export class TestClock {
    constructor(public now = new Date('2026-03-01T10:00:00.000Z')) {}
    readonly fn = () => new Date(this.now);
    advanceDays(days: number): void {
        this.now = new Date(this.now.getTime() + days * MS_PER_DAY);
    }
}

/**
 * Starts Refill on a fresh, migrated database of `engine` (a copy of the run's
 * migrated template, see run-templates.ts) and seeds the basics.
 */
export async function startTestRefill(
    engine: Engine,
    name: string,
    options: Partial<RefillOptions> = {},
    database: TestDatabaseOptions = {},
): Promise<TestRefill> {
    // A copy of the run's migrated template: start() then finds nothing to apply. An empty one that
    // start() migrates when the test watches the start-up (its own logger), turns migrations off, or
    // pins the database to another sql_mode (migrated under it).
    const fresh =
        database.sqlMode !== undefined || options.logger !== undefined || options.migrationsRun === false;
    const db = fresh
        ? await createTestDatabase(engine, name, database)
        : await createMigratedTestDatabase(engine, name);
    const refill = createRefill({
        databaseUrl: db.url,
        logLevel: 'silent',
        jobs: { process: false },
        ...options,
    });
    await refill.start();
    const internals = refillInternals(refill);
    const { stores, posKeys, catalog } = internals.services;
    await stores.upsert('S1', 'Pharmacy 1', null, 'test');
    await stores.upsert('S2', 'Pharmacy 2', null, 'test');
    const { key } = await posKeys.create('S1', 'till 1', 'test');
    const { key: otherKey } = await posKeys.create('S2', 'till 1', 'test');
    await catalog.upsertCategories([
        {
            code: 'C09',
            name: 'Antihypertensives (RAS)',
            atcPrefixes: ['C09'],
            chronic: true,
            refillIntervalDays: 30,
            lapseAfterDays: 60,
            minPurchases: 3,
        },
        {
            code: 'RX-REG',
            name: 'Price-regulated',
            skus: ['REG-1'],
            excludedFromAccrual: true,
            excludedFromRedemption: true,
        },
        { code: 'VIT', name: 'Vitamins', atcPrefixes: ['A11'], accrualRateBp: 500 },
    ]);
    await catalog.upsertProducts([
        {
            sku: 'LOSARTAN-50',
            name: 'Losartan 50mg',
            atc: 'C09CA01',
            accrualRateBp: null,
            excludedFromAccrual: false,
            excludedFromRedemption: false,
            prescriptionOnly: true,
        },
        {
            sku: 'PROMO-1',
            name: 'Promo item',
            atc: null,
            accrualRateBp: 1000,
            excludedFromAccrual: false,
            excludedFromRedemption: false,
            prescriptionOnly: false,
        },
    ]);
    return {
        refill,
        internals,
        db,
        key,
        otherKey,
        storeCode: 'S1',
        async close() {
            await refill.stop();
            await db.drop();
        },
    };
}
