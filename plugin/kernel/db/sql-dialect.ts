import type { Dialect } from './sql-executor.js';

/**
 * The few places where MySQL/MariaDB and SQLite SQL differ, in one file.
 * Everything else Refill writes is the common subset of both.
 */
export const sqlDialect = {
    /** `FOR UPDATE` on MySQL; SQLite's `BEGIN IMMEDIATE` already holds the write lock. */
    forUpdate(dialect: Dialect): string {
        return dialect === 'mysql' ? ' FOR UPDATE' : '';
    },

    /** An insert that silently skips rows whose unique key exists. */
    insertIgnore(dialect: Dialect): string {
        return dialect === 'mysql' ? 'INSERT IGNORE' : 'INSERT OR IGNORE';
    },

    /** The value an upsert tried to insert for `column`, for use in its update clause. */
    inserted(dialect: Dialect, column: string): string {
        return dialect === 'mysql' ? `VALUES(${column})` : `excluded.${column}`;
    },

    /**
     * The tail of an upsert: `ON DUPLICATE KEY UPDATE …` or `ON CONFLICT (…) DO UPDATE SET …`.
     * `assignments` maps a column to its new-value expression (use {@link sqlDialect.inserted}).
     */
    onConflictUpdate(
        dialect: Dialect,
        conflictColumns: string[],
        assignments: Record<string, string>,
    ): string {
        const set = Object.entries(assignments)
            .map(([column, expr]) => `${column} = ${expr}`)
            .join(', ');
        return dialect === 'mysql'
            ? ` ON DUPLICATE KEY UPDATE ${set}`
            : ` ON CONFLICT (${conflictColumns.join(', ')}) DO UPDATE SET ${set}`;
    },

    /** `?, ?, ?` groups for a multi-row insert of `rows` rows of `columns` values each. */
    valuesPlaceholders(rows: number, columns: number): string {
        const group = `(${new Array(columns).fill('?').join(', ')})`;
        return new Array(rows).fill(group).join(', ');
    },

    /** Splits rows into chunks, so one statement never carries too many parameters. */
    chunks<T>(rows: readonly T[], size = 1000): T[][] {
        const out: T[][] = [];
        for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
        return out;
    },

    /**
     * `column` starts with `prefix`, exactly as stored, so that an index on
     * `column` reads only the matching range: `LIKE 'prefix%'` on MySQL
     * (escaped with `!`, which means the same in every sql_mode), and on
     * SQLite, whose `LIKE` ranges only over NOCASE indexes and folds ASCII
     * only, the range from `prefix` to `prefix` with its last character one
     * code point higher (binary order is code point order in UTF-8).
     */
    startsWith(dialect: Dialect, column: string, prefix: string): { sql: string; params: string[] } {
        if (dialect === 'mysql')
            return { sql: `${column} LIKE ? ESCAPE '!'`, params: [`${prefix.replace(/[!%_]/g, '!$&')}%`] };
        const chars = [...prefix];
        const last = chars.pop()?.codePointAt(0);
        if (last === undefined || last >= 0x10ffff)
            return {
                sql: `${column} >= ? AND substr(${column}, 1, ${chars.length + 1}) = ?`,
                params: [prefix, prefix],
            };
        const next = last === 0xd7ff ? 0xe000 : last + 1; // skip the surrogates, which are no characters
        return {
            sql: `${column} >= ? AND ${column} < ?`,
            params: [prefix, chars.join('') + String.fromCodePoint(next)],
        };
    },

    /** `?, ?, ?` for an IN list (at least one placeholder so the SQL stays valid). */
    inList(count: number): string {
        return new Array(Math.max(count, 1)).fill('?').join(', ');
    },
};
