import { assignGroup } from '../../campaigns/index.js';
import type { ChainRunGroup } from '../entities/chain-run.entity.js';

/** The assignment seed of a chain: fixed by its id, never by a date, so a customer's group never changes. */
export function chainSeed(chainId: number): string {
    return `chain:${chainId}`;
}

/**
 * The group of a customer's run of a chain, by the campaigns' hash (v2)
 * of (chain seed, customer) into 10,000 buckets: `holdout` when the bucket
 * is below the chain's holdout share in basis points, `test` otherwise.
 * The same customer always lands on the same side of the same chain.
 */
export function chainGroup(chainId: number, customerId: number, holdoutBp: number): ChainRunGroup {
    const bp = Math.min(Math.max(Math.trunc(holdoutBp), 0), 10_000);
    return assignGroup(chainSeed(chainId), customerId, bp) === 'control' ? 'holdout' : 'test';
}
