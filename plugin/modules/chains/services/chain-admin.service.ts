import type { Database } from '../../../kernel/db/database.js';
import type { SqlExecutor } from '../../../kernel/db/sql-executor.js';
import { RefillError } from '../../../kernel/errors/refill-error.js';
import type { Clock } from '../../../kernel/clock.js';
import type { AuditAction } from '../../../kernel/vocabulary/audit-actions.js';
import type { AuditRepository } from '../../admin/index.js';
import type { CatalogService } from '../../catalog/index.js';
import type { Chain, ChainStatus } from '../entities/chain.entity.js';
import type { ChainDesign } from '../rules/chain-definition.js';
import { checkChainDesign, type ChainDesignContext } from '../rules/chain-design.rules.js';
import { chainColumns, chainDesignOf, type ChainRepository } from '../repositories/chain.repository.js';
import type { ChainReportQuery } from '../repositories/chain-report.query.js';
import {
    chainStepCounts,
    chainSummary,
    chainView,
    type ChainStepCount,
    type ChainSummary,
    type ChainView,
} from './chain-admin.view.js';

/** The saved custom segments a schedule's audience may name (the segments module answers; optional). */
export interface SavedSegmentIds {
    /** Ids of every saved segment. */
    segmentIds(): Promise<ReadonlySet<number>>;
}

/** What the admin service reads and writes through (the composition root passes them). */
export interface ChainAdminPorts {
    audit: Pick<AuditRepository, 'append'>;
    chains: ChainRepository;
    figures: ChainReportQuery;
}

/** Which status moves are allowed from which status. */
const MOVES: Record<'activate' | 'pause' | 'archive', { from: ChainStatus[]; to: ChainStatus }> = {
    activate: { from: ['draft', 'paused'], to: 'active' },
    pause: { from: ['active'], to: 'paused' },
    archive: { from: ['draft', 'active', 'paused'], to: 'archived' },
};

/**
 * Trigger chains for marketers: list with live figures, read, create, edit
 * (optimistic `version`; an active or paused chain keeps every step a run
 * stands on), activate, pause and archive (archiving cancels the open runs
 * in the same transaction), and the live step counts. Every change is
 * audited in its transaction. Lock order: the chain row, then its runs.
 */
export class ChainAdminService {
    constructor(
        private readonly db: Database,
        private readonly repos: ChainAdminPorts,
        private readonly catalog: Pick<CatalogService, 'categories'>,
        private readonly clock: Clock,
        private readonly segments: SavedSegmentIds | null = null,
        /** Called after every committed change of a chain (the engine drops its cached live chains). */
        private readonly onSaved: () => void = () => undefined,
    ) {}

    /** Every chain with its live figures, by priority. */
    async list(): Promise<ChainSummary[]> {
        const [chains, figures] = await Promise.all([
            this.repos.chains.list(this.db),
            this.repos.figures.listFigures(this.clock()),
        ]);
        return chains.map((c) => chainSummary(c, figures.get(c.id)));
    }

    /** One chain as the API shows it. */
    async get(id: number): Promise<ChainView> {
        return chainView(await this.find(id));
    }

    /** The stored chain; 404 when there is none. */
    async find(id: number): Promise<Chain> {
        const chain = await this.repos.chains.find(this.db, id);
        if (!chain) throw new RefillError('REFILL_NOT_FOUND', `No chain ${id}`);
        return chain;
    }

    /** Creates a draft from a (joi-valid) design; 400 for an unsound design, 409 for a key taken. */
    async create(design: ChainDesign, actor: string): Promise<ChainView> {
        await this.check(design);
        const id = await this.db.transaction(async (tx) => {
            if (await this.repos.chains.findByKey(tx, design.key))
                throw new RefillError('REFILL_CONFLICT', `The chain key ${design.key} is taken`, [
                    { path: 'key', message: 'already used by another chain' },
                ]);
            const now = this.clock();
            const id = await this.repos.chains.insert(
                tx,
                { ...chainColumns(design), status: 'draft', budgetReachedAt: null, activatedAt: null },
                now,
            );
            await this.audit(tx, actor, 'chain.create', id, { design });
            return id;
        });
        this.onSaved();
        return this.get(id);
    }

    /**
     * Saves a whole design over the `version` the editor read: 409 when it is
     * stale, when the chain is archived, when the key would change, or when
     * the edit removes steps that open runs stand on (`details.steps`).
     */
    async update(id: number, design: ChainDesign, version: number, actor: string): Promise<ChainView> {
        await this.check(design);
        await this.db.transaction(async (tx) => {
            const chain = await this.locked(tx, id);
            if (chain.status === 'archived')
                throw new RefillError('REFILL_CONFLICT', 'An archived chain cannot change', {
                    status: chain.status,
                });
            if (chain.version !== version)
                throw new RefillError(
                    'REFILL_CONFLICT',
                    'The chain was changed since it was read: reload it and edit again',
                    { currentVersion: chain.version, sentVersion: version },
                );
            if (design.key !== chain.key)
                throw new RefillError('REFILL_CONFLICT', 'A chain’s key never changes', [
                    { path: 'key', message: `must stay ${chain.key}` },
                ]);
            const kept = new Set(design.steps.map((s) => s.id));
            const open = await this.repos.chains.openRunsByStep(tx, id);
            const stranded = [...new Set(open.filter((o) => !kept.has(o.stepId)).map((o) => o.stepId))];
            if (stranded.length)
                throw new RefillError('REFILL_CONFLICT', 'Runs stand on steps this edit removes', {
                    steps: stranded.map((stepId) => ({
                        stepId,
                        runs: open.filter((o) => o.stepId === stepId).reduce((n, o) => n + o.runs, 0),
                    })),
                });
            const before = chainDesignOf(chain);
            const now = this.clock();
            const saved = await this.repos.chains.updateDesign(tx, id, version, chainColumns(design), now);
            if (!saved)
                throw new RefillError('REFILL_CONFLICT', 'The chain was changed since it was read', {
                    sentVersion: version,
                });
            // A new cap is a new budget: sending may start again.
            if (chain.budgetReachedAt && design.budgetCap !== before.budgetCap)
                await this.repos.chains.setStatus(
                    tx,
                    id,
                    { status: chain.status, budgetReachedAt: null },
                    now,
                );
            await this.audit(tx, actor, 'chain.update', id, {
                version,
                changes: changedFields(before, design),
            });
        });
        this.onSaved();
        return this.get(id);
    }

    /** Activates a draft or paused chain (its design is checked again: what it names must still exist). */
    async activate(id: number, actor: string): Promise<ChainView> {
        const chain = await this.find(id);
        const problems = checkChainDesign(chainDesignOf(chain), await this.context());
        if (problems.length)
            throw new RefillError('REFILL_UNPROCESSABLE', 'The chain cannot be activated', problems);
        return this.move(id, 'activate', actor, null);
    }

    /** Pauses an active chain: nobody enters, runs wait where they stand. */
    async pause(id: number, reason: string, actor: string): Promise<ChainView> {
        return this.move(id, 'pause', actor, reason);
    }

    /** Archives a chain and cancels its open runs. */
    async archive(id: number, reason: string, actor: string): Promise<ChainView> {
        return this.move(id, 'archive', actor, reason);
    }

    /** Live counts of runs at each step and of runs that passed it, per group, in the design's order. */
    async steps(id: number): Promise<ChainStepCount[]> {
        const chain = await this.find(id);
        const [open, passed] = await Promise.all([
            this.repos.chains.openRunsByStep(this.db, id),
            this.repos.figures.stepPasses(id),
        ]);
        return chainStepCounts(chainDesignOf(chain).steps, open, passed);
    }

    private async move(
        id: number,
        move: keyof typeof MOVES,
        actor: string,
        reason: string | null,
    ): Promise<ChainView> {
        await this.db.transaction(async (tx) => {
            const chain = await this.locked(tx, id);
            const { from, to } = MOVES[move];
            if (!from.includes(chain.status))
                throw new RefillError('REFILL_CONFLICT', `Cannot ${move} a chain that is ${chain.status}`, {
                    status: chain.status,
                    allowedFrom: from,
                });
            const now = this.clock();
            await this.repos.chains.setStatus(
                tx,
                id,
                { status: to, ...(move === 'activate' ? { activatedAt: now } : {}) },
                now,
            );
            const cancelled = move === 'archive' ? await this.repos.chains.cancelOpenRuns(tx, id, now) : 0;
            await this.audit(tx, actor, `chain.${move}`, id, {
                from: chain.status,
                to,
                ...(reason ? { reason } : {}),
                ...(move === 'archive' ? { cancelledRuns: cancelled } : {}),
            });
        });
        this.onSaved();
        return this.get(id);
    }

    private async check(design: ChainDesign): Promise<void> {
        const problems = checkChainDesign(design, await this.context());
        if (problems.length) throw new RefillError('REFILL_VALIDATION', 'Invalid chain design', problems);
    }

    private async context(): Promise<ChainDesignContext> {
        return {
            categoryIds: new Set((await this.catalog.categories()).map((c) => c.id)),
            segmentIds: this.segments ? await this.segments.segmentIds() : null,
        };
    }

    private async locked(tx: SqlExecutor, id: number): Promise<Chain> {
        const chain = await this.repos.chains.find(tx, id, true);
        if (!chain) throw new RefillError('REFILL_NOT_FOUND', `No chain ${id}`);
        return chain;
    }

    private audit(
        tx: SqlExecutor,
        actor: string,
        action: AuditAction,
        id: number,
        details: Record<string, unknown>,
    ): Promise<void> {
        return this.repos.audit.append(
            tx,
            { actor, action, entityType: 'chain', entityId: String(id), details },
            this.clock(),
        );
    }
}

/** The design fields an edit changed, with their new values (for the audit log). */
function changedFields(before: ChainDesign, after: ChainDesign): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(after) as (keyof ChainDesign)[])
        if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) out[key] = after[key];
    return out;
}
