import { randomUUID } from 'node:crypto';
import type { Database } from './database.js';
import { toDbTime } from './db-time.js';
import { sqlDialect } from './sql-dialect.js';
import type { SqlExecutor } from './sql-executor.js';

/**
 * A setting that changes whenever stored history changes in bulk (a history
 * import, a category rebuild), so caches over it on any instance (category
 * reach) know to reload.
 */
export const HISTORY_STAMP = 'history.stamp';

/** Reads and writes `refill_settings`: values Refill keeps for itself across restarts. */
export class SettingRepository {
    constructor(private readonly db: Database) {}

    /** The value of a setting, or null. */
    async get(name: string): Promise<string | null> {
        const [row] = await this.db.all<{ value: string }>(
            `SELECT value FROM refill_settings WHERE name = ?`,
            [name],
        );
        return row?.value ?? null;
    }

    /** Stores `value` unless the setting exists, and returns the stored value (first writer wins). */
    async getOrCreate(name: string, value: string, now: Date): Promise<string> {
        await this.db.run(
            `${sqlDialect.insertIgnore(this.db.dialect)} INTO refill_settings (name, value, updated_at) VALUES (?, ?, ?)`,
            [name, value, toDbTime(now)],
        );
        return (await this.get(name)) as string;
    }

    /** Stores `value` under `name`, replacing what was there (inside `exec`'s transaction when given). */
    async set(name: string, value: string, now: Date, exec: SqlExecutor = this.db): Promise<void> {
        await exec.run(
            `INSERT INTO refill_settings (name, value, updated_at) VALUES (?, ?, ?)` +
                sqlDialect.onConflictUpdate(exec.dialect, ['name'], {
                    value: sqlDialect.inserted(exec.dialect, 'value'),
                    updated_at: sqlDialect.inserted(exec.dialect, 'updated_at'),
                }),
            [name, value, toDbTime(now)],
        );
    }

    /** Gives a stamp setting a new value that no instance has seen. */
    async bump(name: string, now: Date): Promise<void> {
        await this.set(name, randomUUID(), now);
    }
}
