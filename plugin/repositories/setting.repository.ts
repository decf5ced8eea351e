import type { Database } from '../db/database.js';
import { toDbTime } from '../db/db-time.js';
import { sqlDialect } from '../db/sql-dialect.js';

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
}
