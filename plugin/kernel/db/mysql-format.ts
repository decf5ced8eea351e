import { format, type SqlValue } from 'sql-escaper';
import { toDbTime } from './db-time.js';

/**
 * Why Refill formats its own MySQL statements, and how.
 *
 * mysql2's default formatter escapes values with backslashes (`'it\'s'`). A
 * server (or just a session) running with `NO_BACKSLASH_ESCAPES` reads a
 * backslash as an ordinary character, so `x'; DROP …` ends the string early:
 * with multi-statement queries that is arbitrary SQL from any POS key. Refill
 * never lets a value's meaning depend on the session's sql_mode, and never
 * sends more than one statement per query (client-side formatting is never
 * combined with multi-statement execution, so even a formatter mistake could
 * not start a statement of its own):
 *
 * - Every value is written by sql-escaper (the formatter mysql2 itself uses,
 *   from the mysqljs project) in its `noBackslashEscapes` form, which both
 *   modes read the same way: a quote is doubled (`''`, read as one quote in
 *   every mode), and in a string holding a backslash each backslash is
 *   written `\%` and the string rebuilt by `REPLACE('a\%b', '\%', LEFT('\%', 1))`:
 *   `\%` reads as the same two characters with backslash escapes (MySQL and
 *   MariaDB keep `\%` and `\_` as they are) and without them, so the REPLACE
 *   gives back one backslash in every mode. No other character is special
 *   inside a single-quoted literal in any sql_mode; `ANSI_QUOTES` only
 *   changes double quotes, which values never use. Numbers are digits, NULL
 *   is `NULL`, dates are UTC text of digits, Buffers are `X'hex'`. The property tests in
 *   test/unit/db (both readings, modelled) and test/integration/db (MariaDB)
 *   check the round trip of arbitrary strings under the default mode and
 *   under `NO_BACKSLASH_ESCAPES,ANSI_QUOTES`.
 * - Not hex for every string (`_utf8mb4 X'…'`): such a literal takes the
 *   character set's default collation instead of the connection's, so SQL
 *   that meets it with a literal of the statement (`COALESCE(?, 'x')`) fails
 *   with "Illegal mix of collations". The doubled-quote literal keeps the
 *   connection's collation and coercibility, exactly as before.
 * - Not server-side binding (`execute()`, prepared statements): every
 *   distinct multi-row INSERT (one per row count, of imports, selections and
 *   sends) would be one more prepared statement per connection against the
 *   server-wide `max_prepared_stmt_count`, and the binary protocol returns
 *   other types than the repositories read.
 *
 * Only plain values are accepted: objects (which mysql2 would spread into
 * `a = 1` lists), functions and non-finite numbers throw.
 */
const ANY_MODE = Object.freeze({ noBackslashEscapes: true });

/** Turns one parameter into what the formatter writes; throws on what it must never write. */
function plain(value: unknown): SqlValue {
    if (value === undefined || value === null) return null;
    switch (typeof value) {
        case 'string':
        case 'bigint':
            return value;
        case 'number':
            if (!Number.isFinite(value)) throw new TypeError(`Cannot bind the number ${value}`);
            return value;
        case 'boolean':
            return value ? 1 : 0;
        case 'object':
            if (value instanceof Date) {
                if (Number.isNaN(value.getTime())) throw new TypeError('Cannot bind an invalid Date');
                return toDbTime(value);
            }
            if (Buffer.isBuffer(value)) return value;
            if (value instanceof Uint8Array) return Buffer.from(value);
            if (Array.isArray(value)) return value.map(plain);
            break;
    }
    throw new TypeError(`Cannot bind a value of type ${value?.constructor?.name ?? typeof value}`);
}

/**
 * Fills the `?` placeholders of `sql` with `params`, written so that no
 * sql_mode or connection setting changes their meaning (see above). Arrays
 * become lists (`IN (?)`), arrays of arrays row lists (`VALUES ?`).
 */
export function formatMysql(sql: string, params: readonly unknown[]): string {
    if (params.length === 0) return sql;
    return format(sql, params.map(plain), false, 'Z', ANY_MODE);
}

/**
 * The `queryFormat` of the mysql2 pool Refill opens itself, so that SQL sent
 * through TypeORM's QueryRunner on that pool (migrations, the job backend)
 * is written by {@link formatMysql} too. mysql2 calls it for every query
 * with the values given, `[]` when there are none.
 */
export function mysqlQueryFormat(sql: string, values: unknown): string {
    if (values === undefined || values === null) return sql;
    return formatMysql(sql, Array.isArray(values) ? values : [values]);
}
