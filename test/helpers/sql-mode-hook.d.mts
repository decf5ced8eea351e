/** The modes the suite adds when TEST_MYSQL_SQL_MODE is not set. */
export declare const HOSTILE_SQL_MODE: string;
/** The modes added for connections to `database`. */
export declare function sessionSqlModeFor(database: string | undefined): string;
/** Connections to `database` opened from now on add `mode` to the server's sql_mode ('' leaves the server's own). */
export declare function setSessionSqlMode(database: string, mode: string): void;
