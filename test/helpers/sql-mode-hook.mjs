/**
 * Runs every MySQL/MariaDB connection of the test process (and of the
 * processes it starts) in a hostile session sql_mode, so the whole suite
 * proves that no SQL path depends on the server's defaults: by default
 * `NO_BACKSLASH_ESCAPES,ANSI_QUOTES` on top of the server's own modes.
 *
 * - `TEST_MYSQL_SQL_MODE` lists the modes to add (empty: leave the server's).
 * - Every pool mysql2 creates (TypeORM's, so Refill's own and a host's) sets
 *   the mode on each new connection before handing it out (the pool's
 *   `connection` event); single connections set it before their first query.
 *   Refill's code knows nothing about it.
 * - A test can pin one database to another mode with `setSessionSqlMode`
 *   (the injection test runs the same calls under the default and the hostile
 *   mode).
 * - Loaded by vitest (`setupFiles`) and, through NODE_OPTIONS, by every child
 *   process the tests spawn or fork, so a worker or a spawned server sees the
 *   same mode. Plain JavaScript, so a compiled server can load it too.
 */
import { createRequire } from 'node:module';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

/** The modes the suite adds when TEST_MYSQL_SQL_MODE is not set. */
export const HOSTILE_SQL_MODE = 'NO_BACKSLASH_ESCAPES,ANSI_QUOTES';

const PATCHED = Symbol.for('refill.test.sqlModeHook');
const OVERRIDES = Symbol.for('refill.test.sqlModeOverrides');
const require = createRequire(import.meta.url);
const mysql = require('mysql2');

/** @returns {Map<string, string>} */
function overrides() {
    globalThis[OVERRIDES] ??= new Map();
    return globalThis[OVERRIDES];
}

/** Checks a list of sql_mode names (letters, digits, underscores, commas). */
function checked(mode) {
    if (!/^[A-Z0-9_,]*$/i.test(mode)) throw new Error(`Not a list of sql_mode names: ${mode}`);
    return mode;
}

/** The modes added for connections to `database`. */
export function sessionSqlModeFor(database) {
    const mode = overrides().get(database ?? '') ?? process.env.TEST_MYSQL_SQL_MODE ?? HOSTILE_SQL_MODE;
    return checked(mode);
}

/**
 * Connections to `database` opened from now on add `mode` to the server's
 * sql_mode ('' leaves the server's own), whatever TEST_MYSQL_SQL_MODE says.
 */
export function setSessionSqlMode(database, mode) {
    overrides().set(database, checked(mode));
}

/** The statement that adds `mode` to the session's sql_mode. */
function setStatement(mode) {
    return `SET SESSION sql_mode = TRIM(BOTH ',' FROM CONCAT(@@SESSION.sql_mode, ',', '${mode}'))`;
}

function applyTo(connection, database) {
    const mode = sessionSqlModeFor(database);
    if (!mode) return;
    connection.query(setStatement(mode), (error) => {
        // A connection that never came up (the outage tests) reports that to its own user.
        if (error && !error.fatal)
            process.stderr.write(`[sql-mode-hook] could not set sql_mode ${mode}: ${error.message}\n`);
    });
}

if (!mysql[PATCHED]) {
    mysql[PATCHED] = true;
    const createPool = mysql.createPool;
    mysql.createPool = function (...args) {
        const pool = createPool.apply(this, args);
        pool.on('connection', (connection) => applyTo(connection, connection.config.database));
        return pool;
    };
    const createConnection = mysql.createConnection;
    mysql.createConnection = function (...args) {
        const connection = createConnection.apply(this, args);
        applyTo(connection, connection.config.database);
        return connection;
    };
    mysql.connect = mysql.createConnection;

    const self = fileURLToPath(import.meta.url);
    const inherited = process.env.NODE_OPTIONS ?? '';
    if (!inherited.includes(self)) process.env.NODE_OPTIONS = `${inherited} --import ${self}`.trim();
}
