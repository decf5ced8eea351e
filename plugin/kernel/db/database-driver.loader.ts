import { createRequire } from 'node:module';
import { RefillConfigError } from '../errors/refill-error.js';

/** The database drivers Refill can open its own DataSource with; both are optional peer dependencies. */
export type DatabaseDriverPackage = 'better-sqlite3' | 'mysql2';

const requireFromRefill = createRequire(import.meta.url);

/**
 * Loads a database driver the first time a DataSource of its engine is
 * built, and only then: a MySQL host never loads (or installs)
 * better-sqlite3, a SQLite one never needs mysql2. A synchronous `require`,
 * not `import()`, because TypeORM takes the driver module when the
 * DataSource is constructed, inside the synchronous `createRefill()`.
 * A driver that is not installed is a configuration error that says what to install.
 */
export function loadDatabaseDriver(name: DatabaseDriverPackage): unknown {
    try {
        return requireFromRefill(name);
    } catch (error) {
        const code = (error as { code?: unknown }).code;
        if (code !== 'MODULE_NOT_FOUND' || !String((error as Error).message).includes(`'${name}'`))
            throw error;
        throw new RefillConfigError(
            'databaseUrl',
            `the ${name} package is not installed`,
            `Install it next to refill: npm install ${name} (an optional peer dependency, needed for this database).`,
        );
    }
}
