import { describe, expect, it } from 'vitest';
import {
    formatDateTime,
    formatDay,
    formatMoney,
    formatTimeWithZone,
    minorDigits,
    timezonesDiffer,
} from './format';

const nbsp = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('admin UI formatters', () => {
    it('shows minor units in the currency, kopecks only when there are some', () => {
        expect(minorDigits('RUB')).toBe(2);
        expect(minorDigits('JPY')).toBe(0);
        expect(nbsp(formatMoney(123_456, 'RUB', 'ru'))).toBe('1 234,56 ₽');
        expect(nbsp(formatMoney(123_400, 'RUB', 'ru'))).toBe('1 234 ₽');
        expect(formatMoney(-5, 'USD', 'en')).toBe('-$0.05');
        expect(formatMoney(123_456, 'RUB', 'en')).toBe('₽1,234.56');
        expect(nbsp(formatMoney(1500, 'JPY', 'ru'))).toBe('1 500 ¥');
    });

    it('shows moments in the chain’s timezone', () => {
        const at = new Date('2026-12-05T09:30:00Z');
        expect(formatDateTime(at, 'Europe/Moscow', 'ru')).toBe('5 дек. 2026 г., 12:30');
        expect(nbsp(formatDateTime(at, 'Europe/Moscow', 'en'))).toBe('Dec 5, 2026, 12:30 PM');
        expect(formatTimeWithZone(at, 'Asia/Yekaterinburg', 'ru')).toBe('14:30 GMT+5');
    });

    it('knows when two timezones show different times (DST included)', () => {
        const winter = new Date('2026-01-15T12:00:00Z');
        const summer = new Date('2026-07-15T12:00:00Z');
        expect(timezonesDiffer(winter, 'Europe/Moscow', 'Europe/Minsk')).toBe(false);
        expect(timezonesDiffer(winter, 'Europe/Moscow', 'Asia/Yekaterinburg')).toBe(true);
        expect(timezonesDiffer(winter, 'Europe/Moscow', 'Europe/Berlin')).toBe(true);
        expect(timezonesDiffer(summer, 'Europe/Kaliningrad', 'Europe/Berlin')).toBe(false);
    });

    it('shows a chain day without shifting it', () => {
        expect(formatDay('2026-03-01', 'ru')).toBe('1 мар.');
        expect(formatDay('2026-12-31', 'en')).toBe('Dec 31');
    });
});
