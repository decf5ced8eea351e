/** Where services get the current time from; tests pass a fixed or stepping clock. */
export type Clock = () => Date;

/** The wall clock. */
export const systemClock: Clock = () => new Date();

/** `date` plus `days` days. */
export function addDays(date: Date, days: number): Date {
    return new Date(date.getTime() + days * 86_400_000);
}
