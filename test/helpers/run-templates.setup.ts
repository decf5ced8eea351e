import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import type { TestProject } from 'vitest/node';

/** The name prefix of the template databases of the run `runId` (dropped at the run's end). */
export function templateDatabasePrefix(runId: string): string {
    return `tpl_${runId}`;
}

/**
 * Vitest global setup: a directory for this run's template databases (a
 * migrated schema, the browser tests' demo chain: built once per engine, copied
 * for each test file; see run-templates.ts), removed at the end with the
 * template databases.
 */
export default function setup(project: TestProject): () => Promise<void> {
    const runId = randomBytes(4).toString('hex');
    const dir = join(tmpdir(), `refill-templates-${runId}`);
    mkdirSync(dir, { recursive: true });
    project.provide('templateDir', dir);
    return async () => {
        rmSync(dir, { recursive: true, force: true });
        const admin = process.env.TEST_MYSQL_URL;
        if (!admin) return;
        const conn = await mysql.createConnection(admin);
        try {
            const [rows] = await conn.query<mysql.RowDataPacket[]>(
                'SELECT SCHEMA_NAME AS name FROM information_schema.SCHEMATA',
            );
            // createTestDatabase names them rt_<name>_<random>.
            const prefix = `rt_${templateDatabasePrefix(runId)}_`;
            for (const name of rows.map((r) => String(r.name)).filter((n) => n.startsWith(prefix)))
                await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
        } finally {
            await conn.end();
        }
    };
}
