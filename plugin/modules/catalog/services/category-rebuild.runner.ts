import { setTimeout as sleep } from 'node:timers/promises';
import type { RefillConfig } from '../../../config/refill-options.js';
import type { Database } from '../../../kernel/db/database.js';
import { CatalogSnapshot } from '../rules/catalog-snapshot.js';
import { sameStat, statFromPurchases } from '../rules/category-stats.rules.js';
import type { CategoryRebuild } from '../entities/category-rebuild.entity.js';
import type { CategoryHistoryQuery, CategoryPurchase } from '../repositories/category-history.query.js';
import type {
    CategoryRebuildRepository,
    RebuildPosition,
} from '../repositories/category-rebuild.repository.js';
import type {
    CategoryStatsRepository,
    KeyedCategoryStat,
} from '../repositories/category-stats.repository.js';
import type { CatalogRepository } from '../repositories/catalog.repository.js';
import { HISTORY_STAMP, type SettingRepository } from '../../../kernel/db/setting.repository.js';
import type { Clock } from '../../../kernel/clock.js';
import type { CustomerRepository } from '../../customers/index.js';

/** The repository methods a rebuild run calls (the composition root passes its bag). */
export interface CategoryRebuildRunnerPorts {
    catalog: Pick<CatalogRepository, 'loadAll'>;
    customers: Pick<CustomerRepository, 'lockIds'>;
    rebuilds: Pick<CategoryRebuildRepository, 'advance' | 'find' | 'markRunning' | 'request' | 'transition'>;
    settings: Pick<SettingRepository, 'bump'>;
    stats: Pick<CategoryStatsRepository, 'deleteForCategory' | 'findForCategory' | 'upsert'>;
}

/** Called after every batch of a run. */
export interface RebuildRunHooks {
    /** Extends the job's lock (a long run on Agenda). */
    touch?: () => Promise<void>;
    /** The row after the batch (progress for the CLI). */
    onProgress?: (row: CategoryRebuild) => void;
}

/** How a run ended. */
export interface RebuildRunResult {
    /** `done`: this run finished it; `superseded`: a newer request took over; `idle`: nothing was queued. */
    outcome: 'done' | 'superseded' | 'idle';
    /** Categories whose statistics were requested next (they lost or gained lines). */
    followUps: number[];
}

/** A batch found the row elsewhere (a newer generation, another worker's batch): its transaction rolls back. */
class Moved extends Error {}

const active = (row: CategoryRebuild | null, generation: number): row is CategoryRebuild =>
    row !== null && row.generation === generation && (row.state === 'queued' || row.state === 'running');

/**
 * Does one category rebuild, batch by batch, each batch one short
 * transaction that ends with a compare-and-set of the checkpoint (so a
 * superseded run or a second worker writes nothing twice, and a crash
 * resumes after the last committed batch):
 *
 * 1. **remap**: stored lines in id order, each placed by the current rules;
 *    a line whose category changes to or from this one is updated. Categories
 *    that lose or gain lines are noted as follow-ups.
 * 2. **stats**: customers in id order; for those with lines or a row of the
 *    category, the row is recomputed from all their stored lines of it (the
 *    same rule as the sale and the import) and written only when it differs.
 *    The batch locks those customers first, in id order, as every ledger
 *    write path does, so it never races a sale of the same customer.
 * 3. **done**: follow-ups get a statistics rebuild; caches over history reload.
 */
export class CategoryRebuildRunner {
    constructor(
        private readonly db: Database,
        private readonly repos: CategoryRebuildRunnerPorts,
        private readonly history: CategoryHistoryQuery,
        private readonly config: RefillConfig,
        private readonly clock: Clock,
    ) {}

    /** Runs the queued (or interrupted) rebuild of a category, of `generation` if given, to its end. */
    async run(
        categoryId: number,
        generation: number | undefined,
        hooks: RebuildRunHooks = {},
    ): Promise<RebuildRunResult> {
        const first = await this.repos.rebuilds.find(this.db, categoryId);
        const gen = generation ?? first?.generation ?? 0;
        if (!active(first, gen)) return { outcome: 'idle', followUps: [] };
        await this.repos.rebuilds.markRunning(this.db, categoryId, gen, this.clock());
        let stalls = 0;
        for (;;) {
            const row = await this.repos.rebuilds.find(this.db, categoryId);
            // Another worker may have finished this generation meanwhile.
            if (row?.generation === gen && row.state === 'done') return { outcome: 'done', followUps: [] };
            if (!active(row, gen)) return { outcome: 'superseded', followUps: [] };
            try {
                if (row.phase === 'remap') await this.remap(row, hooks);
                else {
                    await this.stats(row, hooks);
                    return { outcome: 'done', followUps: await this.finish(row) };
                }
            } catch (error) {
                if (!(error instanceof Moved)) throw error;
                // Another batch got there first: read where the row is now and go on from there.
                const now = await this.repos.rebuilds.find(this.db, categoryId);
                const still =
                    now?.generation === gen && now.phase === row.phase && now.cursorId === row.cursorId;
                if (still && ++stalls >= 3)
                    throw new Error(`the rebuild of category ${categoryId} cannot record its checkpoint`);
            }
        }
    }

    /** Re-maps lines from the checkpoint to the end, then moves to the statistics phase. */
    private async remap(row: CategoryRebuild, hooks: RebuildRunHooks): Promise<void> {
        const at = position(row);
        if (at.cursorId === 0) {
            await this.settle(row);
            await this.move(at, { phase: 'remap', linesTotal: await this.history.count('lines') });
        }
        const { products, categories, rules } = await this.repos.catalog.loadAll();
        const snapshot = new CatalogSnapshot(products, categories, rules);
        const followUps = new Set(parseIds(row.followUps));
        const size = this.config.campaigns.rebuildBatchSize * 10;
        for (;;) {
            const lines = await this.history.linesAfter(at.cursorId, size);
            if (!lines.length) break;
            const moves = new Map<number | null, number[]>();
            let changed = 0;
            for (const line of lines) {
                const to = snapshot.categoryOf(line.sku, line.atc)?.id ?? null;
                if (to === line.categoryId || (to !== row.categoryId && line.categoryId !== row.categoryId))
                    continue;
                const ids = moves.get(to) ?? [];
                if (!ids.length) moves.set(to, ids);
                ids.push(line.id);
                changed++;
                for (const other of [to, line.categoryId])
                    if (other !== null && other !== row.categoryId) followUps.add(other);
            }
            const cursorId = lines[lines.length - 1].id;
            await this.db.transaction(async (tx) => {
                for (const [to, ids] of moves) await this.history.setLineCategory(tx, to, ids);
                const ok = await this.repos.rebuilds.advance(
                    tx,
                    at,
                    {
                        cursorId,
                        linesDone: lines.length,
                        linesChanged: changed,
                        followUps: followUps.size ? [...followUps].sort((a, b) => a - b).join(',') : null,
                    },
                    this.clock(),
                );
                if (!ok) throw new Moved();
            });
            at.cursorId = cursorId;
            await this.afterBatch(row.categoryId, hooks);
        }
        await this.move(at, { phase: 'stats', customersTotal: await this.history.count('customers') });
    }

    /** Rewrites the statistics rows from the checkpoint to the last customer. */
    private async stats(row: CategoryRebuild, hooks: RebuildRunHooks): Promise<void> {
        const at = position(row);
        if (at.cursorId === 0 && row.customersTotal === 0)
            await this.move(at, { phase: 'stats', customersTotal: await this.history.count('customers') });
        const categoryId = row.categoryId;
        for (;;) {
            const ids = await this.history.customerIdsAfter(
                at.cursorId,
                this.config.campaigns.rebuildBatchSize,
            );
            if (!ids.length) return;
            const cursorId = ids[ids.length - 1];
            // A plain read first, so the batch locks only the customers it rewrites.
            const touched = await this.history.customersWithCategory(categoryId, ids[0], cursorId);
            await this.db.transaction(async (tx) => {
                let written = 0;
                if (touched.length) {
                    // The customers' rows first, in id order: the lock every write path of a customer takes first.
                    await this.repos.customers.lockIds(tx, touched);
                    const purchases = await this.history.purchasesOf(tx, categoryId, touched);
                    const stored = await this.repos.stats.findForCategory(tx, categoryId, touched);
                    const { upserts, deletes } = this.rewrite(categoryId, touched, purchases, stored);
                    if (upserts.length) await this.repos.stats.upsert(tx, upserts);
                    if (deletes.length) await this.repos.stats.deleteForCategory(tx, categoryId, deletes);
                    written = upserts.length + deletes.length;
                }
                const ok = await this.repos.rebuilds.advance(
                    tx,
                    at,
                    { cursorId, customersDone: ids.length, rowsWritten: written },
                    this.clock(),
                );
                if (!ok) throw new Moved();
            });
            at.cursorId = cursorId;
            await this.afterBatch(categoryId, hooks);
        }
    }

    /** The rows these customers should have, against what they have: what to write and what to delete. */
    private rewrite(
        categoryId: number,
        customerIds: readonly number[],
        purchases: readonly CategoryPurchase[],
        stored: readonly KeyedCategoryStat[],
    ): { upserts: KeyedCategoryStat[]; deletes: number[] } {
        const byCustomer = new Map<number, CategoryPurchase[]>();
        for (const p of purchases) {
            const list = byCustomer.get(p.customerId) ?? [];
            if (!list.length) byCustomer.set(p.customerId, list);
            list.push(p);
        }
        const have = new Map(stored.map((s) => [s.customerId, s]));
        const upserts: KeyedCategoryStat[] = [];
        const deletes: number[] = [];
        for (const customerId of customerIds) {
            const want = statFromPurchases(byCustomer.get(customerId) ?? [], this.config.timezone);
            const current = have.get(customerId);
            if (!want) {
                if (current) deletes.push(customerId);
            } else if (!current || !sameStat(want, current))
                upserts.push({ ...want, customerId, categoryId });
        }
        return { upserts, deletes };
    }

    /** Ends the rebuild and requests the follow-ups' statistics in the same transaction. */
    private async finish(row: CategoryRebuild): Promise<number[]> {
        const current = await this.repos.rebuilds.find(this.db, row.categoryId);
        if (!active(current, row.generation) || current.phase !== 'stats') throw new Moved();
        const followUps = parseIds(current.followUps);
        const now = this.clock();
        await this.db.transaction(async (tx) => {
            const ok = await this.repos.rebuilds.transition(
                tx,
                position(current),
                { phase: 'done', state: 'done', finishedAt: now },
                now,
            );
            if (!ok) throw new Moved();
            for (const id of followUps) await this.repos.rebuilds.request(tx, id, 'stats', now);
        });
        await this.repos.settings.bump(HISTORY_STAMP, now);
        return followUps;
    }

    /** Sets a phase's totals (or moves to the next phase), cursor at 0; throws when the row moved. */
    private async move(
        at: RebuildPosition,
        to: { phase: 'remap' | 'stats'; linesTotal?: number; customersTotal?: number },
    ): Promise<void> {
        const ok = await this.repos.rebuilds.transition(
            this.db,
            at,
            { ...to, state: 'running' },
            this.clock(),
        );
        if (!ok) throw new Moved();
        at.phase = to.phase;
        at.cursorId = 0;
    }

    /**
     * Waits until every instance's catalogue snapshot holds the new rules
     * (`pos.cacheTtlMs` after the change, plus a second), so no sale mapped by
     * the old rules is written after the remap passed it.
     */
    private async settle(row: CategoryRebuild): Promise<void> {
        const ttl = this.config.pos.cacheTtlMs;
        if (ttl === 0) return;
        const settleMs = ttl + 1000;
        const waited = this.clock().getTime() - row.requestedAt.getTime();
        const left = Math.min(settleMs, Math.max(0, settleMs - waited));
        if (left > 0) await sleep(left);
    }

    private async afterBatch(categoryId: number, hooks: RebuildRunHooks): Promise<void> {
        await hooks.touch?.();
        if (hooks.onProgress) {
            const row = await this.repos.rebuilds.find(this.db, categoryId);
            if (row) hooks.onProgress(row);
        }
    }
}

function position(row: CategoryRebuild): RebuildPosition {
    return {
        categoryId: row.categoryId,
        generation: row.generation,
        phase: row.phase,
        cursorId: row.cursorId,
    };
}

/** The ids of a comma-separated list. */
export function parseIds(text: string | null): number[] {
    return text ? text.split(',').map(Number) : [];
}
