import type { DebounceOptions, JobParameters } from 'agenda';

/** When a debounced job runs next and when its debounce window started. */
export interface DebouncePlan {
    nextRunAt: Date | null;
    debounceStartedAt: Date | undefined;
}

/**
 * Agenda's debounce arithmetic for a `unique` job saved with `.debounce()`,
 * given the row already stored for its unique key (if any):
 *
 * - new row: trailing runs `delay` after now, leading runs when asked (now);
 *   the window starts now;
 * - trailing, pending row: pushed to now + `delay`, unless `maxWait` has
 *   passed since the window started: then it runs now and the window resets;
 * - leading, pending row: keeps its run time (later saves only update data).
 *
 * Beyond Agenda's own backends, a row that has already run (no next run,
 * not locked) starts a new window, so a debounced job is not silenced for
 * ever after its first run: trailing schedules now + `delay`, leading runs
 * again once `delay` has passed since its last window started.
 */
export class DebounceRule {
    /** The schedule to store for this save. */
    plan(
        debounce: DebounceOptions,
        now: Date,
        requested: Date | null,
        existing: JobParameters | undefined,
    ): DebouncePlan {
        const after = (ms: number) => new Date(now.getTime() + ms);
        const leading = debounce.strategy === 'leading';
        if (!existing)
            return { nextRunAt: leading ? requested : after(debounce.delay), debounceStartedAt: now };
        const started = existing.debounceStartedAt ?? now;
        const elapsed = now.getTime() - started.getTime();
        const idle = existing.nextRunAt === null && !existing.lockedAt;
        if (leading) {
            if (idle && elapsed >= debounce.delay) return { nextRunAt: requested, debounceStartedAt: now };
            return { nextRunAt: existing.nextRunAt, debounceStartedAt: started };
        }
        if (idle) return { nextRunAt: after(debounce.delay), debounceStartedAt: now };
        if (debounce.maxWait && elapsed >= debounce.maxWait)
            return { nextRunAt: now, debounceStartedAt: undefined };
        return { nextRunAt: after(debounce.delay), debounceStartedAt: started };
    }
}
