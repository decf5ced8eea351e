import type { HelperOptions } from 'handlebars';
import { DateTime } from 'luxon';

/** Locales Refill ships templates for. */
export type TemplateLocale = 'ru' | 'en';

/** What the helpers need to know about the reader. */
export interface HelperContext {
    locale: TemplateLocale;
    timezone: string;
    currency: string;
}

/**
 * Intl formatters are costly to build and cheap to reuse: one per locale and
 * options, kept for the process (a bounded set: two locales, a few shapes).
 */
const cache = new Map<string, Intl.NumberFormat | Intl.PluralRules>();
function cached<T extends Intl.NumberFormat | Intl.PluralRules>(key: string, make: () => T): T {
    let value = cache.get(key) as T | undefined;
    if (!value) cache.set(key, (value = make()));
    return value;
}

/** Russian/English word forms for a count: one, few (2–4 in Russian), many, and other (fractions). */
export function pluralWord(n: number, locale: TemplateLocale, forms: readonly string[]): string {
    const rule = cached(`plural:${locale}`, () => new Intl.PluralRules(locale)).select(n);
    const [one, few = one, many = few, other = few] = forms;
    if (locale === 'en') return rule === 'one' ? one : (forms[1] ?? one);
    return { one, few, many, other, zero: many, two: few }[rule] ?? many;
}

/** Minor units → a money string in the locale (`1 234,50 ₽`, `RUB 1,234.50`). */
export function formatMoney(minor: number, ctx: HelperContext): string {
    const whole = minor % 100 === 0;
    return cached(
        `money:${ctx.locale}:${ctx.currency}:${whole}`,
        () =>
            new Intl.NumberFormat(ctx.locale === 'ru' ? 'ru-RU' : 'en-GB', {
                style: 'currency',
                currency: ctx.currency,
                currencyDisplay: ctx.locale === 'ru' ? 'symbol' : 'code',
                minimumFractionDigits: whole ? 0 : 2,
            }),
    ).format(minor / 100);
}

/** Bonuses are kept in minor units (1 bonus = 1 rouble = 100 units): `150 бонусов`, `13,5 бонуса`, `1 bonus`. */
export function formatBonuses(minor: number, ctx: HelperContext): string {
    const n = minor / 100;
    const number = cached(
        `number:${ctx.locale}`,
        () => new Intl.NumberFormat(ctx.locale === 'ru' ? 'ru-RU' : 'en-GB', { maximumFractionDigits: 2 }),
    ).format(n);
    const word =
        ctx.locale === 'ru'
            ? pluralWord(n, 'ru', ['бонус', 'бонуса', 'бонусов', 'бонуса'])
            : pluralWord(n, 'en', ['bonus', 'bonuses']);
    return `${number} ${word}`;
}

/**
 * The helpers of one renderer, registered on its own Handlebars instance
 * (never globally): `money`, `bonuses`, `date`, `datetime`, `plural`.
 * Dates are shown in the customer's timezone and locale.
 */
export function templateHelpers(): Record<string, (...args: unknown[]) => string> {
    const ctxOf = (options: HelperOptions) => (options.data.root as { _ctx: HelperContext })._ctx;
    const last = (args: unknown[]) => args[args.length - 1] as HelperOptions;
    return {
        money: (...args) => formatMoney(Number(args[0]), ctxOf(last(args))),
        bonuses: (...args) => formatBonuses(Number(args[0]), ctxOf(last(args))),
        date: (...args) => {
            const ctx = ctxOf(last(args));
            return DateTime.fromJSDate(new Date(args[0] as string | Date), { zone: ctx.timezone })
                .setLocale(ctx.locale)
                .toFormat(ctx.locale === 'ru' ? 'd MMMM' : 'd MMMM');
        },
        datetime: (...args) => {
            const ctx = ctxOf(last(args));
            return DateTime.fromJSDate(new Date(args[0] as string | Date), { zone: ctx.timezone })
                .setLocale(ctx.locale)
                .toFormat('d MMMM, HH:mm');
        },
        plural: (...args) => {
            const ctx = ctxOf(last(args));
            const n = Number(args[0]);
            return pluralWord(n, ctx.locale, args.slice(1, -1).map(String));
        },
    };
}
