import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { inject } from 'vitest';
import { buildOnce } from './build-once.js';
import { cloneTestDatabase, sqliteFile } from './clone-database.js';
import { templateDatabasePrefix } from './run-templates.setup.js';
import { createTestDatabase, type Engine, type TestDatabase } from './test-database.js';

declare module 'vitest' {
    export interface ProvidedContext {
        /** The test run's directory of template databases (see run-templates.setup.ts). */
        templateDir: string;
    }
}

const ROOT = resolve(import.meta.dirname, '../..');

/** A database built once in a test run (closed, never changed afterwards); tests get copies of it. */
export interface TemplateDatabase {
    engine: Engine;
    /** The template database's URL (never opened by a test). */
    url: string;
    /** A directory of files kept with the template (e.g. the demo's POS key). */
    files: string;
    /** Whatever the build returned. */
    extra: unknown;
}

/** The run's template directory from the global setup; undefined outside it (then nothing is cached). */
export function templateDir(): string | undefined {
    try {
        return inject('templateDir');
    } catch {
        return undefined;
    }
}

function hashTree(hash: ReturnType<typeof createHash>, dir: string): void {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) hashTree(hash, path);
        else if (entry.isFile()) hash.update(path).update(readFileSync(path));
    }
}

let sourceHash: string | undefined;

/**
 * A hash of the code a template is built with (the whole plugin and the
 * migrations), once per process: a watch-mode run that edits them builds new templates.
 */
function codeHash(): string {
    if (!sourceHash) {
        const hash = createHash('sha256');
        for (const dir of ['plugin', 'migrations']) hashTree(hash, join(ROOT, dir));
        sourceHash = hash.digest('hex');
    }
    return sourceHash;
}

/**
 * The template database of `engine` identified by `key` (any JSON value: what
 * shapes its content), built by `build` the first time any worker of the run
 * asks for it; the other workers wait for it. `build` fills the empty database
 * it is given and may keep files in `files`. Undefined outside a run with the
 * global setup (the caller then builds its own database as before).
 */
export async function templateDatabase(
    engine: Engine,
    key: unknown,
    build: (db: TestDatabase, files: string) => Promise<unknown>,
): Promise<TemplateDatabase | undefined> {
    const dir = templateDir();
    if (!dir) return undefined;
    const id = createHash('sha256')
        .update(JSON.stringify([codeHash(), engine, key ?? null]))
        .digest('hex')
        .slice(0, 16);
    const runId = basename(dir).split('-').pop()!;
    return buildOnce(join(dir, `${engine}-${id}.json`), async () => {
        const files = join(dir, `${engine}-${id}`);
        mkdirSync(files, { recursive: true });
        // SQLite: a file among the template's (the global teardown removes the directory).
        const sqlite = `sqlite:${join(files, 'template.sqlite')}`;
        const db: TestDatabase =
            engine === 'sqlite'
                ? { engine, url: sqlite, drop: async () => rmSync(sqliteFile(sqlite), { force: true }) }
                : await createTestDatabase(engine, templateDatabasePrefix(runId));
        try {
            const extra = await build(db, files);
            return { engine, url: db.url, files, extra } satisfies TemplateDatabase;
        } catch (error) {
            await db.drop();
            throw error;
        }
    });
}

/**
 * A fresh database of `engine` with every Refill migration applied, as
 * `createRefill(…).start()` leaves an empty one: a copy of a template migrated
 * once per run (a file copy on SQLite; on MariaDB the tables copied inside the
 * server, a few times faster than running the migrations). Outside the global
 * setup, an empty database the caller's start migrates.
 */
export async function createMigratedTestDatabase(engine: Engine, name: string): Promise<TestDatabase> {
    const template = await templateDatabase(engine, 'migrated', async (db) => {
        // Imported here: only the builder needs the plugin.
        const { createRefill } = await import('../../plugin/index.js');
        const refill = createRefill({ databaseUrl: db.url, logLevel: 'silent', jobs: { process: false } });
        try {
            await refill.migrate();
        } finally {
            await refill.stop();
        }
        return null;
    });
    return template ? cloneTestDatabase(engine, template.url, name) : createTestDatabase(engine, name);
}
