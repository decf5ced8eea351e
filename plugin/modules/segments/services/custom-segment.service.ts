import type { AuditRepository } from '../../admin/index.js';
import type { Clock } from '../../../kernel/clock.js';
import type { Database } from '../../../kernel/db/database.js';
import { isDuplicateKeyError } from '../../../kernel/db/db-errors.js';
import type { SqlExecutor } from '../../../kernel/db/sql-executor.js';
import { RefillError } from '../../../kernel/errors/refill-error.js';
import { maskCard } from '../../../kernel/logging/logger.js';
import type { AuditAction } from '../../../kernel/vocabulary/audit-actions.js';
import type { CustomSegment } from '../entities/custom-segment.entity.js';
import type { CustomSegmentMembersQuery } from '../repositories/custom-segment-members.query.js';
import type { CustomSegmentRepository } from '../repositories/custom-segment.repository.js';
import type { SegmentRule } from '../rules/segment-rule.types.js';
import type { CustomSegmentRulesService } from './custom-segment-rules.service.js';
import type { CustomSegmentUsage } from './custom-segment-usage.port.js';

/** What the editor sends for a segment. */
export interface CustomSegmentInput {
    name: string;
    rule: SegmentRule;
    description?: string | null;
}

/** A saved segment as the admin API answers it. */
export interface CustomSegmentView {
    id: number;
    name: string;
    description: string | null;
    rule: SegmentRule;
    createdBy: string;
    createdAt: string;
    updatedAt: string;
    archivedAt: string | null;
}

/** A member as the admin API lists them: the card masked. */
export interface SegmentMemberView {
    id: number;
    cardNumber: string;
    name: string | null;
}

/** How many members the editor's sample shows. */
const SAMPLE_SIZE = 10;

/** The API view of a segment. */
function view(s: CustomSegment): CustomSegmentView {
    return {
        id: s.id,
        name: s.name,
        description: s.description,
        rule: JSON.parse(s.ruleJson) as SegmentRule,
        createdBy: s.createdBy,
        createdAt: s.createdAt.toISOString(),
        updatedAt: s.updatedAt.toISOString(),
        archivedAt: s.archivedAt?.toISOString() ?? null,
    };
}

const notFound = (id: number) =>
    new RefillError('REFILL_NOT_FOUND', 'No segment with this id', { segmentId: id });
const nameTaken = () =>
    new RefillError('REFILL_CONFLICT', 'Another live segment has this name', [
        { path: 'name', message: 'is used by another segment' },
    ]);

/**
 * Saved custom segments: create, change and archive them (audited, each
 * change row-locked first, a name unique among live segments), count a rule
 * live for the editor, and list a segment's members page by page.
 */
export class CustomSegmentService {
    constructor(
        private readonly db: Database,
        private readonly segments: CustomSegmentRepository,
        private readonly rules: CustomSegmentRulesService,
        private readonly query: CustomSegmentMembersQuery,
        private readonly audit: Pick<AuditRepository, 'append'>,
        private readonly usage: CustomSegmentUsage,
        private readonly clock: Clock,
    ) {}

    /** Live segments by id, each with its member count now (null when its rule cannot be evaluated). */
    async list(): Promise<Array<CustomSegmentView & { count: number | null }>> {
        const out: Array<CustomSegmentView & { count: number | null }> = [];
        for (const segment of await this.segments.listLive(this.db)) {
            const v = view(segment);
            let count: number | null = null;
            try {
                count = await this.query.count(await this.rules.compile(v.rule));
            } catch (error) {
                if (!(error instanceof RefillError)) throw error;
            }
            out.push({ ...v, count });
        }
        return out;
    }

    /** A segment (archived ones too), or 404. */
    async get(id: number): Promise<CustomSegmentView> {
        const segment = await this.segments.findById(this.db, id);
        if (!segment) throw notFound(id);
        return view(segment);
    }

    /** Saves a new segment (its rule must compile now); audited. */
    async create(input: CustomSegmentInput, actor: string): Promise<CustomSegmentView> {
        await this.rules.compile(input.rule);
        return this.write(async (tx, now) => {
            if (await this.segments.lockByActiveName(tx, input.name)) throw nameTaken();
            const saved = await this.segments.insert(tx, this.fields(input), actor, now);
            return { segment: saved, action: 'segment.create' };
        }, actor);
    }

    /** Changes a live segment's name, rule and description; audited. Archived: 409. */
    async update(id: number, input: CustomSegmentInput, actor: string): Promise<CustomSegmentView> {
        await this.rules.compile(input.rule);
        return this.write(async (tx, now) => {
            const current = await this.segments.findById(tx, id, true);
            if (!current) throw notFound(id);
            if (current.archivedAt)
                throw new RefillError('REFILL_CONFLICT', 'The segment is archived', { segmentId: id });
            const holder = await this.segments.lockByActiveName(tx, input.name);
            if (holder && holder.id !== id) throw nameTaken();
            const fields = this.fields(input);
            await this.segments.update(tx, id, fields, now);
            return {
                segment: { ...current, ...fields, activeName: fields.name, updatedAt: now },
                action: 'segment.update',
            };
        }, actor);
    }

    /** Archives a segment (again: no change); 409 while an active chain addresses it. Audited. */
    async archive(id: number, actor: string): Promise<CustomSegmentView> {
        const chains = await this.usage.activeChainsUsing(id);
        if (chains.length)
            throw new RefillError('REFILL_CONFLICT', 'Active chains address this segment', {
                segmentId: id,
                chains,
            });
        return this.write(async (tx, now) => {
            const current = await this.segments.findById(tx, id, true);
            if (!current) throw notFound(id);
            if (current.archivedAt) return { segment: current, action: null };
            await this.segments.archive(tx, id, now);
            return {
                segment: { ...current, activeName: null, archivedAt: now, updatedAt: now },
                action: 'segment.archive',
            };
        }, actor);
    }

    /** The editor's live count of a rule, with a small sample of members (cards masked). */
    async preview(rule: SegmentRule): Promise<{ count: number; sample: SegmentMemberView[] }> {
        const compiled = await this.rules.compile(rule);
        const [count, sample] = await Promise.all([
            this.query.count(compiled),
            this.query.members(compiled, 0, SAMPLE_SIZE),
        ]);
        return { count, sample: sample.map((m) => ({ ...m, cardNumber: maskCard(m.cardNumber) })) };
    }

    /** A page of a segment's members above customer id `afterId` (cards masked); `next` is the cursor of the next page. */
    async members(
        id: number,
        afterId: number,
        limit: number,
    ): Promise<{ data: SegmentMemberView[]; next: number | null }> {
        const segment = await this.get(id);
        const rows = await this.query.members(await this.rules.compile(segment.rule), afterId, limit + 1);
        const data = rows.slice(0, limit).map((m) => ({ ...m, cardNumber: maskCard(m.cardNumber) }));
        return { data, next: rows.length > limit ? data[data.length - 1].id : null };
    }

    private fields(input: CustomSegmentInput) {
        return {
            name: input.name,
            ruleJson: JSON.stringify(input.rule),
            description: input.description ?? null,
        };
    }

    /** Runs a change in one transaction with its audit entry; a name taken meanwhile is a 409. */
    private async write(
        work: (tx: SqlExecutor, now: Date) => Promise<{ segment: CustomSegment; action: AuditAction | null }>,
        actor: string,
    ): Promise<CustomSegmentView> {
        try {
            return await this.db.transaction(async (tx) => {
                const now = this.clock();
                const { segment, action } = await work(tx, now);
                if (action)
                    await this.audit.append(
                        tx,
                        {
                            actor,
                            action,
                            entityType: 'segment',
                            entityId: String(segment.id),
                            details: {
                                name: segment.name,
                                ...(action === 'segment.archive'
                                    ? {}
                                    : { rule: JSON.parse(segment.ruleJson) }),
                            },
                        },
                        now,
                    );
                return view(segment);
            });
        } catch (error) {
            if (isDuplicateKeyError(error)) throw nameTaken();
            throw error;
        }
    }
}
