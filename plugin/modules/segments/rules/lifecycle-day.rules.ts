import { IANAZone } from 'luxon';
import { MS_PER_DAY, MS_PER_MINUTE } from '../../../kernel/units/time.js';

/** Zone offsets change on quarter hours of UTC (local whole hours, offsets in quarter hours). */
const BUCKET_MS = 15 * MS_PER_MINUTE;
/** Cached entries before a cache starts over (a long-running process classifies day after day). */
const CACHE_LIMIT = 100_000;

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
 * Chain-local calendar days of instants in one IANA zone. The zone's offset
 * is looked up once per UTC day when it is the same at both ends of the
 * day, else once per quarter hour of that day, and cached: classifying a
 * million customers costs a million map lookups and a few hundred zone
 * lookups.
 */
export class LocalDays {
    private readonly zoneInfo: IANAZone;
    /** Offset (ms) per UTC day; NaN for a day the offset changes in. */
    private readonly daily = new Map<number, number>();
    /** Offset (ms) per quarter hour, for the days the offset changes in. */
    private readonly quarters = new Map<number, number>();

    constructor(readonly zone: string) {
        this.zoneInfo = IANAZone.create(zone);
    }

    /** The local day (a {@link dayNumber}) of an instant. */
    dayOf(at: Date | number): number {
        const ms = typeof at === 'number' ? at : at.getTime();
        return Math.floor((ms + this.offsetAt(ms)) / MS_PER_DAY);
    }

    /** The local day of an instant as `YYYY-MM-DD`. */
    dayStringOf(at: Date): string {
        return dayString(this.dayOf(at));
    }

    private offsetAt(ms: number): number {
        const day = Math.floor(ms / MS_PER_DAY);
        let offset = this.daily.get(day);
        if (offset === undefined) {
            const start = this.lookup(day * MS_PER_DAY);
            offset = start === this.lookup((day + 1) * MS_PER_DAY - 1) ? start : Number.NaN;
            if (this.daily.size > CACHE_LIMIT) this.daily.clear();
            this.daily.set(day, offset);
        }
        if (!Number.isNaN(offset)) return offset;
        const quarter = Math.floor(ms / BUCKET_MS);
        let exact = this.quarters.get(quarter);
        if (exact === undefined) {
            exact = this.lookup(quarter * BUCKET_MS);
            if (this.quarters.size > CACHE_LIMIT) this.quarters.clear();
            this.quarters.set(quarter, exact);
        }
        return exact;
    }

    private lookup(ms: number): number {
        return this.zoneInfo.offset(ms) * MS_PER_MINUTE;
    }
}
