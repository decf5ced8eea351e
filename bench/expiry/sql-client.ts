import Sqlite from 'better-sqlite3';
import mysql from 'mysql2/promise';
import type { BenchEngine } from '../lib/options.js';

/** A result row as the driver returns it. */
export type Row = Record<string, unknown>;

/**
 * One plain connection straight on the driver (mysql2 or better-sqlite3),
 * no Refill and no TypeORM: for seeding, the checks, and the hand-written
 * baselines. On SQLite it is opened as Refill opens its file (WAL,
 * `synchronous=NORMAL`, foreign keys on).
 */
export interface SqlClient {
    readonly engine: BenchEngine;
    all<T = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
    /** Runs a write; returns the rows it changed. */
    run(sql: string, params?: readonly unknown[]): Promise<number>;
    /** Runs SQL text without parameters (one statement on MySQL; any number on SQLite). */
    exec(sql: string): Promise<void>;
    /** `START TRANSACTION` / `BEGIN IMMEDIATE` … `COMMIT`, or `ROLLBACK` on error. */
    transaction<T>(work: () => Promise<T>): Promise<T>;
    close(): Promise<void>;
}

/** Opens a connection to a MariaDB database URL or a SQLite file. */
export async function openSqlClient(engine: BenchEngine, target: string): Promise<SqlClient> {
    return engine === 'mysql' ? openMysql(target) : openSqlite(target);
}

async function openMysql(url: string): Promise<SqlClient> {
    const conn = await mysql.createConnection({
        uri: url,
        timezone: 'Z',
        supportBigNumbers: true,
        bigNumberStrings: false,
        dateStrings: true,
    });
    const client: SqlClient = {
        engine: 'mysql',
        async all<T>(sql: string, params: readonly unknown[] = []) {
            const [rows] = await conn.query(sql, params as unknown[]);
            return rows as T[];
        },
        async run(sql, params = []) {
            const [result] = await conn.query(sql, params as unknown[]);
            return (result as mysql.ResultSetHeader).affectedRows ?? 0;
        },
        async exec(sql) {
            await conn.query(sql);
        },
        async transaction(work) {
            await conn.query('START TRANSACTION');
            try {
                const result = await work();
                await conn.query('COMMIT');
                return result;
            } catch (error) {
                await conn.query('ROLLBACK').catch(() => undefined);
                throw error;
            }
        },
        async close() {
            await conn.end();
        },
    };
    return client;
}

function openSqlite(file: string): SqlClient {
    const db = new Sqlite(file, { timeout: 10_000 });
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    const statements = new Map<string, Sqlite.Statement>();
    const prepare = (sql: string) => {
        let stmt = statements.get(sql);
        if (!stmt) {
            stmt = db.prepare(sql);
            // Statements with literal id lists differ every batch: do not keep them.
            if (statements.size < 100) statements.set(sql, stmt);
        }
        return stmt;
    };
    return {
        engine: 'sqlite',
        async all<T>(sql: string, params: readonly unknown[] = []) {
            return prepare(sql).all(...params) as T[];
        },
        async run(sql, params = []) {
            return prepare(sql).run(...params).changes;
        },
        async exec(sql) {
            db.exec(sql);
        },
        async transaction(work) {
            db.exec('BEGIN IMMEDIATE');
            try {
                const result = await work();
                db.exec('COMMIT');
                return result;
            } catch (error) {
                if (db.inTransaction) db.exec('ROLLBACK');
                throw error;
            }
        },
        async close() {
            db.close();
        },
    };
}
