import { describe, expect, it } from 'vitest';
import {
    checkConsentAt,
    checkPurchasedAt,
    checkReturnedAt,
    parseTillTime,
} from '../../../plugin/kernel/till-time.rules.js';

const now = new Date('2026-03-01T10:00:00Z');
const bounds = { maxBackdateDays: 30, clockSkewMs: 300_000 };

describe('till times', () => {
    it('reads RFC 3339 date-times with an offset, and nothing that does not exist', () => {
        expect(parseTillTime('2026-02-28T10:00:00Z')).toEqual(new Date('2026-02-28T10:00:00Z'));
        expect(parseTillTime('2026-02-28T13:00:00.123+03:00')).toEqual(new Date('2026-02-28T10:00:00.123Z'));
        expect(parseTillTime('2024-02-29T10:00Z')).toEqual(new Date('2024-02-29T10:00:00Z'));
        for (const bad of [
            '2026-02-30T10:00:00Z',
            '2026-02-29T10:00:00Z',
            '2026-04-31T10:00:00Z',
            '2026-00-10T10:00:00Z',
            '2026-02-28T25:00:00Z',
            '2026-02-28T10:60:00Z',
            '2026-02-28T10:00:00',
            '2026-02-28',
            '28.02.2026 10:00',
            '',
        ])
            expect(parseTillTime(bad), bad).toBeNull();
    });

    it('bounds a sale to [now - maxBackdateDays, now + skew]', () => {
        expect(checkPurchasedAt(new Date('2026-01-30T10:00:00Z'), now, bounds)).toBeNull();
        expect(checkPurchasedAt(new Date('2026-03-01T10:05:00Z'), now, bounds)).toBeNull();
        expect(checkPurchasedAt(new Date('2026-01-30T09:59:59Z'), now, bounds)).toMatch(/30 days/);
        expect(checkPurchasedAt(new Date('2026-03-01T10:05:01Z'), now, bounds)).toMatch(/future/);
        expect(checkPurchasedAt(new Date('0001-01-01T00:00:00Z'), now, bounds)).not.toBeNull();
    });

    it('bounds a return to [the sale, now + skew] and a consent to now + skew', () => {
        const sold = new Date('2026-02-20T10:00:00Z');
        expect(checkReturnedAt(sold, sold, now, bounds)).toBeNull();
        expect(checkReturnedAt(new Date('2026-02-20T09:59:59Z'), sold, now, bounds)).toMatch(
            /before the sale/,
        );
        expect(checkReturnedAt(new Date('2099-01-01T00:00:00Z'), sold, now, bounds)).toMatch(/future/);
        expect(checkConsentAt(new Date('2099-01-01T00:00:00Z'), now, bounds)).toMatch(/future/);
        expect(checkConsentAt(new Date('2020-01-01T00:00:00Z'), now, bounds)).toBeNull();
    });
});
