/**
 * Pure formatters: money in minor units, moments in a timezone. Pages use them
 * through `useFormat()`, which supplies the locale and the chain's settings.
 */

/** How many minor units a currency's major unit has (RUB 2, JPY 0), per Intl. */
export function minorDigits(currency: string): number {
    return (
        new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
            .maximumFractionDigits ?? 2
    );
}

/** Minor units of `currency` as money in `locale`: `123456` RUB → `1 234,56 ₽` (`₽1,234.56` in English). */
export function formatMoney(minor: number, currency: string, locale: string): string {
    const digits = minorDigits(currency);
    return new Intl.NumberFormat(locale, {
        style: 'currency',
        currency,
        currencyDisplay: 'narrowSymbol',
        minimumFractionDigits: digits === 0 || minor % 10 ** digits !== 0 ? digits : 0,
        maximumFractionDigits: digits,
    }).format(minor / 10 ** digits);
}

/**
 * Bonuses are kept like money, in minor units of the chain's currency (one
 * bonus is one major unit: a "bonus rouble"). `148950` RUB → `1489.5` bonuses.
 */
export function bonusesFromMinor(minor: number, currency: string): number {
    return minor / 10 ** minorDigits(currency);
}

/** Whole bonuses a person typed, in the minor units the API takes: `500` RUB → `50000`. */
export function bonusesToMinor(bonuses: number, currency: string): number {
    return Math.round(bonuses * 10 ** minorDigits(currency));
}

/** A whole number with the locale's grouping: `12345` → `12 345`. */
export function formatCount(value: number, locale: string): string {
    return new Intl.NumberFormat(locale).format(value);
}

/** A share (0.123) as a signed percentage: `+12.3 %`. */
export function formatPercent(share: number, locale: string): string {
    return new Intl.NumberFormat(locale, {
        style: 'percent',
        maximumFractionDigits: 1,
        signDisplay: 'exceptZero',
    }).format(share);
}

/** The UTC offset of `timeZone` at `at`, minutes. */
export function offsetMinutes(at: Date, timeZone: string): number {
    const parts = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
    }).formatToParts(at);
    const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
    const asUtc = Date.UTC(
        get('year'),
        get('month') - 1,
        get('day'),
        get('hour'),
        get('minute'),
        get('second'),
    );
    return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

/** Whether two timezones show different wall-clock times at `at`. */
export function timezonesDiffer(at: Date, a: string, b: string): boolean {
    return offsetMinutes(at, a) !== offsetMinutes(at, b);
}

/** A moment as date and time in `timeZone`: `5 дек. 2026 г., 10:00`. */
export function formatDateTime(at: Date, timeZone: string, locale: string): string {
    return new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(at);
}

/** A moment's time of day in `timeZone`, with the zone's short name: `12:00 GMT+5`. */
export function formatTimeWithZone(at: Date, timeZone: string, locale: string): string {
    return (
        new Intl.DateTimeFormat(locale, { timeZone, timeStyle: 'short' }).format(at) +
        ' ' +
        (new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' })
            .formatToParts(at)
            .find((p) => p.type === 'timeZoneName')?.value ?? timeZone)
    );
}

/** A calendar day `YYYY-MM-DD` (already a day in the chain's timezone) as a short date: `5 дек.`. */
export function formatDay(day: string, locale: string): string {
    const [y, m, d] = day.split('-').map(Number);
    return new Intl.DateTimeFormat(locale, { timeZone: 'UTC', day: 'numeric', month: 'short' }).format(
        new Date(Date.UTC(y, m - 1, d)),
    );
}
