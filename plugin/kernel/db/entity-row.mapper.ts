import type { DataSource, EntityMetadata, EntitySchema, ValueTransformer } from 'typeorm';
import { RefillConfigError } from '../errors/refill-error.js';
import { fromDbTime, toDbTime, type DateReadMode } from './db-time.js';
import { bool } from './row-mappers.js';
import type { Row } from './sql-executor.js';

/** One column of an entity as TypeORM's metadata describes it. */
type ColumnMeta = EntityMetadata['columns'][number];

/** Turns a driver value into a property value, or a property value into a bound parameter. */
type Convert = (value: unknown) => unknown;

/** A compiled column: its property, its database name and its two conversions. */
interface CompiledColumn {
    readonly property: string;
    readonly column: string;
    readonly read: Convert;
    readonly write: Convert;
}

/**
 * Reads rows into objects of some of an entity's properties and writes those
 * properties as statement parameters, with conversions compiled once.
 */
export class RowShape<V> {
    /** The properties, in their order. */
    readonly properties: ReadonlyArray<keyof V & string>;
    /** The database column names, in the order of the properties. */
    readonly columnNames: readonly string[];
    /** The column list for `SELECT` and `INSERT`: `a, b, c`. */
    readonly columns: string;
    /** How many values {@link RowShape.values} gives per object. */
    readonly width: number;
    private readonly selects = new Map<string, string>();
    private readonly readers = new Map<string, (row: Row) => V>();
    private readonly placeholderRow: string;
    /** The object a result row holds (columns under their own names). */
    readonly fromRow: (row: Row) => V;

    constructor(
        /** The entity's table. */
        readonly table: string,
        private readonly parts: readonly CompiledColumn[],
    ) {
        this.properties = parts.map((p) => p.property as keyof V & string);
        this.columnNames = parts.map((p) => p.column);
        this.columns = this.columnNames.join(', ');
        this.width = parts.length;
        this.placeholderRow = `(${new Array(parts.length).fill('?').join(', ')})`;
        this.fromRow = this.reader('');
    }

    /**
     * The column list qualified with a table alias (`c.id, c.name`), and with
     * `prefix`, each column aliased `prefix` + its name (`s.id AS s_id`) so it
     * can sit beside another table's columns; read such rows with
     * {@link RowShape.reader}.
     */
    select(tableAlias: string, prefix = ''): string {
        const key = `${tableAlias}\u0000${prefix}`;
        let list = this.selects.get(key);
        if (list === undefined) {
            list = this.columnNames
                .map((c) => (prefix ? `${tableAlias}.${c} AS ${prefix}${c}` : `${tableAlias}.${c}`))
                .join(', ');
            this.selects.set(key, list);
        }
        return list;
    }

    /** A reader of rows whose columns carry `prefix` (see {@link RowShape.select}); compiled once per prefix. */
    reader(prefix: string): (row: Row) => V {
        let read = this.readers.get(prefix);
        if (read === undefined) {
            const parts = this.parts.map((p) => ({ ...p, key: prefix + p.column }));
            read = (row: Row): V => {
                const out: Record<string, unknown> = {};
                for (const p of parts) out[p.property] = p.read(row[p.key]);
                return out as V;
            };
            this.readers.set(prefix, read);
        }
        return read;
    }

    /** The parameters of one object, in column order (times as UTC text, flags as 0/1). */
    values(value: V): unknown[] {
        const out = new Array<unknown>(this.parts.length);
        this.push(out, value, 0);
        return out;
    }

    /** The parameters of many objects, one after another (multi-row inserts). */
    valuesOf(values: readonly V[]): unknown[] {
        const out = new Array<unknown>(values.length * this.parts.length);
        for (let i = 0; i < values.length; i++) this.push(out, values[i], i * this.parts.length);
        return out;
    }

    /** `(?, ?, ?), (?, ?, ?)` for `rows` objects. */
    placeholders(rows: number): string {
        return rows === 1 ? this.placeholderRow : new Array(rows).fill(this.placeholderRow).join(', ');
    }

    /** `INSERT INTO table (columns) VALUES (?, …), …` for `rows` objects; `verb` may be an `INSERT IGNORE`. */
    insert(rows = 1, verb = 'INSERT'): string {
        return `${verb} INTO ${this.table} (${this.columns}) VALUES ${this.placeholders(rows)}`;
    }

    private push(out: unknown[], value: V, at: number): void {
        const source = value as Record<string, unknown>;
        const parts = this.parts;
        for (let i = 0; i < parts.length; i++) out[at + i] = parts[i].write(source[parts[i].property]);
    }
}

/**
 * The row mapping of one entity, derived from its TypeORM metadata: the
 * column list of its table and the conversions between a driver's row and
 * the entity object, the same on both engines. mysql2 hands BIGINT and
 * DECIMAL over as strings and SQLite integers as numbers, flags come back
 * as 0/1, and times as `Date`s (MySQL) or UTC text (SQLite): every column
 * is read by its declared type, then through its transformer. Writes bind
 * times as UTC text (see db-time.ts) and flags as 0/1; MySQL values then
 * still pass through Refill's formatter (mysql-format.ts).
 *
 * Built once per DataSource and entity (see {@link entityRowMapper}); the
 * metadata is read on first use, since a host may hand Refill its
 * DataSource before initialising it.
 */
export class EntityRowMapper<T extends object> {
    private compiled: { all: RowShape<T>; byProperty: Map<string, CompiledColumn> } | null = null;
    /** Shapes of property lists (each a `RowShape` of a `Pick` of `T`), by list. */
    private readonly shapes = new Map<string, unknown>();
    private insertShape: RowShape<Pick<T, Exclude<keyof T, 'id'> & string>> | null = null;

    constructor(
        private readonly dataSource: DataSource,
        private readonly entity: EntitySchema<T>,
        private readonly dateMode: DateReadMode,
    ) {}

    /** The entity's table. */
    get table(): string {
        return this.all.table;
    }

    /** Every column of the table, in the entity's order: `id, customer_id, …`. */
    get columns(): string {
        return this.all.columns;
    }

    /** The shape of the whole entity (every column). */
    get all(): RowShape<T> {
        return (this.compiled ?? this.compile()).all;
    }

    /** The entity object a result row holds (every column, under its own name). */
    fromRow(row: Row): T {
        return (this.compiled ?? this.compile()).all.fromRow(row);
    }

    /** Every column, qualified with `tableAlias` and optionally aliased with `prefix` (see {@link RowShape.select}). */
    select(tableAlias: string, prefix = ''): string {
        return this.all.select(tableAlias, prefix);
    }

    /** The shape of some of the entity's properties (a projection, or the columns an insert sets); built once per list. */
    pick<K extends keyof T & string>(properties: readonly K[]): RowShape<Pick<T, K>> {
        const key = properties.join(',');
        const known = this.shapes.get(key);
        if (known !== undefined) return known as RowShape<Pick<T, K>>;
        const shape = new RowShape<Pick<T, K>>(
            this.table,
            properties.map((p) => this.part(p)),
        );
        this.shapes.set(key, shape);
        return shape;
    }

    /**
     * Every property but the generated key (what the insert of a new row
     * sets; Refill's generated keys are all `id`).
     */
    get insertable(): RowShape<Pick<T, Exclude<keyof T, 'id'> & string>> {
        if (this.insertShape === null) {
            const properties = this.metadata()
                .columns.filter((c) => !c.isGenerated)
                .map((c) => c.propertyName as Exclude<keyof T, 'id'> & string);
            this.insertShape = this.pick(properties);
        }
        return this.insertShape;
    }

    /**
     * `column = ?` assignments and their parameters for those of
     * `properties` that `patch` sets (not undefined), in that order: the
     * `SET` of an update of some fields.
     */
    assignments<K extends keyof T & string>(
        patch: Partial<Pick<T, K>>,
        properties: readonly K[],
    ): { sets: string[]; params: unknown[] } {
        const sets: string[] = [];
        const params: unknown[] = [];
        for (const property of properties) {
            const value = patch[property];
            if (value === undefined) continue;
            const part = this.part(property);
            sets.push(`${part.column} = ?`);
            params.push(part.write(value));
        }
        return { sets, params };
    }

    /** The database column of a property. */
    column(property: keyof T & string): string {
        return this.part(property).column;
    }

    /** A property value as a statement parameter (for `SET column = ?` built per call). */
    param<K extends keyof T & string>(property: K, value: T[K] | null | undefined): unknown {
        return this.part(property).write(value);
    }

    private part(property: string): CompiledColumn {
        const column = (this.compiled ?? this.compile()).byProperty.get(property);
        if (!column) throw new Error(`${this.table} has no column for the property "${property}"`);
        return column;
    }

    private metadata(): EntityMetadata {
        if (!this.dataSource.isInitialized)
            throw new Error(
                `The DataSource is not initialised: no metadata of ${this.entity.options.name} yet`,
            );
        if (!this.dataSource.hasMetadata(this.entity))
            throw new RefillConfigError(
                'dataSource.options.entities',
                `the DataSource does not know Refill's entity ${this.entity.options.name}`,
                "Add Refill's entities to the DataSource: entities: [...yourEntities, ...refillEntities].",
            );
        return this.dataSource.getMetadata(this.entity);
    }

    private compile(): { all: RowShape<T>; byProperty: Map<string, CompiledColumn> } {
        const meta = this.metadata();
        const parts = meta.columns.map((c) => compileColumn(c, this.dateMode));
        this.compiled = {
            all: new RowShape<T>(meta.tableName, parts),
            byProperty: new Map(parts.map((p) => [p.property, p])),
        };
        return this.compiled;
    }
}

/** Applies a column's transformer (or chain of them) the way TypeORM does. */
function transformers(column: ColumnMeta): { from: Convert; to: Convert } | null {
    const t = column.transformer;
    if (!t) return null;
    const list: ValueTransformer[] = Array.isArray(t) ? t : [t];
    const reversed = [...list].reverse();
    return {
        from: (value) => reversed.reduce((v, x) => x.from(v), value),
        to: (value) => list.reduce((v, x) => x.to(v), value),
    };
}

const NUMERIC = new Set([
    'int',
    'integer',
    'bigint',
    'smallint',
    'tinyint',
    'decimal',
    'numeric',
    'float',
    'double',
]);
const TIMES = new Set(['datetime', 'timestamp', 'date']);

/** The read and write conversions of one column, by its declared type and nullability. */
function compileColumn(column: ColumnMeta, mode: DateReadMode): CompiledColumn {
    const type = typeof column.type === 'string' ? column.type : String(column.type.name).toLowerCase();
    const nullable = column.isNullable;
    let read: Convert;
    let write: Convert = (v) => (v === undefined ? null : v);
    if (NUMERIC.has(type)) {
        read = nullable ? (v) => (v === null || v === undefined ? null : Number(v)) : (v) => Number(v);
    } else if (type === 'boolean') {
        read = nullable ? (v) => (v === null || v === undefined ? null : bool(v)) : bool;
        write = (v) => (v === null || v === undefined ? null : v ? 1 : 0);
    } else if (TIMES.has(type)) {
        read = nullable
            ? (v) => (v === null || v === undefined ? null : fromDbTime(v, mode))
            : (v) => fromDbTime(v, mode);
        write = (v) => (v === null || v === undefined ? null : v instanceof Date ? toDbTime(v) : v);
    } else {
        read = nullable ? (v) => (v === undefined ? null : v) : (v) => String(v);
    }
    const transform = transformers(column);
    if (transform && type === 'json') {
        // A json column holds the document's text in Refill's rows (see jsonText): TypeORM
        // serialises after the transformer, Refill's SQL binds the text itself.
        const base = read;
        read = (v) => transform.from(base(v));
        write = (v) =>
            v === undefined || v === null || typeof v === 'string' ? (v ?? null) : JSON.stringify(v);
    } else if (transform) {
        const [baseRead, baseWrite] = [read, write];
        read = (v) => transform.from(baseRead(v));
        write = (v) => baseWrite(transform.to(v));
    }
    return { property: column.propertyName, column: column.databaseName, read, write };
}

/** Per DataSource, the mapper of each entity (an `EntityRowMapper` of that entity's type). */
const mappers = new WeakMap<DataSource, Map<object, unknown>>();

/**
 * The row mapper of `entity` on `dataSource`: one per DataSource and entity,
 * so every repository (and every view of the database) shares its compiled
 * conversions.
 */
export function entityRowMapper<T extends object>(
    dataSource: DataSource,
    entity: EntitySchema<T>,
    dateMode: DateReadMode,
): EntityRowMapper<T> {
    let byEntity = mappers.get(dataSource);
    if (!byEntity) {
        byEntity = new Map();
        mappers.set(dataSource, byEntity);
    }
    let mapper = byEntity.get(entity) as EntityRowMapper<T> | undefined;
    if (!mapper) {
        mapper = new EntityRowMapper<T>(dataSource, entity, dateMode);
        byEntity.set(entity, mapper);
    }
    return mapper;
}
