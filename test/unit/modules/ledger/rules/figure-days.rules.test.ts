import { describe, expect, it } from 'vitest';
import {
    addDays,
    dayStart,
    daysFrom,
    localDay,
    monthStart,
    offsetSegments,
} from '../../../../../plugin/modules/ledger/rules/figure-days.rules.js';

const at = (iso: string) => new Date(iso);

describe('day bucketing in the chain timezone', () => {
    it('puts an instant on its local calendar day, not the UTC one', () => {
        // 22:30 UTC is already the next day in Moscow (UTC+3) and still the same day in New York.
        expect(localDay(at('2026-03-01T22:30:00Z'), 'Europe/Moscow')).toBe('2026-03-02');
        expect(localDay(at('2026-03-01T20:59:59.999Z'), 'Europe/Moscow')).toBe('2026-03-01');
        expect(localDay(at('2026-03-01T04:30:00Z'), 'America/New_York')).toBe('2026-02-28');
        expect(localDay(at('2026-03-01T05:00:00Z'), 'America/New_York')).toBe('2026-03-01');
        expect(localDay(at('2026-03-01T22:30:00Z'), 'UTC')).toBe('2026-03-01');
    });

    it('finds where a local day starts, across daylight saving', () => {
        expect(dayStart('2026-03-02', 'Europe/Moscow').toISOString()).toBe('2026-03-01T21:00:00.000Z');
        // New York: EST (−5) before 8 March 2026, EDT (−4) from it.
        expect(dayStart('2026-03-08', 'America/New_York').toISOString()).toBe('2026-03-08T05:00:00.000Z');
        expect(dayStart('2026-03-09', 'America/New_York').toISOString()).toBe('2026-03-09T04:00:00.000Z');
    });

    it('walks days and months as calendar strings', () => {
        expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
        expect(addDays('2026-03-01', -89)).toBe('2025-12-02');
        expect(monthStart('2026-03-17')).toBe('2026-03-01');
        expect(daysFrom('2026-02-27', '2026-03-02')).toEqual([
            '2026-02-27',
            '2026-02-28',
            '2026-03-01',
            '2026-03-02',
        ]);
        expect(daysFrom('2026-03-02', '2026-03-01')).toEqual([]);
    });

    it('keeps one segment where the offset never changes', () => {
        expect(
            offsetSegments(at('2026-01-01T00:00:00Z'), at('2026-12-31T00:00:00Z'), 'Europe/Moscow'),
        ).toEqual([{ from: at('2026-01-01T00:00:00Z'), to: at('2026-12-31T00:00:00Z'), offsetMinutes: 180 }]);
        expect(offsetSegments(at('2026-01-02T00:00:00Z'), at('2026-01-01T00:00:00Z'), 'UTC')).toEqual([]);
    });

    it('splits at daylight saving changes, to the instant', () => {
        const segments = offsetSegments(
            at('2026-03-01T00:00:00Z'),
            at('2026-11-30T00:00:00Z'),
            'America/New_York',
        );
        expect(segments).toEqual([
            { from: at('2026-03-01T00:00:00Z'), to: at('2026-03-08T07:00:00Z'), offsetMinutes: -300 },
            { from: at('2026-03-08T07:00:00Z'), to: at('2026-11-01T06:00:00Z'), offsetMinutes: -240 },
            { from: at('2026-11-01T06:00:00Z'), to: at('2026-11-30T00:00:00Z'), offsetMinutes: -300 },
        ]);
    });

    it('gives every instant the local day of its segment offset', () => {
        const zone = 'Europe/Berlin';
        const from = at('2026-03-20T00:00:00Z');
        const to = at('2026-04-05T00:00:00Z');
        const segments = offsetSegments(from, to, zone);
        expect(segments).toHaveLength(2);
        for (let ms = from.getTime(); ms < to.getTime(); ms += 17 * 60_000) {
            const s = segments.find((x) => ms >= x.from.getTime() && ms < x.to.getTime())!;
            const shifted = new Date(ms + s.offsetMinutes * 60_000).toISOString().slice(0, 10);
            expect(shifted).toBe(localDay(new Date(ms), zone));
        }
    });
});
