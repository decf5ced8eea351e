import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { setSessionSqlMode } from './sql-mode-hook.mjs';

/** A database engine the suite runs on. */
export type Engine = 'sqlite' | 'mysql';

/**
 * SQLite always; MariaDB/MySQL as well when TEST_MYSQL_URL is set (CI sets it).
 * Every MariaDB connection of the suite runs with `NO_BACKSLASH_ESCAPES,ANSI_QUOTES`
 * added to the server's sql_mode (TEST_MYSQL_SQL_MODE; see sql-mode-hook.mjs).
 */
export const engines: Engine[] = process.env.TEST_MYSQL_URL ? ['sqlite', 'mysql'] : ['sqlite'];

/** A fresh, empty database and how to drop it. */
export interface TestDatabase {
    engine: Engine;
    url: string;
    drop(): Promise<void>;
}

/** How a test database's connections are set up. */
export interface TestDatabaseOptions {
    /**
     * MariaDB: the sql_mode names every connection to this database adds to the
     * server's ('' for the server's own), instead of TEST_MYSQL_SQL_MODE.
     */
    sqlMode?: string;
}

/**
 * Creates an empty database for one test file: a new MariaDB database named
 * after the file (on the server TEST_MYSQL_URL points to), or a new SQLite
 * file in a temporary directory.
 */
export async function createTestDatabase(
    engine: Engine,
    name: string,
    options: TestDatabaseOptions = {},
): Promise<TestDatabase> {
    if (engine === 'sqlite') {
        const dir = mkdtempSync(join(tmpdir(), 'refill-test-'));
        return {
            engine,
            url: `sqlite:${join(dir, 'refill.sqlite')}`,
            async drop() {
                rmSync(dir, { recursive: true, force: true });
            },
        };
    }
    const admin = process.env.TEST_MYSQL_URL;
    if (!admin) throw new Error('TEST_MYSQL_URL is not set');
    const dbName =
        `rt_${name.replace(/[^a-z0-9]/gi, '_').slice(0, 30)}_${randomBytes(4).toString('hex')}`.toLowerCase();
    const conn = await mysql.createConnection(admin);
    await conn.query(`CREATE DATABASE \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await conn.end();
    if (options.sqlMode !== undefined) setSessionSqlMode(dbName, options.sqlMode);
    const url = new URL(admin);
    url.pathname = `/${dbName}`;
    // The server is MariaDB (CI) unless TEST_MYSQL_FLAVOUR=mysql: use TypeORM's matching driver flavour.
    if (process.env.TEST_MYSQL_FLAVOUR !== 'mysql') url.protocol = 'mariadb:';
    return {
        engine,
        url: url.toString(),
        async drop() {
            const c = await mysql.createConnection(admin);
            await c.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
            await c.end();
        },
    };
}
