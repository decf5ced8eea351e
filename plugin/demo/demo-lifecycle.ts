import type { Refill } from '../refill.js';
import { refillInternals } from '../refill-internals.js';

/** How the demo's lifecycle history is drawn. */
export interface DemoLifecycleOptions {
    /** Past days classified before today's run, one a week back from today (default 16). */
    weeks?: number;
}

const MS_PER_WEEK = 7 * 24 * 3_600_000;

/**
 * Fills the lifecycle pages on the first start: classifies the demo history
 * at one past day a week (facts counted from the receipts stored before each
 * day, in order, as the daily job would have), then today from the
 * customers' kept facts, so the sizes chart and the monthly flows have data.
 * Safe to run again: each day is classified once. Returns the days run.
 */
export async function seedDemoLifecycle(refill: Refill, options: DemoLifecycleOptions = {}): Promise<number> {
    const { services, clock } = refillInternals(refill);
    const weeks = options.weeks ?? 16;
    const now = clock().getTime();
    for (let w = weeks; w >= 1; w--)
        await services.lifecycleClassification.run({ asOf: new Date(now - w * MS_PER_WEEK) });
    await services.lifecycleClassification.run();
    return weeks + 1;
}
