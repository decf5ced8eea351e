import type { RefillLogger } from '../../../kernel/logging/logger.port.js';
import type { RefillConfig } from '../../../config/refill-options.js';
import type { Database } from '../../../kernel/db/database.js';
import type { SqlExecutor } from '../../../kernel/db/sql-executor.js';
import type { CategoryRebuild, RebuildPhase, RebuildState } from '../entities/category-rebuild.entity.js';
import { RefillError } from '../../../kernel/errors/refill-error.js';
import { safeError } from '../../../kernel/logging/logger.js';
import { CategoryHistoryQuery } from '../repositories/category-history.query.js';
import {
    CategoryRebuildRunner,
    type CategoryRebuildRunnerPorts,
    type RebuildRunHooks,
    type RebuildRunResult,
} from './category-rebuild.runner.js';
import type { Clock } from '../../../kernel/clock.js';
import type { SettingRepository } from '../../../kernel/db/setting.repository.js';
import type { AuditRepository } from '../../admin/index.js';
import type { CatalogRepository } from '../repositories/catalog.repository.js';
import type { CategoryRebuildRepository } from '../repositories/category-rebuild.repository.js';

/** The repository methods the rebuild service calls, its runner's included (the composition root passes its bag). */
export interface CategoryRebuildPorts extends CategoryRebuildRunnerPorts {
    audit: Pick<AuditRepository, 'append'>;
    catalog: Pick<CatalogRepository, 'listCategories' | 'loadAll'>;
    rebuilds: Pick<
        CategoryRebuildRepository,
        'advance' | 'fail' | 'find' | 'list' | 'markRunning' | 'request' | 'resume' | 'transition'
    >;
    settings: Pick<SettingRepository, 'bump' | 'get' | 'set'>;
}

/** A rebuild as the admin API, the CLI and a campaign's dry run show it. */
export interface RebuildProgress {
    category: string;
    state: RebuildState;
    phase: RebuildPhase;
    /** Lines looked at plus customers looked at, and how many there are to look at. */
    done: number;
    total: number;
    lines: { done: number; total: number; changed: number };
    customers: { done: number; total: number };
    rowsWritten: number;
    requestedAt: string;
    startedAt: string | null;
    finishedAt: string | null;
    error: string | null;
}

/** Puts a rebuild on the job queue (the scheduler's, bound late: it is built from the services). */
export type RebuildEnqueue = (categoryId: number, generation: number) => Promise<void>;

/** The setting that records in which timezone the statistics rows count their days. */
const DAY_ZONE_SETTING = 'stats.day-zone';

/**
 * Rebuilds of categories from the stored history. A category's creation or a
 * change of its ATC prefixes or SKUs requests one in the same transaction;
 * after commit it is enqueued as the `category-rebuild` job (or finished at
 * once when there is no history). Shows progress, resumes failed and
 * interrupted rebuilds, and rebuilds every category's statistics when the
 * chain's timezone (in which purchase days count) is not the one they were
 * built in.
 */
export class CategoryRebuildService {
    private readonly history: CategoryHistoryQuery;
    private readonly runner: CategoryRebuildRunner;

    constructor(
        private readonly db: Database,
        private readonly repos: CategoryRebuildPorts,
        private readonly config: RefillConfig,
        private readonly clock: Clock,
        private readonly enqueue: RebuildEnqueue,
        private readonly logger: RefillLogger,
    ) {
        this.history = new CategoryHistoryQuery(db);
        this.runner = new CategoryRebuildRunner(db, repos, this.history, config, clock);
    }

    /** Requests rebuilds inside the caller's transaction (the one that changed the categories' rules). */
    async requestIn(
        tx: SqlExecutor,
        categoryIds: readonly number[],
        phase: RebuildPhase,
        now: Date,
    ): Promise<void> {
        for (const id of categoryIds) await this.repos.rebuilds.request(tx, id, phase, now);
    }

    /**
     * After the requesting transaction committed: a rebuild with nothing to
     * read (no stored lines, no statistics rows) is done at once; the others
     * go to the job queue. A failed enqueue leaves the row queued for the next
     * start (or `categories rebuild`).
     */
    async dispatch(categoryIds: readonly number[]): Promise<void> {
        const hasLines = categoryIds.length ? await this.history.hasLines() : false;
        for (const id of categoryIds) {
            const row = await this.repos.rebuilds.find(this.db, id);
            // A running one belongs to its job (another worker takes it over if this one dies).
            if (row?.state !== 'queued') continue;
            if (!hasLines && row.cursorId === 0 && !(await this.history.hasStats(id))) {
                const now = this.clock();
                const at = { categoryId: id, generation: row.generation, phase: row.phase, cursorId: 0 };
                await this.repos.rebuilds.transition(
                    this.db,
                    at,
                    { phase: 'done', state: 'done', startedAt: now, finishedAt: now },
                    now,
                );
                continue;
            }
            await this.enqueue(id, row.generation).catch((error: unknown) =>
                this.logger.warn(
                    { err: safeError(error), categoryId: id },
                    'category rebuild not enqueued yet',
                ),
            );
        }
    }

    /**
     * Rebuilds a category now (operators): takes over a failed or unfinished
     * rebuild from its checkpoint, or starts a new one from the remap. Audited.
     */
    async rebuild(code: string, actor: string): Promise<RebuildProgress> {
        const category = await this.category(code);
        const now = this.clock();
        await this.db.transaction(async (tx) => {
            const resumed = await this.repos.rebuilds.resume(tx, category.id, now);
            if (!resumed) await this.repos.rebuilds.request(tx, category.id, 'remap', now);
            await this.repos.audit.append(
                tx,
                {
                    actor,
                    action: 'category.rebuild',
                    entityType: 'category',
                    entityId: String(category.id),
                    details: { code, resumed },
                },
                now,
            );
        });
        await this.dispatch([category.id]);
        return (await this.progress(code)) as RebuildProgress;
    }

    /** Runs a category's rebuild here, to its end (the job's handler, and the CLI's `--wait`). */
    async run(
        categoryId: number,
        generation?: number,
        hooks: RebuildRunHooks = {},
    ): Promise<RebuildRunResult> {
        try {
            const result = await this.runner.run(categoryId, generation, hooks);
            if (result.followUps.length) await this.dispatch(result.followUps);
            return result;
        } catch (error) {
            const row = await this.repos.rebuilds.find(this.db, categoryId).catch(() => null);
            if (row && (generation === undefined || row.generation === generation))
                await this.repos.rebuilds
                    .fail(
                        this.db,
                        categoryId,
                        row.generation,
                        (error as Error).message ?? String(error),
                        this.clock(),
                    )
                    .catch(() => undefined);
            throw error;
        }
    }

    /**
     * Runs a category's rebuild here to its end, then the statistics rebuilds
     * it requested of other categories (the CLI's `--wait`); a job worker
     * running the same rebuild meanwhile shares the batches. Returns the
     * final progress of each.
     */
    async runHere(code: string, onProgress?: (p: RebuildProgress) => void): Promise<RebuildProgress[]> {
        const codes = await this.codes();
        const queue = [(await this.category(code)).id];
        const ran: number[] = [];
        while (queue.length) {
            const id = queue.shift() as number;
            const label = codes.get(id) ?? String(id);
            const result = await this.run(id, undefined, {
                onProgress: (row) => onProgress?.(view(label, row)),
            });
            ran.push(id);
            for (const next of result.followUps)
                if (!ran.includes(next) && !queue.includes(next)) queue.push(next);
        }
        const rows = await this.repos.rebuilds.list(this.db);
        return ran.flatMap((id) => {
            const row = rows.find((r) => r.categoryId === id);
            return row ? [view(codes.get(id) ?? String(id), row)] : [];
        });
    }

    /** The progress of a category's rebuild (null if it was never rebuilt). */
    async progress(code: string): Promise<RebuildProgress | null> {
        const category = await this.category(code);
        const row = await this.repos.rebuilds.find(this.db, category.id);
        return row ? view(code, row) : null;
    }

    /** Every category's latest rebuild, by category id. */
    async progressById(): Promise<Map<number, RebuildProgress>> {
        const codes = await this.codes();
        const rows = await this.repos.rebuilds.list(this.db);
        return new Map(
            rows.map((r) => [r.categoryId, view(codes.get(r.categoryId) ?? String(r.categoryId), r)]),
        );
    }

    /**
     * At start: enqueues every queued rebuild again (a request whose enqueue
     * was lost; a run whose worker died is taken over through its job's lock
     * by another worker), and, on an instance that
     * processes jobs, rebuilds the statistics of every category when they
     * were built in another timezone than the chain's (or before purchase
     * days counted in it).
     */
    async onStart(): Promise<void> {
        if (this.config.jobs.process) await this.ensureDayZone();
        const queued = (await this.repos.rebuilds.list(this.db)).filter((r) => r.state === 'queued');
        await this.dispatch(queued.map((r) => r.categoryId));
    }

    private async ensureDayZone(): Promise<void> {
        const zone = await this.repos.settings.get(DAY_ZONE_SETTING);
        if (zone === this.config.timezone) return;
        const now = this.clock();
        // None recorded: the statistics were all written since days count in the chain's timezone.
        if (zone === null) return this.repos.settings.set(DAY_ZONE_SETTING, this.config.timezone, now);
        const categories = await this.history.categoriesWithStats();
        if (categories.length) {
            this.logger.info(
                { from: zone, to: this.config.timezone, categories: categories.length },
                'purchase days count in the chain timezone: rebuilding the category statistics',
            );
            await this.db.transaction((tx) => this.requestIn(tx, categories, 'stats', now));
        }
        await this.repos.settings.set(DAY_ZONE_SETTING, this.config.timezone, now);
        await this.dispatch(categories);
    }

    private async codes(): Promise<Map<number, string>> {
        return new Map((await this.repos.catalog.listCategories(this.db)).map((c) => [c.id, c.code]));
    }

    private async category(code: string): Promise<{ id: number; code: string }> {
        const category = (await this.repos.catalog.listCategories(this.db)).find((c) => c.code === code);
        if (!category) throw new RefillError('REFILL_NOT_FOUND', `No category ${code}`);
        return category;
    }
}

function view(code: string, r: CategoryRebuild): RebuildProgress {
    const done = r.linesDone + r.customersDone;
    const iso = (d: Date | null) => (d ? d.toISOString() : null);
    return {
        category: code,
        state: r.state,
        phase: r.phase,
        done,
        total: Math.max(done, r.linesTotal + r.customersTotal),
        lines: { done: r.linesDone, total: Math.max(r.linesDone, r.linesTotal), changed: r.linesChanged },
        customers: { done: r.customersDone, total: Math.max(r.customersDone, r.customersTotal) },
        rowsWritten: r.rowsWritten,
        requestedAt: r.requestedAt.toISOString(),
        startedAt: iso(r.startedAt),
        finishedAt: iso(r.finishedAt),
        error: r.error,
    };
}
