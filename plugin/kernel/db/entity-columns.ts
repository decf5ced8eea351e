import type { EntitySchemaColumnOptions } from 'typeorm';

/*
 * Column shapes shared by Refill's entity schemas. They mirror the migrations
 * (which never import them: migrations stay frozen once landed).
 */

/** Turns mysql2's BIGINT strings into numbers (Refill keeps every id and amount below 2^53). */
const bigintToNumber = {
    to: (value: number | null | undefined) => value,
    from: (value: string | number | null) => (value === null || value === undefined ? value : Number(value)),
};

/** An auto-increment 64-bit primary key. */
export const bigId = (): EntitySchemaColumnOptions => ({
    type: 'bigint',
    primary: true,
    generated: 'increment',
    transformer: bigintToNumber,
});
/** An auto-increment 32-bit primary key for small tables. */
export const intId = (): EntitySchemaColumnOptions => ({
    type: 'int',
    primary: true,
    generated: 'increment',
});
/** A 64-bit integer column (ids of big tables, money sums). */
export const bigInt = (name: string, nullable = false): EntitySchemaColumnOptions => ({
    name,
    type: 'bigint',
    nullable,
    transformer: bigintToNumber,
});
/** A 32-bit integer column: amounts in minor units, counts. */
export const int = (name: string, nullable = false, dflt?: number): EntitySchemaColumnOptions => ({
    name,
    type: 'int',
    nullable,
    default: dflt,
});
/** A varchar column. */
export const str = (name: string, length: number, nullable = false): EntitySchemaColumnOptions => ({
    name,
    type: 'varchar',
    length,
    nullable,
});
/** A boolean flag stored as 0/1. */
export const bool = (name: string): EntitySchemaColumnOptions => ({ name, type: 'boolean', default: false });
/** A UTC time with millisecond precision. */
export const time = (name: string, nullable = false): EntitySchemaColumnOptions => ({
    name,
    type: 'datetime',
    precision: 3,
    nullable,
});
/** A text column (JSON documents). */
export const text = (name: string): EntitySchemaColumnOptions => ({ name, type: 'text', nullable: true });

/**
 * A stored JSON document kept as its text (the responses replayed to tills).
 * Declared as `json` because that is the one type TypeORM maps to a column
 * large enough for a 500-line receipt on every engine Refill runs on:
 * LONGTEXT on MariaDB (its JSON is an alias of LONGTEXT), JSON on MySQL 8,
 * TEXT on SQLite. TypeORM parses and stringifies `json` columns itself; the
 * transformer hands the text through unchanged, so entities read and write
 * the same string Refill's own SQL does.
 */
export const jsonText = (name: string): EntitySchemaColumnOptions => ({
    name,
    type: 'json',
    nullable: true,
    transformer: {
        to: (value: string | null | undefined) => (typeof value === 'string' ? JSON.parse(value) : value),
        from: (value: unknown) =>
            value === null || value === undefined || typeof value === 'string'
                ? value
                : JSON.stringify(value),
    },
});

/** Stores a list of months (1–12) as `"6,7,8"`. */
export const monthsTransformer = {
    to: (value: number[] | null | undefined) => (value ? value.join(',') : ''),
    from: (value: string | null) => (value ? value.split(',').map(Number) : []),
};
