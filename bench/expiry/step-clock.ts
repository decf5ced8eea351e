import { performance } from 'node:perf_hooks';

/** The parts of a batch, in order. */
export const STEPS = ['pick', 'begin', 'lock', 'read', 'compute', 'write', 'commit'] as const;
export type Step = (typeof STEPS)[number];

/**
 * Splits a batched run's wall time into its steps: `time()` charges a call
 * to its step and the gap since the previous call to `gap` (work in between,
 * such as the transaction's BEGIN or Refill's in-memory ledger session);
 * `close()` charges the time since the last call (the COMMIT) and ends the
 * batch. Two `performance.now()` per call: nothing measurable beside a batch.
 */
export class StepClock {
    readonly totals: Record<Step, number> = Object.fromEntries(STEPS.map((s) => [s, 0])) as Record<
        Step,
        number
    >;
    private last = performance.now();

    async time<T>(step: Step, gap: Step, fn: () => Promise<T>): Promise<T> {
        const start = performance.now();
        this.totals[gap] += start - this.last;
        try {
            return await fn();
        } finally {
            this.last = performance.now();
            this.totals[step] += this.last - start;
        }
    }

    close(step: Step): void {
        const now = performance.now();
        this.totals[step] += now - this.last;
        this.last = now;
    }

    /**
     * Times an object's async method in place (bench instrumentation of
     * Refill's repositories; the plugin itself is not changed).
     */
    wrap<O extends object, K extends keyof O>(target: O, method: K, step: Step, gap: Step): void {
        const original = target[method] as unknown as (...args: unknown[]) => Promise<unknown>;
        const time = (fn: () => Promise<unknown>) => this.time(step, gap, fn);
        (target as Record<K, unknown>)[method] = function (this: unknown, ...args: unknown[]) {
            return time(() => original.apply(this, args));
        };
    }
}
