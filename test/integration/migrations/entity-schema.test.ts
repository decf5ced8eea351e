import type { DataSource, EntityMetadata, Table } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDataSourceFromUrl } from '../../../plugin/kernel/db/data-source.factory.js';
import { MigrationRunner } from '../../../plugin/kernel/db/migration-runner.js';
import { refillEntities, refillMigrations } from '../../../plugin/index.js';
import { createTestDatabase, engines, type Engine, type TestDatabase } from '../../helpers/test-database.js';

/**
 * Tables the migrations create that no entity describes, and why: the
 * migration runner's own bookkeeping and the job backend's queue (its rows
 * are Agenda's jobs, read and written by the backend's own mapper).
 */
const NOT_ENTITIES = ['refill_migrations', 'refill_jobs', 'refill_job_logs'];

/** A column as both sides are compared: types in the engine's terms. */
interface ColumnShape {
    name: string;
    type: string;
    nullable: boolean;
    primary: boolean;
    length: string;
    precision: number | null;
}

/** An index (or unique constraint) as both sides are compared. */
interface IndexShape {
    name: string;
    unique: boolean;
    columns: string[];
}

/**
 * A declared or stored type in the terms the engine keeps: SQLite keeps
 * integers of any width alike (and an auto-increment key must be INTEGER)
 * and JSON as TEXT; MariaDB keeps booleans as TINYINT and JSON as LONGTEXT.
 */
function canonicalType(engine: Engine, declared: string): string {
    const type = declared.toLowerCase();
    if (engine === 'sqlite') {
        if (type.includes('int')) return 'integer';
        if (type === 'json' || type === 'simple-json') return 'text';
        return type;
    }
    if (type === 'boolean' || type === 'bool') return 'tinyint';
    if (type === 'integer') return 'int';
    if (type === 'json') return 'longtext';
    return type;
}

/** A varchar's length as MySQL reports it (TypeORM leaves the default 255 out). */
function lengthOf(type: string, length: string | number | undefined): string {
    if (type !== 'varchar') return '';
    return String(length || 255);
}

/** What an entity says its table's columns are. */
function declaredColumns(ds: DataSource, engine: Engine, meta: EntityMetadata): ColumnShape[] {
    return meta.columns
        .map((c) => {
            const type = canonicalType(engine, ds.driver.normalizeType(c));
            return {
                name: c.databaseName,
                type,
                nullable: c.isNullable,
                primary: c.isPrimary,
                length: lengthOf(type, c.length),
                precision: engine === 'mysql' && type === 'datetime' ? (c.precision ?? null) : null,
            };
        })
        .sort((a, b) => a.name.localeCompare(b.name));
}

/** What the migrated table's columns are. */
function storedColumns(engine: Engine, table: Table): ColumnShape[] {
    return table.columns
        .map((c) => {
            const type = canonicalType(engine, c.type);
            return {
                name: c.name,
                type,
                nullable: c.isNullable,
                primary: c.isPrimary,
                length: lengthOf(type, c.length),
                precision: engine === 'mysql' && type === 'datetime' ? (c.precision ?? null) : null,
            };
        })
        .sort((a, b) => a.name.localeCompare(b.name));
}

/** What an entity says its table's indexes and unique constraints are. */
function declaredIndexes(meta: EntityMetadata): IndexShape[] {
    return [
        ...meta.indices.map((i) => ({
            name: i.name,
            unique: i.isUnique,
            columns: i.columns.map((c) => c.databaseName),
        })),
        ...meta.uniques.map((u) => ({
            name: u.name,
            unique: true,
            columns: u.columns.map((c) => c.databaseName),
        })),
    ].sort((a, b) => a.name.localeCompare(b.name));
}

/** What the migrated table's indexes and unique constraints are. */
function storedIndexes(table: Table): IndexShape[] {
    return [
        ...table.indices.map((i) => ({ name: i.name ?? '', unique: i.isUnique, columns: i.columnNames })),
        ...table.uniques.map((u) => ({ name: u.name ?? '', unique: true, columns: u.columnNames })),
    ].sort((a, b) => a.name.localeCompare(b.name));
}

/** The tables of the test database whose names start with `refill_`. */
async function refillTables(ds: DataSource): Promise<string[]> {
    const rows: Array<{ name: string }> =
        ds.options.type === 'better-sqlite3'
            ? await ds.query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'refill_%'`)
            : await ds.query(
                  `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name LIKE 'refill_%'`,
              );
    return rows.map((r) => r.name).sort();
}

describe.each(engines)('entity metadata and the migrated schema on %s', (engine) => {
    let db: TestDatabase;
    let ds: DataSource;
    let entities: EntityMetadata[];
    let tables: Map<string, Table>;

    beforeAll(async () => {
        db = await createTestDatabase(engine, 'entity_schema');
        ds = createDataSourceFromUrl({ url: db.url, poolSize: 2, entities: refillEntities });
        await ds.initialize();
        await new MigrationRunner(ds, refillMigrations).up();
        entities = refillEntities.map((e) => ds.getMetadata(e));
        const runner = ds.createQueryRunner();
        try {
            const found = await runner.getTables(await refillTables(ds));
            // MySQL names tables `schema.table`.
            tables = new Map(found.map((t) => [t.name.split('.').pop() as string, t]));
        } finally {
            await runner.release();
        }
    });
    afterAll(async () => {
        await ds?.destroy();
        await db?.drop();
    });

    it('has a table for every entity, and an entity for every table but the bookkeeping ones', () => {
        const declared = entities.map((m) => m.tableName).sort();
        expect(new Set(declared).size).toBe(declared.length);
        expect([...tables.keys()].filter((t) => !NOT_ENTITIES.includes(t)).sort()).toEqual(declared);
        for (const table of NOT_ENTITIES) expect(tables.has(table)).toBe(true);
    });

    it('stores every column of every entity under its name, type, nullability, length and precision, and no other', () => {
        expect(entities.reduce((n, m) => n + m.columns.length, 0)).toBeGreaterThan(300);
        for (const meta of entities) {
            const table = tables.get(meta.tableName);
            expect(table, meta.tableName).toBeDefined();
            expect({ table: meta.tableName, columns: storedColumns(engine, table!) }).toEqual({
                table: meta.tableName,
                columns: declaredColumns(ds, engine, meta),
            });
        }
    });

    it('has every index of every entity (name, columns in order, uniqueness), and no other', () => {
        expect(entities.reduce((n, m) => n + declaredIndexes(m).length, 0)).toBeGreaterThan(40);
        for (const meta of entities) {
            expect({ table: meta.tableName, indexes: storedIndexes(tables.get(meta.tableName)!) }).toEqual({
                table: meta.tableName,
                indexes: declaredIndexes(meta),
            });
        }
    });

    it('has the foreign key of every relation, and no other', () => {
        expect(entities.reduce((n, m) => n + m.foreignKeys.length, 0)).toBeGreaterThan(20);
        for (const meta of entities) {
            const key = (fk: { columns: string[]; table: string; referenced: string[]; onDelete?: string }) =>
                `${fk.columns.join(',')} → ${fk.table}(${fk.referenced.join(',')}) ON DELETE ${fk.onDelete ?? 'NO ACTION'}`;
            const declared = meta.foreignKeys.map((fk) =>
                key({
                    columns: fk.columnNames,
                    table: fk.referencedTablePath,
                    referenced: fk.referencedColumnNames,
                    onDelete: fk.onDelete,
                }),
            );
            const stored = tables.get(meta.tableName)!.foreignKeys.map((fk) =>
                key({
                    columns: [...new Set(fk.columnNames)],
                    table: fk.referencedTableName.split('.').pop() as string,
                    referenced: [...new Set(fk.referencedColumnNames)],
                    onDelete: fk.onDelete,
                }),
            );
            expect({ table: meta.tableName, foreignKeys: stored.sort() }).toEqual({
                table: meta.tableName,
                foreignKeys: declared.sort(),
            });
        }
    });

    it.runIf(engine === 'mysql')("leaves TypeORM's schema builder nothing to change", async () => {
        const pending = await ds.driver.createSchemaBuilder().log();
        expect(pending.upQueries.map((q) => q.query)).toEqual([]);
    });
});
