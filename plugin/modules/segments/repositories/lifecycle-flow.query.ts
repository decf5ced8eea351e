import type { Database } from '../../../kernel/db/database.js';
import { isLifecycleSegment, type LifecycleSegment } from '../../../kernel/vocabulary/lifecycle-segments.js';

/** How many customers moved from one segment to another in a period. */
export interface LifecycleFlow {
    /** Null: first classified. */
    from: LifecycleSegment | null;
    to: LifecycleSegment;
    customers: number;
}

/** Counts `refill_lifecycle_transitions` by (from, to) over a range of days. */
export class LifecycleFlowQuery {
    constructor(private readonly db: Database) {}

    /** The moves of the days from `from` to `before` (exclusive), by (from, to). */
    async flows(from: string, before: string): Promise<LifecycleFlow[]> {
        const rows = await this.db.all<Record<string, unknown>>(
            `SELECT from_segment, to_segment, COUNT(*) AS n FROM refill_lifecycle_transitions
              WHERE day >= ? AND day < ?
              GROUP BY from_segment, to_segment`,
            [from, before],
        );
        return rows.flatMap((r) =>
            isLifecycleSegment(r.to_segment)
                ? [
                      {
                          from: isLifecycleSegment(r.from_segment) ? r.from_segment : null,
                          to: r.to_segment,
                          customers: Number(r.n),
                      },
                  ]
                : [],
        );
    }
}
