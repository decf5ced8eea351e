import { DateTime } from 'luxon';
import { boundedMemo } from '../../../kernel/bounded-memo.js';

/** Every zone's day boundary falls on a quarter hour: moments in one quarter hour share their day. */
const QUARTER_HOUR_MS = 15 * 60_000;

/**
 * Chain-local days: the day a moment falls on in the chain's timezone, and
 * the moments that day starts and the next one starts. The priority rule
 * ("one chain message a customer a day") and the daily triggers count in
 * these days.
 */
export class ChainClock {
    /** Day start and next day start (ms) of a quarter hour, by its index: luxon is slow and sends ask often. */
    private readonly bounds = boundedMemo((quarter) => {
        const start = DateTime.fromMillis(Number(quarter) * QUARTER_HOUR_MS, { zone: this.zone }).startOf(
            'day',
        );
        return [start.toMillis(), start.plus({ days: 1 }).toMillis()] as const;
    }, 1000);

    constructor(readonly zone: string) {}

    /** The chain-local day of `at`, `YYYY-MM-DD`. */
    day(at: Date): string {
        return DateTime.fromJSDate(at, { zone: this.zone }).toISODate() as string;
    }

    /** When the chain-local day of `at` began. */
    dayStart(at: Date): Date {
        return new Date(this.bounds(String(Math.floor(at.getTime() / QUARTER_HOUR_MS)))[0]);
    }

    /** When the chain-local day after the day of `at` begins. */
    nextDayStart(at: Date): Date {
        return new Date(this.bounds(String(Math.floor(at.getTime() / QUARTER_HOUR_MS)))[1]);
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
