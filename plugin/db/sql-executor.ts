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
 * A MySQL user variable holding a value only the database session knows yet
 * (the id of a row inserted earlier in a batch of deferred writes). mysql2
 * renders it into SQL through `toSqlString()` when it is passed as a parameter.
 */
export class SqlVariable {
    constructor(readonly name: string) {
        if (!/^@[a-z_][a-z0-9_]*$/i.test(name)) throw new Error(`Not a user variable name: ${name}`);
    }

    /** Rendered in place of a placeholder by mysql2's formatter. */
    toSqlString(): string {
        return this.name;
    }
}

/** The id of an inserted row: known now, or held in a session variable until the batch runs. */
export type IdValue = number | SqlVariable;

/**
 * Runs parameterised SQL on one connection: inside a transaction or not.
 * Repositories take one of these so the same code runs in and out of a unit of work.
 */
export interface SqlExecutor {
    readonly dialect: Dialect;
    /** Runs a statement that returns rows (and first sends any deferred writes). */
    all<T = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
    /** Runs a statement that writes (and first sends any deferred writes). */
    run(sql: string, params?: readonly unknown[]): Promise<RunResult>;
    /**
     * Optional: queues a write to be sent with the next statement in one round
     * trip. Executors that can batch (MySQL with multi-statements) have it.
     */
    defer?(sql: string, params: readonly unknown[]): void;
    /** Optional: queues a single-row insert and returns a variable that will hold its id. */
    deferInsert?(sql: string, params: readonly unknown[]): SqlVariable;
}

/** A write whose result the caller does not need: deferred where the executor batches, run now otherwise. */
export async function sqlWrite(
    exec: SqlExecutor,
    sql: string,
    params: readonly unknown[] = [],
): Promise<void> {
    if (exec.defer) exec.defer(sql, params);
    else await exec.run(sql, params);
}

/** A single-row insert whose id later statements of the same unit of work use. */
export async function sqlInsert(
    exec: SqlExecutor,
    sql: string,
    params: readonly unknown[] = [],
): Promise<IdValue> {
    if (exec.deferInsert) return exec.deferInsert(sql, params);
    return (await exec.run(sql, params)).insertId;
}
