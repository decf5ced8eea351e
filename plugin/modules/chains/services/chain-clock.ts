import { DateTime } from 'luxon';

/**
 * Chain-local days: the day a moment falls on in the chain's timezone, and
 * the moments that day starts and the next one starts. The priority rule
 * ("one chain message a customer a day") and the daily triggers count in
 * these days.
 */
export class ChainClock {
    constructor(readonly zone: string) {}

    /** The chain-local day of `at`, `YYYY-MM-DD`. */
    day(at: Date): string {
        return DateTime.fromJSDate(at, { zone: this.zone }).toISODate() as string;
    }

    /** When the chain-local day of `at` began. */
    dayStart(at: Date): Date {
        return DateTime.fromJSDate(at, { zone: this.zone }).startOf('day').toJSDate();
    }

    /** When the chain-local day after the day of `at` begins. */
    nextDayStart(at: Date): Date {
        return DateTime.fromJSDate(at, { zone: this.zone }).startOf('day').plus({ days: 1 }).toJSDate();
    }

    /** ISO weekday of `at` in the chain's timezone (1 = Monday). */
    weekday(at: Date): number {
        return DateTime.fromJSDate(at, { zone: this.zone }).weekday;
    }

    /** Month and day of `at` in the chain's timezone, `MM-DD` (birthdays). */
    monthDay(at: Date): string {
        return DateTime.fromJSDate(at, { zone: this.zone }).toFormat('MM-dd');
    }
}
