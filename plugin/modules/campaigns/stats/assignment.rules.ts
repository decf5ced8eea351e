/*
 * Deterministic test/control assignment: GrowthBook's hash v2 (FNV-1a 32-bit
 * over UTF-16 code units, applied twice) into 10,000 buckets (reference §3.1).
 * The same seed and customer id always land in the same bucket, on any
 * machine and in any SDK that implements hash v2.
 */

import { BASIS_POINTS_PER_WHOLE } from '../../../kernel/units/shares.js';

/** Version of the bucketing hash; stored with each assignment so a change is visible. */
export const HASH_VERSION = 2;

/** Number of buckets: one per basis point, so a control share in basis points is a bucket count. */
export const BUCKET_COUNT = BASIS_POINTS_PER_WHOLE;

/** A customer's group in a campaign. */
export type CampaignGroup = 'test' | 'control';

/**
 * FNV-1a 32-bit hash of a string's UTF-16 code units (offset basis
 * 0x811c9dc5, prime 0x01000193), as an unsigned 32-bit integer.
 */
export function fnv1a32(s: string): number {
    let h = 0x811c9dc5;
    for (let i = 0; i < s.length; i++) {
        h ^= s.charCodeAt(i);
        h = Math.imul(h, 0x01000193);
    }
    return h >>> 0;
}

/**
 * The bucket 0..9999 of a customer under a campaign seed (hash v2):
 * fnv1a32(String(fnv1a32(seed + id))) mod 10,000. The seed is the campaign's
 * salt, fixed at creation; never put a date in it.
 */
export function hashBucket(seed: string, customerId: string | number): number {
    return fnv1a32(String(fnv1a32(seed + String(customerId)))) % BUCKET_COUNT;
}

/**
 * The group of a customer: control when its bucket is below the control share
 * (an integer number of basis points, 0..10,000), test otherwise. Raising the
 * share only moves test customers into control, never the other way.
 */
export function assignGroup(
    seed: string,
    customerId: string | number,
    controlShareBp: number,
): CampaignGroup {
    if (!Number.isInteger(controlShareBp) || controlShareBp < 0 || controlShareBp > BUCKET_COUNT)
        throw new RangeError(
            `controlShareBp must be an integer in [0, ${BUCKET_COUNT}], got ${controlShareBp}`,
        );
    return hashBucket(seed, customerId) < controlShareBp ? 'control' : 'test';
}
