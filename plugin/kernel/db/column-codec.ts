import type { EntityMetadata, ValueTransformer } from 'typeorm';
import { fromDbTime, toDbTime, type DateReadMode } from './db-time.js';
import { bool } from './row-mappers.js';

/** One column of an entity as TypeORM's metadata describes it. */
type ColumnMeta = EntityMetadata['columns'][number];

/** Turns a driver value into a property value, or a property value into a bound parameter. */
type Convert = (value: unknown) => unknown;

/** One column compiled for Refill's SQL: its property, its database name and its two conversions. */
export interface ColumnCodec {
    readonly property: string;
    readonly column: string;
    /** A value as the driver returned it → the property value. */
    readonly read: Convert;
    /** A property value → the parameter bound for it. */
    readonly write: Convert;
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

/** A column's transformer (or chain of them) applied the way TypeORM applies it. */
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

/**
 * The conversions of one column, by its declared type and nullability, then
 * its transformer: numbers from mysql2's BIGINT and DECIMAL strings, flags
 * from 0/1, times from mysql2's `Date`s (re-read as UTC in `local` mode) or
 * SQLite's UTC text; written back as numbers, 0/1 and UTC text (db-time.ts).
 * A json column holds the document's text in Refill's rows (see `jsonText`):
 * TypeORM serialises after the transformer, Refill's SQL binds the text
 * itself, so only the transformer's read applies.
 */
export function compileColumn(column: ColumnMeta, mode: DateReadMode): ColumnCodec {
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
