import type { DataSource } from 'typeorm';
import { CreateJobTables1767312000000 } from '../../migrations/1767312000000-create-job-tables.js';
import { createDataSourceFromUrl } from '../../plugin/kernel/db/data-source.factory.js';
import { refillEntities } from '../../plugin/refill-entities.js';
import { Database } from '../../plugin/kernel/db/database.js';
import { MigrationRunner } from '../../plugin/kernel/db/migration-runner.js';
import { SqlJobBackend } from '../../plugin/kernel/jobs/sql-backend/index.js';
import type { SqlJobBackendOptions } from '../../plugin/kernel/jobs/sql-backend/index.js';
import { createTestDatabase, type Engine, type TestDatabase } from './test-database.js';

/** A fresh database with the job tables, for one test file. */
export interface JobsTestDatabase {
    engine: Engine;
    url: string;
    dataSource: DataSource;
    database: Database;
    /** A backend over the shared DataSource (not owning it). */
    backend(options?: Partial<SqlJobBackendOptions>): SqlJobBackend;
    /** Deletes every job and log row. */
    clear(): Promise<void>;
    /** Opens another DataSource on the same database (another "process" in one process). */
    openAnother(): Promise<DataSource>;
    close(): Promise<void>;
}

/** Creates a database for `name` on `engine`, migrates the job tables and opens a DataSource on it. */
export async function openJobsDatabase(
    engine: Engine,
    name: string,
    poolSize = 10,
): Promise<JobsTestDatabase> {
    const db: TestDatabase = await createTestDatabase(engine, name);
    const dataSource = createDataSourceFromUrl({ url: db.url, poolSize, entities: refillEntities });
    await dataSource.initialize();
    await new MigrationRunner(dataSource, [CreateJobTables1767312000000]).up();
    const database = new Database(dataSource);
    const others: DataSource[] = [];
    return {
        engine,
        url: db.url,
        dataSource,
        database,
        backend: (options = {}) => new SqlJobBackend({ dataSource, database, ...options }),
        async clear() {
            await database.run('DELETE FROM refill_jobs');
            await database.run('DELETE FROM refill_job_logs');
        },
        async openAnother() {
            const other = createDataSourceFromUrl({ url: db.url, poolSize, entities: refillEntities });
            await other.initialize();
            others.push(other);
            return other;
        },
        async close() {
            for (const other of others) if (other.isInitialized) await other.destroy();
            if (dataSource.isInitialized) await dataSource.destroy();
            await db.drop();
        },
    };
}
