import type { DataSource, EntityMetadata, EntitySchema } from 'typeorm';
import { RefillConfigError } from '../errors/refill-error.js';
import { compileColumn, type ColumnCodec } from './column-codec.js';
import type { DateReadMode } from './db-time.js';
import { RowShape } from './row-shape.js';
import type { Row } from './sql-executor.js';

export { RowShape } from './row-shape.js';

/** An entity's columns, compiled from its metadata. */
interface Compiled {
    table: string;
    parts: ColumnCodec[];
    byProperty: Map<string, ColumnCodec>;
    /** Properties the database fills in (auto-increment keys). */
    generated: Set<string>;
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
    private compiled: Compiled | null = null;
    /** Shapes of property lists (each a `RowShape` of a `Pick` of `T`), by list. */
    private readonly shapes = new Map<string, unknown>();
    /** The shape of the whole entity (every column, in the entity's order). */
    readonly all: RowShape<T>;
    /**
     * Every property but the generated key (what the insert of a new row
     * sets; Refill's generated keys are all `id`).
     */
    readonly insertable: RowShape<Pick<T, Exclude<keyof T, 'id'> & string>>;

    constructor(
        private readonly dataSource: DataSource,
        private readonly entity: EntitySchema<T>,
        private readonly dateMode: DateReadMode,
    ) {
        this.all = new RowShape<T>(() => this.compile());
        this.insertable = new RowShape(() => {
            const { table, parts, generated } = this.compile();
            return { table, parts: parts.filter((p) => !generated.has(p.property)) };
        });
    }

    /** The entity's table. */
    get table(): string {
        return this.compile().table;
    }

    /** Every column of the table, in the entity's order: `id, customer_id, …`. */
    get columns(): string {
        return this.all.columns;
    }

    /** The entity object a result row holds (every column, under its own name). */
    fromRow(row: Row): T {
        return this.all.fromRow(row);
    }

    /** Every column, qualified with `tableAlias` and optionally aliased with `prefix` (see {@link RowShape.select}). */
    select(tableAlias: string, prefix = ''): string {
        return this.all.select(tableAlias, prefix);
    }

    /**
     * The shape of some of the entity's properties (a projection, or the
     * columns an insert sets); built once per list, resolved on first use.
     */
    pick<K extends keyof T & string>(properties: readonly K[]): RowShape<Pick<T, K>> {
        const key = properties.join(',');
        const known = this.shapes.get(key);
        if (known !== undefined) return known as RowShape<Pick<T, K>>;
        const shape = new RowShape<Pick<T, K>>(() => ({
            table: this.compile().table,
            parts: properties.map((p) => this.part(p)),
        }));
        this.shapes.set(key, shape);
        return shape;
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

    private part(property: string): ColumnCodec {
        const column = this.compile().byProperty.get(property);
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

    private compile(): Compiled {
        if (this.compiled === null) {
            const meta = this.metadata();
            const parts = meta.columns.map((c) => compileColumn(c, this.dateMode));
            this.compiled = {
                table: meta.tableName,
                parts,
                byProperty: new Map(parts.map((p) => [p.property, p])),
                generated: new Set(meta.columns.filter((c) => c.isGenerated).map((c) => c.propertyName)),
            };
        }
        return this.compiled;
    }
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
