import { useMemo } from 'react';
import { useChain } from '../app/chain-provider';
import { useLocale, useT } from '../i18n/locale-provider';
import {
    bonusesFromMinor,
    bonusesToMinor,
    formatCount,
    formatDateTime,
    formatDay,
    formatMoney,
    formatPercent,
    formatTimeWithZone,
    timezonesDiffer,
} from './format';

/** Formatters bound to the UI language and the chain's currency and timezone. */
export interface Formatters {
    /** Minor units of the chain's currency: `1 234,56 ₽`. */
    money(minor: number): string;
    /** Bonuses (minor units, as the API gives them) with the right plural: `1 бонус`, `2 бонуса`, `5 бонусов`. */
    bonuses(minor: number): string;
    /** Bonuses (minor units) as a grouped number without the word, for table columns: `1 489,5`. */
    bonusAmount(minor: number): string;
    /** Bonuses (minor units) as a number of bonuses, for a message that words the plural itself. */
    bonusCount(minor: number): number;
    /** Whole bonuses a person typed, in the API's minor units. */
    bonusesToMinor(bonuses: number): number;
    /** A whole number with grouping. */
    count(value: number): string;
    /** A share as a signed percentage. */
    percent(share: number): string;
    /**
     * An ISO moment in the chain's timezone; when `otherTimezone` (the customer's) shows a different
     * wall-clock time, that time follows: `5 дек. 2026 г., 10:00 (12:00 GMT+5 у покупателя)`.
     */
    dateTime(iso: string, otherTimezone?: string | null): string;
    /** A `YYYY-MM-DD` day: `5 дек.`. */
    day(day: string): string;
}

/** Returns {@link Formatters} for the current language and chain. */
export function useFormat(): Formatters {
    const { locale } = useLocale();
    const { currency, timezone } = useChain();
    const t = useT();
    return useMemo<Formatters>(
        () => ({
            money: (minor) => formatMoney(minor, currency, locale),
            bonuses: (minor) => t('units.bonuses', { count: bonusesFromMinor(minor, currency) }),
            bonusAmount: (minor) => formatCount(bonusesFromMinor(minor, currency), locale),
            bonusCount: (minor) => bonusesFromMinor(minor, currency),
            bonusesToMinor: (bonuses) => bonusesToMinor(bonuses, currency),
            count: (value) => formatCount(value, locale),
            percent: (share) => formatPercent(share, locale),
            dateTime(iso, otherTimezone) {
                const at = new Date(iso);
                const chainTime = formatDateTime(at, timezone, locale);
                if (!otherTimezone || !timezonesDiffer(at, timezone, otherTimezone)) return chainTime;
                const other = t('time.customerLocal', {
                    time: formatTimeWithZone(at, otherTimezone, locale),
                });
                return `${chainTime} (${other})`;
            },
            day: (day) => formatDay(day, locale),
        }),
        [currency, timezone, locale, t],
    );
}
