import { copyFileSync, existsSync } from 'node:fs';
import mysql from 'mysql2/promise';
import { createTestDatabase, type Engine, type TestDatabase } from './test-database.js';

/** The file of a `sqlite:` test database URL. */
export function sqliteFile(url: string): string {
    if (!url.startsWith('sqlite:')) throw new Error(`not a SQLite test database: ${url}`);
    return url.slice('sqlite:'.length);
}

/** The database name of a MariaDB/MySQL test database URL. */
export function mysqlDatabase(url: string): string {
    return decodeURIComponent(new URL(url).pathname.slice(1));
}

/** Connections that copy tables at once: the server creates tables several times faster in parallel. */
const COPIERS = 4;

/**
 * Copies every table of MariaDB database `source` into the empty database
 * `target` on the server TEST_MYSQL_URL points to: each table as the source's
 * own `SHOW CREATE TABLE` makes it (columns, indexes, foreign keys,
 * AUTO_INCREMENT), then its rows with `INSERT … SELECT`, inside the server,
 * over a few connections at once. Foreign key checks are off for the copy, so
 * the order of tables does not matter. The source must not change meanwhile.
 */
export async function copyMysqlTables(source: string, target: string): Promise<void> {
    const admin = process.env.TEST_MYSQL_URL;
    if (!admin) throw new Error('TEST_MYSQL_URL is not set');
    const reader = await mysql.createConnection(admin);
    const tables: { name: string; ddl: string }[] = [];
    try {
        const [rows] = await reader.query<mysql.RowDataPacket[]>(
            `SELECT TABLE_NAME AS name FROM information_schema.TABLES
             WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE' ORDER BY DATA_LENGTH DESC, TABLE_NAME`,
            [source],
        );
        for (const { name } of rows) {
            const [[created]] = await reader.query<mysql.RowDataPacket[]>(
                `SHOW CREATE TABLE \`${source}\`.\`${String(name)}\``,
            );
            tables.push({ name: String(name), ddl: String(created['Create Table']) });
        }
    } finally {
        await reader.end();
    }
    // The largest tables first, each taken by the next free connection.
    let next = 0;
    const copier = async () => {
        const conn = await mysql.createConnection(admin);
        try {
            await conn.query('SET SESSION FOREIGN_KEY_CHECKS = 0, SESSION UNIQUE_CHECKS = 0');
            await conn.query(`USE \`${target}\``);
            for (let i = next++; i < tables.length; i = next++) {
                const { name, ddl } = tables[i];
                await conn.query(ddl);
                await conn.query(
                    `INSERT INTO \`${target}\`.\`${name}\` SELECT * FROM \`${source}\`.\`${name}\``,
                );
            }
        } finally {
            await conn.end();
        }
    };
    await Promise.all(Array.from({ length: Math.min(COPIERS, tables.length) }, copier));
}

/**
 * A new test database (see {@link createTestDatabase}) holding a copy of the
 * closed, unchanging database at `sourceUrl`: a file copy on SQLite, the
 * tables copied inside the server on MariaDB. Each caller gets its own.
 */
export async function cloneTestDatabase(
    engine: Engine,
    sourceUrl: string,
    name: string,
): Promise<TestDatabase> {
    const db = await createTestDatabase(engine, name);
    try {
        if (engine === 'sqlite') {
            const from = sqliteFile(sourceUrl);
            const to = sqliteFile(db.url);
            copyFileSync(from, to);
            // A database closed cleanly has no -wal file; copy one if it is there, so nothing is lost.
            for (const suffix of ['-wal', '-shm'])
                if (existsSync(from + suffix)) copyFileSync(from + suffix, to + suffix);
        } else {
            await copyMysqlTables(mysqlDatabase(sourceUrl), mysqlDatabase(db.url));
        }
        return db;
    } catch (error) {
        await db.drop();
        throw error;
    }
}
