import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { RefillConfigError } from '../errors/refill-error.js';
import { loadDatabaseDriver } from './database-driver.loader.js';
import { mysqlQueryFormat } from './mysql-format.js';

/** Options for a DataSource Refill opens itself. */
export interface OwnDataSourceOptions {
    url: string;
    poolSize: number;
    /** The entity schemas to register (Refill's: `refillEntities`, passed in by the composition level). */
    entities: NonNullable<DataSourceOptions['entities']>;
}

/**
 * Builds (does not initialise) a TypeORM DataSource from a URL:
 * `mysql://` or `mariadb://` for MySQL/MariaDB through mysql2 (UTC, utf8mb4,
 * a short connect timeout so an unreachable server shows up as a 503
 * quickly, TCP keep-alive, Refill's sql_mode-proof value formatter), or `sqlite:<file>` / `sqlite::memory:` for the embedded
 * better-sqlite3 database (WAL, a busy timeout so the CLI and the server can
 * share the file).
 */
export function createDataSourceFromUrl(options: OwnDataSourceOptions): DataSource {
    const { url, entities } = options;
    if (/^(mysql|mariadb):\/\//.test(url)) {
        return new DataSource({
            // Both use mysql2; the mariadb flavour reads MariaDB's schema metadata right.
            type: url.startsWith('mariadb:') ? 'mariadb' : 'mysql',
            driver: loadDatabaseDriver('mysql2'),
            url: url.replace(/^mariadb:/, 'mysql:'),
            timezone: 'Z',
            charset: 'utf8mb4_unicode_ci',
            supportBigNumbers: true,
            bigNumberStrings: false,
            connectTimeout: 3000,
            // mysql2 captures a stack trace per query by default; Refill does not need it.
            trace: false,
            // One statement per query: values are formatted on the client (mysql-format.ts), and
            // client formatting is never combined with multi-statement execution.
            multipleStatements: false,
            poolSize: options.poolSize,
            extra: {
                // SQL TypeORM sends on this pool (migrations, the job backend) is written by
                // Refill's formatter too, whatever the session's sql_mode.
                queryFormat: mysqlQueryFormat,
                // TCP keep-alive probes after 10 s of silence (then every second, 10 times:
                // Node's settings), so a connection whose peer vanished errors instead of
                // hanging; MysqlConnectionGuard covers the time until then.
                enableKeepAlive: true,
                keepAliveInitialDelay: 10_000,
                waitForConnections: true,
                maxIdle: options.poolSize,
            },
            entities,
            synchronize: false,
            logging: false,
        });
    }
    if (url.startsWith('sqlite:')) {
        const file = url.slice('sqlite:'.length);
        const database = file === ':memory:' || file === '' ? ':memory:' : resolve(file);
        if (database !== ':memory:') mkdirSync(dirname(database), { recursive: true });
        return new DataSource({
            type: 'better-sqlite3',
            database,
            driver: loadDatabaseDriver('better-sqlite3'),
            enableWAL: database !== ':memory:',
            timeout: 10000,
            prepareDatabase: (db: { pragma(sql: string): unknown }) => {
                db.pragma('synchronous = NORMAL');
            },
            entities,
            synchronize: false,
            logging: false,
        });
    }
    throw new RefillConfigError(
        'databaseUrl',
        `unsupported URL "${url.replace(/\/\/[^@]*@/, '//…@')}"`,
        'Use mysql://user:pass@host:3306/db, mariadb://…, sqlite:./path.sqlite or sqlite::memory:.',
    );
}
