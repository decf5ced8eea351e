import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
    assignGroup,
    BUCKET_COUNT,
    fnv1a32,
    HASH_VERSION,
    hashBucket,
} from '../../../../../plugin/modules/campaigns/stats/assignment.rules.js';
import { srmCheck } from '../../../../../plugin/modules/campaigns/stats/srm.stats.js';

describe('campaign assignment (hash v2)', () => {
    it('computes FNV-1a 32-bit', () => {
        expect(fnv1a32('a')).toBe(0xe40c292c);
        expect(fnv1a32('foobar')).toBe(0xbf9cf968);
        expect(fnv1a32('')).toBe(0x811c9dc5);
    });

    it("reproduces GrowthBook's hash v2 test vectors", () => {
        expect(HASH_VERSION).toBe(2);
        expect(hashBucket('seed', 'a')).toBe(505);
        expect(hashBucket('seed', 'b')).toBe(2696);
        expect(hashBucket('foo', 'ab')).toBe(2575);
        expect(hashBucket('foo', 'def')).toBe(2019);
        expect(hashBucket('89123klj', '8952klfjas09ujkasdf')).toBe(1240);
    });

    it('hashes a numeric id like its decimal string', () => {
        expect(hashBucket('camp-7:salt', 123456)).toBe(hashBucket('camp-7:salt', '123456'));
    });

    it('puts a customer in control when its bucket is below the share', () => {
        // bucket('seed', 'a') = 505
        expect(assignGroup('seed', 'a', 505)).toBe('test');
        expect(assignGroup('seed', 'a', 506)).toBe('control');
        expect(assignGroup('seed', 'a', 0)).toBe('test');
        expect(assignGroup('seed', 'a', BUCKET_COUNT)).toBe('control');
    });

    it('rejects a share that is not a whole number of basis points in range', () => {
        expect(() => assignGroup('seed', 'a', 0.1)).toThrow(RangeError);
        expect(() => assignGroup('seed', 'a', -1)).toThrow(RangeError);
        expect(() => assignGroup('seed', 'a', 10_001)).toThrow(RangeError);
    });

    it('is deterministic, in range and monotone in the share', () => {
        fc.assert(
            fc.property(
                fc.string(),
                fc.oneof(fc.string(), fc.nat()),
                fc.integer({ min: 0, max: BUCKET_COUNT }),
                fc.integer({ min: 0, max: BUCKET_COUNT }),
                (seed, id, a, b) => {
                    const bucket = hashBucket(seed, id);
                    expect(Number.isInteger(bucket)).toBe(true);
                    expect(bucket).toBeGreaterThanOrEqual(0);
                    expect(bucket).toBeLessThan(BUCKET_COUNT);
                    expect(hashBucket(seed, id)).toBe(bucket);
                    expect(assignGroup(seed, id, a)).toBe(assignGroup(seed, id, a));
                    const [low, high] = a <= b ? [a, b] : [b, a];
                    if (assignGroup(seed, id, low) === 'control')
                        expect(assignGroup(seed, id, high)).toBe('control');
                },
            ),
        );
    });

    it('splits 100,000 sequential ids close to the configured share', () => {
        for (const [seed, shareBp] of [
            ['campaign-1:x7Qp', 1000],
            ['campaign-2:Lr9z', 909],
            ['campaign-3:aa01', 5000],
        ] as const) {
            const counts = { test: 0, control: 0 };
            for (let id = 1; id <= 100_000; id++) counts[assignGroup(seed, id, shareBp)]++;
            const srm = srmCheck(counts, shareBp / BUCKET_COUNT);
            // χ²₁ above 10.83 happens with probability 0.001 for a fair hash
            expect(srm.chiSquared).toBeLessThan(10.83);
            expect(srm.flagged).toBe(false);
        }
    });

    it('gives independent control groups under different salts', () => {
        let bothControl = 0;
        let controlInA = 0;
        for (let id = 1; id <= 100_000; id++) {
            if (assignGroup('campaign-A:1', id, 1000) !== 'control') continue;
            controlInA++;
            if (assignGroup('campaign-B:2', id, 1000) === 'control') bothControl++;
        }
        expect(bothControl / controlInA).toBeGreaterThan(0.08);
        expect(bothControl / controlInA).toBeLessThan(0.12);
    });
});
