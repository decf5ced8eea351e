import type { ChainReentry } from './chain-definition.js';
import { MS_PER_DAY } from '../../../kernel/units/time.js';

/** What the re-entry rule needs to know of a customer's earlier runs of one chain. */
export interface EarlierRuns {
    /** When the customer last entered the chain (null: never). */
    lastEnteredAt: Date | null;
    /** Whether a run of the chain is still open (active or waiting). */
    open: boolean;
}

/**
 * Whether a customer may enter a chain again: `once` only if they never
 * entered it; `every` N days once the last entry is at least N days old;
 * `always` whenever the trigger fires. Under every rule a customer has at
 * most one open run of a chain at a time.
 */
export function mayEnter(rule: ChainReentry, earlier: EarlierRuns, now: Date): boolean {
    if (earlier.open) return false;
    if (earlier.lastEnteredAt === null) return true;
    switch (rule.rule) {
        case 'once':
            return false;
        case 'every':
            return now.getTime() - earlier.lastEnteredAt.getTime() >= rule.days * MS_PER_DAY;
        case 'always':
            return true;
    }
}

/**
 * The unique key of one entry: the chain, the customer and the occurrence
 * of the trigger (a purchase, a day, a burn day), so a retried entry enters once.
 */
export function entryKey(chainId: number, customerId: number, occurrence: string): string {
    return `${chainId}:${customerId}:${occurrence}`.slice(0, 96);
}

/** Whether a customer has room for one more run under the cap on concurrent runs. */
export function underCap(openRuns: number, cap: number): boolean {
    return openRuns < cap;
}
