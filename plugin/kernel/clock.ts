import { MS_PER_DAY } from './units/time.js';

/** Where services get the current time from; tests pass a fixed or stepping clock. */
export type Clock = () => Date;

/** The wall clock. */
export const systemClock: Clock = () => new Date();

/** `date` plus `days` days. */
export function addDays(date: Date, days: number): Date {
    return new Date(date.getTime() + days * MS_PER_DAY);
}
