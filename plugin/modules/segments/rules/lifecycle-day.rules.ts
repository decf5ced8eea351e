import { DateTime } from 'luxon';
import { MS_PER_DAY, MS_PER_MINUTE } from '../../../kernel/units/time.js';

/** Zone offsets change on quarter hours of UTC (local whole hours, offsets in quarter hours). */
const BUCKET_MS = 15 * MS_PER_MINUTE;

/** `YYYY-MM-DD` → days since 1970-01-01 (the calendar day, no zone). */
export function dayNumber(day: string): number {
    const [y, m, d] = day.split('-').map(Number);
    return Math.round(Date.UTC(y, m - 1, d) / MS_PER_DAY);
}

/** Days since 1970-01-01 → `YYYY-MM-DD`. */
export function dayString(day: number): string {
    return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/**
 * Chain-local calendar days of instants in one IANA zone. The zone's
 * offset is looked up once per quarter hour of UTC and cached, so classifying a
 * million customers costs a million map lookups, not a million zone
 * conversions.
 */
export class LocalDays {
    private readonly offsets = new Map<number, number>();

    constructor(readonly zone: string) {}

    /** The local day (a {@link dayNumber}) of an instant. */
    dayOf(at: Date | number): number {
        const ms = typeof at === 'number' ? at : at.getTime();
        const bucket = Math.floor(ms / BUCKET_MS);
        let offset = this.offsets.get(bucket);
        if (offset === undefined) {
            offset = DateTime.fromMillis(bucket * BUCKET_MS, { zone: this.zone }).offset * 60_000;
            if (this.offsets.size > 100_000) this.offsets.clear();
            this.offsets.set(bucket, offset);
        }
        return Math.floor((ms + offset) / MS_PER_DAY);
    }

    /** The local day of an instant as `YYYY-MM-DD`. */
    dayStringOf(at: Date): string {
        return dayString(this.dayOf(at));
    }
}
