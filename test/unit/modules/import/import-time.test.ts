import { describe, expect, it } from 'vitest';
import { parseUtcTime } from '../../../../plugin/modules/import/import-time.js';

describe('parseUtcTime', () => {
    it.each([
        ['2026-03-01', '2026-03-01T00:00:00.000Z'],
        ['2026-03-01T10:15', '2026-03-01T10:15:00.000Z'],
        ['2026-03-01 10:15:30.25', '2026-03-01T10:15:30.250Z'],
        ['2026-03-01T10:15:30.123456Z', '2026-03-01T10:15:30.123Z'],
        ['2026-03-01T10:15:30+0300', '2026-03-01T07:15:30.000Z'],
        ['2026-03-01T10:15:30+03', '2026-03-01T07:15:30.000Z'],
        ['2026-03-01T10:15:30-03:30', '2026-03-01T13:45:30.000Z'],
    ])('reads %s as UTC unless it names an offset', (text, iso) => {
        expect(parseUtcTime(text).toISOString()).toBe(iso);
    });

    it.each(['yesterday', '2026-02-30', '2026-13-01', '2026-03-01T25:00', '01.03.2026', ''])(
        'gives an invalid date for %j',
        (text) => {
            expect(Number.isNaN(parseUtcTime(text).getTime())).toBe(true);
        },
    );
});
