import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import type { DataSource } from 'typeorm';
import { CreateJobTables1767312000000 } from '../../migrations/1767312000000-create-job-tables.js';
import { createDataSourceFromUrl } from '../../plugin/kernel/db/data-source.factory.js';
import { refillEntities } from '../../plugin/refill-entities.js';
import { Database } from '../../plugin/kernel/db/database.js';
import { MigrationRunner } from '../../plugin/kernel/db/migration-runner.js';
import { claimStatements } from '../../plugin/kernel/jobs/sql-backend/index.js';
import type { JobsBenchEngine } from './jobs-bench.options.js';

/**
 * The benchmark's own database with Refill's job tables: a new MariaDB
 * database (dropped first if a crashed run left it) or a SQLite file in a
 * temporary directory; seeded with due no-op jobs before each measurement.
 */
export class JobsBenchDatabase {
    private constructor(
        readonly engine: JobsBenchEngine,
        /** A Refill database URL the workers open. */
        readonly url: string,
        private readonly dataSource: DataSource,
        private readonly database: Database,
        private readonly dropStorage: () => Promise<void>,
    ) {}

    /** Creates the database and runs the job tables' migration. */
    static async create(engine: JobsBenchEngine, mysqlUrl: string): Promise<JobsBenchDatabase> {
        let url: string;
        let dropStorage: () => Promise<void>;
        if (engine === 'sqlite') {
            const dir = mkdtempSync(join(tmpdir(), 'refill-bench-jobs-'));
            url = `sqlite:${join(dir, 'jobs.sqlite')}`;
            dropStorage = async () => rmSync(dir, { recursive: true, force: true });
        } else {
            const name = 'refill_bench_jobs';
            const admin = await mysql.createConnection(mysqlUrl);
            await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
            await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
            await admin.end();
            const u = new URL(mysqlUrl);
            u.pathname = `/${name}`;
            u.protocol = 'mariadb:';
            url = u.toString();
            dropStorage = async () => {
                const c = await mysql.createConnection(mysqlUrl);
                await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
                await c.end();
            };
        }
        const dataSource = createDataSourceFromUrl({ url, poolSize: 4, entities: refillEntities });
        await dataSource.initialize();
        await new MigrationRunner(dataSource, [CreateJobTables1767312000000]).up();
        return new JobsBenchDatabase(engine, url, dataSource, new Database(dataSource), dropStorage);
    }

    /** Empties the jobs table and inserts `count` jobs of `name`, all due a second ago. */
    async seed(name: string, count: number): Promise<void> {
        await this.database.run('DELETE FROM refill_jobs');
        const due = new Date(Date.now() - 1000);
        for (let done = 0; done < count; done += 500) {
            const rows = Math.min(500, count - done);
            const params: unknown[] = [];
            for (let i = 0; i < rows; i++) params.push(randomUUID(), name, due, '{}');
            await this.database.run(
                `INSERT INTO refill_jobs (id, name, priority, next_run_at, type, data, disabled, fork) VALUES ` +
                    Array(rows).fill(`(?, ?, 0, ?, 'normal', ?, 0, 0)`).join(', '),
                params,
            );
        }
        if (this.engine === 'mysql') await this.database.run('ANALYZE TABLE refill_jobs');
    }

    /** How many jobs of `name` are finished and unlocked, and how many there are. */
    async finished(name: string): Promise<{ finished: number; total: number }> {
        const [row] = await this.database.all<{ finished: number; total: number }>(
            `SELECT SUM(CASE WHEN last_finished_at IS NOT NULL AND locked_at IS NULL THEN 1 ELSE 0 END) AS finished, ` +
                `COUNT(*) AS total FROM refill_jobs WHERE name = ?`,
            [name],
        );
        return { finished: Number(row.finished ?? 0), total: Number(row.total) };
    }

    /** The query plan of the claim statements, as the engine prints it. */
    async explainClaim(name: string): Promise<string> {
        const sql = claimStatements('refill_jobs');
        const now = new Date();
        if (this.engine === 'mysql') {
            const lines: string[] = [];
            for (const [label, query] of [
                ['ready', sql.ready],
                ['stale', sql.stale],
            ] as const) {
                const [plan] = await this.database.all<Record<string, unknown>>(`EXPLAIN ${query}`, [
                    name,
                    now,
                ]);
                lines.push(
                    `${label}: type=${plan.type} key=${plan.key} key_len=${plan.key_len} ref=${plan.ref} rows=${plan.rows} Extra=${plan.Extra}`,
                );
            }
            return lines.join('\n');
        }
        const plan = await this.database.all<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql.sqlite}`, [
            now,
            'w',
            name,
            now,
            name,
            now,
        ]);
        return plan.map((p) => p.detail).join('\n');
    }

    /** Closes the connection and drops the database. */
    async drop(): Promise<void> {
        await this.dataSource.destroy();
        await this.dropStorage();
    }
}
