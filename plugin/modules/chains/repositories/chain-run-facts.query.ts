import { toDbTime } from '../../../kernel/db/db-time.js';
import type { SqlExecutor } from '../../../kernel/db/sql-executor.js';
import type { LifecycleSegment } from '../../../kernel/vocabulary/lifecycle-segments.js';

/**
 * What a branch step asks about a customer over a window: did they buy, did
 * they spend bonuses, did they enter a lifecycle segment. Windows are
 * half-open [from, to) in UTC.
 */
export class ChainRunFactsQuery {
    /** Whether the customer has a purchase at the till in [from, to). */
    async bought(tx: SqlExecutor, customerId: number, from: Date, to: Date): Promise<boolean> {
        const rows = await tx.all(
            'SELECT 1 FROM refill_purchases WHERE customer_id = ? AND purchased_at >= ? AND purchased_at < ? LIMIT 1',
            [customerId, toDbTime(from), toDbTime(to)],
        );
        return rows.length > 0;
    }

    /** Whether the customer spent bonuses on a purchase in [from, to). */
    async usedPoints(tx: SqlExecutor, customerId: number, from: Date, to: Date): Promise<boolean> {
        const rows = await tx.all(
            'SELECT 1 FROM refill_purchases WHERE customer_id = ? AND purchased_at >= ? AND purchased_at < ? AND redeemed > 0 LIMIT 1',
            [customerId, toDbTime(from), toDbTime(to)],
        );
        return rows.length > 0;
    }

    /**
     * Whether the daily segment job moved the customer into `segment` on a
     * chain-local day in [fromDay, toDay] (`YYYY-MM-DD`). The caller checks
     * that `refill_lifecycle_transitions` exists.
     */
    async enteredSegment(
        tx: SqlExecutor,
        customerId: number,
        segment: LifecycleSegment,
        fromDay: string,
        toDay: string,
    ): Promise<boolean> {
        const rows = await tx.all(
            'SELECT 1 FROM refill_lifecycle_transitions WHERE customer_id = ? AND to_segment = ? AND day >= ? AND day <= ? LIMIT 1',
            [customerId, segment, fromDay, toDay],
        );
        return rows.length > 0;
    }
}
