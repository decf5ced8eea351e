import { describe, expect, it } from 'vitest';
import { apiFilter, dayStart, nextDay } from './audit-filter';

describe('audit filter', () => {
    it('starts a day at midnight in the chain’s timezone', () => {
        expect(dayStart('2026-12-05', 'Europe/Moscow')).toBe('2026-12-04T21:00:00.000Z');
        expect(dayStart('2026-12-05', 'Asia/Yekaterinburg')).toBe('2026-12-04T19:00:00.000Z');
        expect(dayStart('2026-12-05', 'UTC')).toBe('2026-12-05T00:00:00.000Z');
    });

    it('finds midnight on a day the clocks change', () => {
        // Berlin goes from +01:00 to +02:00 at 02:00 on 29 March 2026; midnight is still +01:00.
        expect(dayStart('2026-03-29', 'Europe/Berlin')).toBe('2026-03-28T23:00:00.000Z');
        expect(dayStart('2026-03-30', 'Europe/Berlin')).toBe('2026-03-29T22:00:00.000Z');
    });

    it('refuses a malformed day', () => {
        expect(dayStart('5.12.2026', 'UTC')).toBeUndefined();
    });

    it('steps to the next day across months and years', () => {
        expect(nextDay('2026-02-28')).toBe('2026-03-01');
        expect(nextDay('2026-12-31')).toBe('2027-01-01');
    });

    it('turns the URL’s days into the API’s moments, `to` inclusive of its day', () => {
        const url = {
            actor: ' root ',
            action: 'pos_key.create',
            entityType: '',
            entityId: '',
            from: '2026-12-01',
            to: '2026-12-05',
        };
        expect(apiFilter(url, 'Europe/Moscow')).toEqual({
            actor: 'root',
            action: 'pos_key.create',
            entityType: undefined,
            entityId: undefined,
            from: '2026-11-30T21:00:00.000Z',
            to: '2026-12-05T21:00:00.000Z',
        });
    });
});
