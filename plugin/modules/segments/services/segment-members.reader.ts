import { RefillError } from '../../../kernel/errors/refill-error.js';
import type { CustomSegmentMembersQuery } from '../repositories/custom-segment-members.query.js';
import type { CustomSegmentRepository } from '../repositories/custom-segment.repository.js';
import type { SegmentAudience, SegmentMembersReader } from '../rules/segment-audience.js';
import type { CompiledSegmentRule } from '../rules/segment-rule.compiler.js';
import type { SegmentRule } from '../rules/segment-rule.types.js';
import type { Database } from '../../../kernel/db/database.js';
import type { CustomSegmentRulesService } from './custom-segment-rules.service.js';
import type { SegmentSizeSource } from './segment-size.source.js';

/** One segment's size, keyed as the daily snapshot keys it (`custom:<id>`). */
export interface CustomSegmentSize {
    key: string;
    size: number;
}

/**
 * The members of an audience: a lifecycle segment (customers whose row in
 * `refill_customer_lifecycle` names it) or a saved custom segment (its rule
 * compiled now), blocked cards left out, page by page in customer-id order.
 * Also the size of every live custom segment for the daily snapshot.
 */
export class SqlSegmentMembersReader implements SegmentMembersReader, SegmentSizeSource {
    constructor(
        private readonly db: Database,
        private readonly segments: Pick<CustomSegmentRepository, 'findById' | 'listLive'>,
        private readonly rules: Pick<CustomSegmentRulesService, 'compile'>,
        private readonly query: CustomSegmentMembersQuery,
    ) {}

    /** Up to `limit` customer ids of `audience` above `afterId`, ascending. */
    async membersOf(audience: SegmentAudience, afterId: number, limit: number): Promise<number[]> {
        return this.query.ids(await this.compiled(audience), afterId, limit);
    }

    /** Which of `customerIds` are in `audience` now. */
    async whichAreIn(audience: SegmentAudience, customerIds: readonly number[]): Promise<Set<number>> {
        if (!customerIds.length) return new Set();
        return this.query.whichAreIn(await this.compiled(audience), customerIds);
    }

    /** How many customers `audience` holds now. */
    async count(audience: SegmentAudience): Promise<number> {
        return this.query.count(await this.compiled(audience));
    }

    /**
     * The size of every live custom segment (`custom:<id>`). A segment whose
     * rule cannot be evaluated now (a store lost its coordinates) is left out.
     */
    async sizes(): Promise<CustomSegmentSize[]> {
        const out: CustomSegmentSize[] = [];
        for (const segment of await this.segments.listLive(this.db)) {
            let compiled: CompiledSegmentRule;
            try {
                compiled = await this.rules.compile(JSON.parse(segment.ruleJson) as SegmentRule);
            } catch {
                continue;
            }
            out.push({ key: `custom:${segment.id}`, size: await this.query.count(compiled) });
        }
        return out;
    }

    /** The audience's rule, compiled. */
    private async compiled(audience: SegmentAudience): Promise<CompiledSegmentRule> {
        if ('lifecycle' in audience)
            return this.rules.compile({ type: 'lifecycle', segments: [audience.lifecycle] });
        const segment = await this.segments.findById(this.db, audience.segmentId);
        if (!segment)
            throw new RefillError('REFILL_NOT_FOUND', 'No segment with this id', {
                segmentId: audience.segmentId,
            });
        return this.rules.compile(JSON.parse(segment.ruleJson) as SegmentRule);
    }
}
