import { randomUUID } from 'node:crypto';
import type { Clock } from '../../../kernel/clock.js';
import type { RefillLogger } from '../../../kernel/logging/logger.port.js';
import type { ChainRun } from '../entities/chain-run.entity.js';
import type { ChainRunRepository } from '../repositories/chain-run.repository.js';
import type { LiveChainsCache } from './chain-engine.cache.js';
import type { ChainStepExecutor, StepOutcome } from './chain-step.executor.js';

/** How the step runner works. */
export interface ChainEngineOptions {
    /** Due runs claimed per batch. */
    batchSize: number;
    /** Steps executed at once (each its own transaction and connection). */
    concurrency: number;
    /** How long a claim holds its runs, ms (a runner that dies leaves them due again after it). */
    leaseMs: number;
    /** How long a failed step waits before it is tried again, ms. */
    retryMs: number;
    /** Runs stepped in one transaction (each still one step; a failure retries them one by one). */
    groupSize: number;
}

/** What a pass of the step runner did. */
export type ChainStepCounts = Record<StepOutcome | 'failed' | 'claimed', number>;

/** Default options (the composition root passes the configured ones). */
export const DEFAULT_ENGINE_OPTIONS: ChainEngineOptions = {
    batchSize: 200,
    concurrency: 4,
    leaseMs: 5 * 60_000,
    retryMs: 60_000,
    groupSize: 20,
};

/**
 * The chain step runner: claims due runs in batches (active runs, then
 * waiting runs whose wait ended) and executes one step of each, each in its
 * own transaction ({@link ChainStepExecutor}). A failed step is logged and
 * its run given back, due again after `retryMs`; a runner that dies leaves
 * its claims to expire. Several runners (workers, instances) work side by
 * side: claims skip each other's rows.
 */
export class ChainEngineService {
    constructor(
        private readonly runs: Pick<ChainRunRepository, 'claimDue' | 'release'>,
        private readonly chains: LiveChainsCache,
        private readonly executor: ChainStepExecutor,
        private readonly clock: Clock,
        private readonly options: ChainEngineOptions = DEFAULT_ENGINE_OPTIONS,
        private readonly logger?: RefillLogger,
    ) {}

    /**
     * Claims and steps one batch of due runs; `more` says whether the batch
     * was full (work may remain).
     */
    async runBatch(): Promise<ChainStepCounts & { more: boolean }> {
        const counts: ChainStepCounts = {
            claimed: 0,
            executed: 0,
            skipped: 0,
            deferred: 0,
            finished: 0,
            failed: 0,
        };
        const token = randomUUID();
        const now = this.clock();
        const lease = new Date(now.getTime() + this.options.leaseMs);
        const size = this.options.batchSize;
        const claimed = await this.runs.claimDue('active', now, size, token, lease);
        if (claimed.length < size)
            claimed.push(...(await this.runs.claimDue('waiting', now, size - claimed.length, token, lease)));
        counts.claimed = claimed.length;
        const groups: ChainRun[][] = [];
        const per = Math.max(1, this.options.groupSize);
        for (let i = 0; i < claimed.length; i += per) groups.push(claimed.slice(i, i + per));
        let next = 0;
        const worker = async () => {
            while (next < groups.length)
                for (const outcome of await this.stepGroup(groups[next++], token)) counts[outcome]++;
        };
        await Promise.all(Array.from({ length: Math.max(1, this.options.concurrency) }, worker));
        return { ...counts, more: claimed.length >= size };
    }

    /**
     * Steps due runs batch after batch (a step that leaves its run due at
     * once, as most do, is followed by the next step in the next batch) until
     * a batch finds nothing due or `until` (wall time, ms since the epoch)
     * passes; `touch` after each batch. `more` says whether it stopped with
     * work left.
     */
    async runDue(
        until = Number.POSITIVE_INFINITY,
        touch?: () => Promise<void>,
    ): Promise<ChainStepCounts & { more: boolean }> {
        const total: ChainStepCounts = {
            claimed: 0,
            executed: 0,
            skipped: 0,
            deferred: 0,
            finished: 0,
            failed: 0,
        };
        for (;;) {
            const { more: _full, ...counts } = await this.runBatch();
            for (const k of Object.keys(total) as (keyof ChainStepCounts)[]) total[k] += counts[k];
            await touch?.();
            if (!counts.claimed) return { ...total, more: false };
            if (Date.now() >= until) return { ...total, more: true };
        }
    }

    /** Steps a group in one transaction; when it fails, each of its runs alone. */
    private async stepGroup(group: ChainRun[], token: string): Promise<(StepOutcome | 'failed')[]> {
        const items = [];
        for (const run of group) items.push({ claimed: run, chain: await this.chainOf(run.chainId) });
        if (items.length > 1)
            try {
                return await this.executor.executeGroup(items, token);
            } catch {
                // One run's step failed: the others must not wait for it.
            }
        const out: (StepOutcome | 'failed')[] = [];
        for (const item of items) out.push(await this.stepOne(item.claimed, item.chain, token));
        return out;
    }

    /** A live chain by id, read again once when this instance does not know it (another may have switched it on). */
    private async chainOf(id: number) {
        const chain = await this.chains.byId(id);
        if (chain) return chain;
        this.chains.invalidate();
        return this.chains.byId(id);
    }

    private async stepOne(
        run: ChainRun,
        chain: Awaited<ReturnType<LiveChainsCache['byId']>>,
        token: string,
    ): Promise<StepOutcome | 'failed'> {
        try {
            return await this.executor.execute(run, token, chain);
        } catch (error) {
            this.logger?.warn(
                { err: error, runId: run.id, chainId: run.chainId },
                'chain step failed; it will be retried',
            );
            const now = this.clock();
            await this.runs
                .release(run.id, token, new Date(now.getTime() + this.options.retryMs), now)
                .catch(() => undefined);
            return 'failed';
        }
    }
}
