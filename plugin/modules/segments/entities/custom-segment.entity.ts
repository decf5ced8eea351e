import { EntitySchema } from 'typeorm';
import { intId, str, time } from '../../../kernel/db/entity-columns.js';

/**
 * A saved custom segment: a named rule over what Refill knows about its
 * customers (see `rules/segment-rule.types.ts`), compiled to SQL whenever it
 * is counted or read. Archived rather than deleted, so chains and reports
 * that named it still find it.
 */
export interface CustomSegment {
    id: number;
    name: string;
    /** The name while the segment is live, null once archived: unique among live segments. */
    activeName: string | null;
    /** The rule as JSON text (a `SegmentRule`). */
    ruleJson: string;
    description: string | null;
    /** The admin user who created it. */
    createdBy: string;
    createdAt: Date;
    updatedAt: Date;
    /** When it was archived; null while live. */
    archivedAt: Date | null;
}

/** TypeORM schema of {@link CustomSegment}. */
export const CustomSegmentEntity = new EntitySchema<CustomSegment>({
    name: 'RefillSegment',
    tableName: 'refill_segments',
    columns: {
        id: intId(),
        name: str('name', 120),
        activeName: str('active_name', 120, true),
        ruleJson: { name: 'rule_json', type: 'text' },
        description: str('description', 500, true),
        createdBy: str('created_by', 128),
        createdAt: time('created_at'),
        updatedAt: time('updated_at'),
        archivedAt: time('archived_at', true),
    },
    indices: [{ name: 'UQ_refill_segments_active_name', columns: ['activeName'], unique: true }],
});
