import { Table, type DataSource, type MigrationInterface, type QueryRunner } from 'typeorm';
import { toDbTime } from './db-time.js';
import { formatMysql } from './mysql-format.js';
import { sqliteLockFor } from './sqlite-lock.js';

/**
 * The MySQL/MariaDB lock name: the migration table's name with the database's
 * (hashed to stay within the 64-character limit on lock names), since
 * `GET_LOCK` is server-wide and two databases on one server (two installs,
 * parallel test databases) must not wait on each other's migrations.
 */
const LOCK_NAME = `CONCAT(?, ':', LEFT(MD5(DATABASE()), 16))`;

/** One applied or pending migration. */
export interface MigrationStatus {
    name: string;
    timestamp: number;
    applied: boolean;
}

type MigrationClass = new () => MigrationInterface;

/**
 * Runs Refill's migrations and records them in Refill's own table
 * (`refill_migrations`), so they never mix with the host's migration history
 * even when both share one DataSource. TypeORM's runner records into the one
 * table its DataSource is configured with, which is why Refill has its own.
 * Each migration runs under a lock (MySQL `GET_LOCK`, SQLite `BEGIN IMMEDIATE`)
 * so that several instances starting together apply it once.
 */
export class MigrationRunner {
    constructor(
        private readonly dataSource: DataSource,
        private readonly migrations: MigrationClass[],
        private readonly tableName = 'refill_migrations',
    ) {}

    /** Lists every migration and whether it has been applied. */
    async status(): Promise<MigrationStatus[]> {
        return this.withRunner(async (qr) => {
            const applied = await this.applied(qr);
            return this.sorted().map((m) => ({ ...m, applied: applied.has(m.name) }));
        });
    }

    /** Applies every pending migration in order; returns the names applied. */
    async up(): Promise<string[]> {
        return this.withRunner(async (qr) => {
            const done: string[] = [];
            for (const m of this.sorted()) {
                const ran = await this.locked(qr, async () => {
                    if ((await this.applied(qr)).has(m.name)) return false;
                    await new m.Class().up(qr);
                    await this.query(
                        qr,
                        `INSERT INTO ${this.tableName} (timestamp, name, applied_at) VALUES (?, ?, ?)`,
                        [m.timestamp, m.name, toDbTime(new Date())],
                    );
                    return true;
                });
                if (ran) done.push(m.name);
            }
            return done;
        });
    }

    /** Reverts the last `steps` applied migrations (all of them with `Infinity`). */
    async down(steps = 1): Promise<string[]> {
        return this.withRunner(async (qr) => {
            const reverted: string[] = [];
            for (const m of this.sorted().reverse()) {
                if (reverted.length >= steps) break;
                const ran = await this.locked(qr, async () => {
                    if (!(await this.applied(qr)).has(m.name)) return false;
                    await new m.Class().down(qr);
                    await this.query(qr, `DELETE FROM ${this.tableName} WHERE name = ?`, [m.name]);
                    return true;
                });
                if (ran) reverted.push(m.name);
            }
            return reverted;
        });
    }

    private sorted(): Array<{ name: string; timestamp: number; Class: MigrationClass }> {
        return this.migrations
            .map((Class) => {
                const name = Class.name;
                const match = /(\d{13})$/.exec(name);
                if (!match) throw new Error(`Migration class ${name} must end with a 13-digit timestamp`);
                return { name, timestamp: Number(match[1]), Class };
            })
            .sort((a, b) => a.timestamp - b.timestamp);
    }

    private async applied(qr: QueryRunner): Promise<Set<string>> {
        const rows: Array<{ name: string }> = await qr.query(`SELECT name FROM ${this.tableName}`);
        return new Set(rows.map((r) => r.name));
    }

    /**
     * Runs a statement with values on `qr`. On MySQL the values are written by
     * Refill's formatter (a host's pool would escape them with backslashes,
     * which NO_BACKSLASH_ESCAPES reads differently); SQLite binds them.
     */
    private query(qr: QueryRunner, sql: string, params: unknown[]): Promise<Array<Record<string, unknown>>> {
        return this.sqlite ? qr.query(sql, params) : qr.query(formatMysql(sql, params));
    }

    private get sqlite(): boolean {
        return this.dataSource.options.type === 'better-sqlite3';
    }

    private async locked<T>(qr: QueryRunner, fn: () => Promise<T>): Promise<T> {
        if (this.sqlite) {
            // SQLite DDL is transactional: the whole migration commits or nothing does.
            return sqliteLockFor(this.dataSource).runExclusive(async () => {
                await qr.query('BEGIN IMMEDIATE');
                try {
                    const result = await fn();
                    await qr.query('COMMIT');
                    return result;
                } catch (error) {
                    await qr.query('ROLLBACK').catch(() => undefined);
                    throw error;
                }
            });
        }
        const [row] = await this.query(qr, `SELECT GET_LOCK(${LOCK_NAME}, 60) AS got`, [this.tableName]);
        if (Number(row?.got) !== 1) throw new Error('Timed out waiting for the Refill migration lock');
        try {
            return await fn();
        } finally {
            await this.query(qr, `SELECT RELEASE_LOCK(${LOCK_NAME})`, [this.tableName]);
        }
    }

    private async withRunner<T>(fn: (qr: QueryRunner) => Promise<T>): Promise<T> {
        const qr = this.dataSource.createQueryRunner();
        try {
            await qr.createTable(
                new Table({
                    name: this.tableName,
                    columns: [
                        { name: 'name', type: 'varchar', length: '255', isPrimary: true },
                        { name: 'timestamp', type: 'bigint' },
                        { name: 'applied_at', type: 'datetime', precision: 3 },
                    ],
                }),
                true,
            );
            return await fn(qr);
        } finally {
            if (!this.sqlite) await qr.release();
        }
    }
}
