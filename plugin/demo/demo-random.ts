import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';

/** Finalises a 32-bit hash (MurmurHash3 fmix32) so that nearby inputs give unrelated seeds. */
function mix32(h: number): number {
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    return h | 0;
}

/**
 * Derives the seed of one independent stream (a customer, a store…) from the
 * chain seed, so every customer can be generated on its own, in any order,
 * and does not change when the chain grows.
 */
export function streamSeed(seed: number, stream: number, index: number): number {
    return mix32(mix32(mix32(seed | 0) ^ Math.imul(stream + 1, 0x9e3779b9)) ^ mix32(index | 0));
}

/**
 * A seeded random source for the demo generator: pure-rand's xoroshiro128+
 * with the few distributions the generator needs. One instance per stream.
 */
export class DemoRandom {
    private readonly rng: RandomGenerator;

    constructor(seed: number) {
        this.rng = xoroshiro128plus(seed);
        // The first outputs of a freshly seeded xoroshiro are weak; skip them.
        for (let i = 0; i < 4; i++) this.rng.next();
    }

    /** A stream of `seed` for item `index` of kind `stream` (see {@link streamSeed}). */
    static forStream(seed: number, stream: number, index: number): DemoRandom {
        return new DemoRandom(streamSeed(seed, stream, index));
    }

    /** An integer in [from, to], both included. */
    int(from: number, to: number): number {
        return uniformInt(this.rng, from, to);
    }

    /** A float in [0, 1). */
    float(): number {
        return uniformFloat64(this.rng);
    }

    /** A float in [from, to). */
    between(from: number, to: number): number {
        return from + (to - from) * this.float();
    }

    /** True with probability `p`. */
    chance(p: number): boolean {
        return this.float() < p;
    }

    /** One element of a non-empty array, uniformly. */
    pick<T>(items: readonly T[]): T {
        return items[this.int(0, items.length - 1)];
    }

    /** One element of a non-empty array, the first ones more often (weights 1, 1/2, 1/3…: popular items first). */
    popular<T>(items: readonly T[]): T {
        let total = 0;
        for (let i = 0; i < items.length; i++) total += 1 / (i + 1);
        let r = this.float() * total;
        for (let i = 0; i < items.length - 1; i++) {
            r -= 1 / (i + 1);
            if (r < 0) return items[i];
        }
        return items[items.length - 1];
    }

    /** An index chosen with the given (non-negative, not all zero) weights. */
    weightedIndex(weights: readonly number[], total?: number): number {
        let r = this.float() * (total ?? weights.reduce((s, w) => s + w, 0));
        for (let i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) return i;
        }
        return weights.length - 1;
    }

    /** A Poisson-distributed count with mean `lambda` (Knuth's method; fine for the small means used here). */
    poisson(lambda: number): number {
        if (lambda <= 0) return 0;
        const limit = Math.exp(-lambda);
        let k = 0;
        let p = this.float();
        while (p > limit) {
            k++;
            p *= this.float();
        }
        return k;
    }

    /** An exponentially distributed value with the given mean. */
    exponential(mean: number): number {
        return -mean * Math.log(1 - this.float());
    }
}
