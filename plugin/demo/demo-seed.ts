import type { Refill } from '../refill.js';

/** How big a demo chain to generate. */
export interface DemoSeedOptions {
    /** Number of customers. */
    customers: number;
    /** PRNG seed: the same seed gives the same chain. Default 1. */
    seed?: number;
    /** Days of purchase history before today. Default 400. */
    historyDays?: number;
    /** Number of stores (default: about one per 5,000 customers, at least 3). */
    stores?: number;
    /** Called as receipts are written. */
    onProgress?: (done: number, total: number) => void;
}

/** What a seed run wrote. */
export interface DemoSeedSummary {
    stores: number;
    categories: number;
    products: number;
    customers: number;
    receipts: number;
    lines: number;
}

/** Seeds a synthetic pharmacy chain (implemented by the demo generator). */
export async function seedDemoChain(_refill: Refill, _options: DemoSeedOptions): Promise<DemoSeedSummary> {
    throw new Error('seedDemoChain: not implemented yet');
}
