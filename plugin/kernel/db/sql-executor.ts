/** The two SQL dialects Refill speaks: MySQL/MariaDB and SQLite. */
export type Dialect = 'mysql' | 'sqlite';

/** A result row as the driver returns it. */
export type Row = Record<string, unknown>;

/** What a write statement reports. */
export interface RunResult {
    /** Rows changed (for MySQL upserts: 1 per insert, 2 per update). */
    affected: number;
    /** The auto-increment id of a single-row insert. */
    insertId: number;
}

/**
 * Runs parameterised SQL on one connection: inside a transaction or not.
 * Repositories take one of these so the same code runs in and out of a unit of work.
 */
export interface SqlExecutor {
    readonly dialect: Dialect;
    /** Runs a statement that returns rows. */
    all<T = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
    /** Runs a statement that writes. */
    run(sql: string, params?: readonly unknown[]): Promise<RunResult>;
}
