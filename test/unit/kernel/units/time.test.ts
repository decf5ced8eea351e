import { describe, expect, it } from 'vitest';
import { daysToMs, MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE } from '../../../../plugin/kernel/units/time.js';

describe('time units', () => {
    it('has one day of 24 hours in milliseconds', () => {
        expect(MS_PER_MINUTE).toBe(60_000);
        expect(MS_PER_HOUR).toBe(3_600_000);
        expect(MS_PER_DAY).toBe(86_400_000);
        expect(daysToMs(7)).toBe(7 * 86_400_000);
    });
});
