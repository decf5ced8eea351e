import type { Database } from '../../../kernel/db/database.js';
import { toDbTime } from '../../../kernel/db/db-time.js';
import { sqlDialect } from '../../../kernel/db/sql-dialect.js';
import type { SendRateLimit } from '../../../kernel/vocabulary/channel-providers.js';

/** What a take of tokens got: how many of the asked items may go now, and when to ask again for the rest. */
export interface TokenGrant {
    /** The first `granted` items (in the order asked) may be handed to the provider. */
    granted: number;
    /** When the rest may ask again (the window's end, or the pause's); null when everything was granted. */
    retryAt: Date | null;
}

const SECOND_MS = 1000;
const MINUTE_MS = 60_000;

/** The start of the wall-clock window of `size` ms that holds `at`. */
function windowStart(at: Date, size: number): number {
    return Math.floor(at.getTime() / size) * size;
}

/**
 * Reads and writes `refill_send_rates`: per-provider send-rate windows
 * shared by every instance. A take locks the provider's row (`FOR UPDATE`
 * on MySQL/MariaDB, `BEGIN IMMEDIATE` on SQLite), counts what the current
 * second and minute have used, grants what fits under both limits (none
 * while the provider is paused) and records it in the same transaction, so
 * two dispatchers together never exceed a limit in any window.
 */
export class SendRateRepository {
    /** Provider keys whose row this process has seen exist. */
    private readonly known = new Set<string>();

    constructor(private readonly db: Database) {}

    /**
     * Takes tokens for items of `sizes` units each (messages: 1; SMS in
     * segments: their segments), in order, as many as fit now.
     */
    async take(
        providerKey: string,
        limit: SendRateLimit,
        sizes: readonly number[],
        now: Date,
    ): Promise<TokenGrant> {
        if (!sizes.length) return { granted: 0, retryAt: null };
        await this.ensureRow(providerKey, now);
        return this.db.transaction(async (tx) => {
            const [row] = await tx.all<Record<string, unknown>>(
                `SELECT second_start, second_used, minute_start, minute_used, paused_until FROM refill_send_rates WHERE provider_key = ?${sqlDialect.forUpdate(tx.dialect)}`,
                [providerKey],
            );
            const pausedUntil = this.db.timeOrNull(row.paused_until);
            if (pausedUntil && pausedUntil > now) return { granted: 0, retryAt: pausedUntil };
            const second = windowStart(now, SECOND_MS);
            const minute = windowStart(now, MINUTE_MS);
            let secondUsed =
                this.db.time(row.second_start).getTime() === second ? Number(row.second_used) : 0;
            let minuteUsed =
                this.db.time(row.minute_start).getTime() === minute ? Number(row.minute_used) : 0;
            const perSecond = limit.perSecond ?? Number.MAX_SAFE_INTEGER;
            const perMinute = limit.perMinute ?? Number.MAX_SAFE_INTEGER;
            let granted = 0;
            let retryAt: Date | null = null;
            for (const size of sizes) {
                // An item larger than a whole window still goes, alone, in a fresh window (never stuck).
                const fitsSecond = secondUsed + size <= perSecond || secondUsed === 0;
                const fitsMinute = minuteUsed + size <= perMinute || minuteUsed === 0;
                if (!fitsSecond || !fitsMinute) {
                    retryAt = new Date(fitsMinute ? second + SECOND_MS : minute + MINUTE_MS);
                    break;
                }
                secondUsed += size;
                minuteUsed += size;
                granted++;
            }
            if (granted)
                await tx.run(
                    'UPDATE refill_send_rates SET second_start = ?, second_used = ?, minute_start = ?, minute_used = ?, updated_at = ? WHERE provider_key = ?',
                    [
                        toDbTime(new Date(second)),
                        secondUsed,
                        toDbTime(new Date(minute)),
                        minuteUsed,
                        toDbTime(now),
                        providerKey,
                    ],
                );
            return { granted, retryAt };
        });
    }

    /**
     * Pauses the provider for every instance until `until` (a 429's
     * Retry-After, Telegram's `retry_after`, the gateway's own limit code); a
     * later pause already recorded is kept.
     */
    async pause(providerKey: string, until: Date, now: Date): Promise<void> {
        await this.ensureRow(providerKey, now);
        // One conditional statement: a later pause another instance recorded stays.
        await this.db.run(
            'UPDATE refill_send_rates SET paused_until = ?, updated_at = ? WHERE provider_key = ? AND (paused_until IS NULL OR paused_until < ?)',
            [toDbTime(until), toDbTime(now), providerKey, toDbTime(until)],
        );
    }

    /** Until when the provider is paused (null: it is not, or never was). */
    async pausedUntil(providerKey: string, now: Date): Promise<Date | null> {
        const [row] = await this.db.all<{ paused_until: unknown }>(
            'SELECT paused_until FROM refill_send_rates WHERE provider_key = ?',
            [providerKey],
        );
        const until = row ? this.db.timeOrNull(row.paused_until) : null;
        return until && until > now ? until : null;
    }

    /**
     * Creates the provider's row when it has none (the first take or pause of
     * a fresh install), in its own statement before any lock is taken: an
     * insert inside the locking transaction would take gap locks that
     * deadlock concurrent takers on MariaDB. Rows are never deleted, so each
     * key is inserted once per process.
     */
    private async ensureRow(providerKey: string, now: Date): Promise<void> {
        if (this.known.has(providerKey)) return;
        const t = toDbTime(now);
        await this.db.run(
            `${sqlDialect.insertIgnore(this.db.dialect)} INTO refill_send_rates (provider_key, second_start, second_used, minute_start, minute_used, paused_until, updated_at) VALUES (?, ?, 0, ?, 0, NULL, ?)`,
            [providerKey, t, t, t],
        );
        this.known.add(providerKey);
    }
}
