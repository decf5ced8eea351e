import type { Database } from '../../../kernel/db/database.js';
import { toDbTime } from '../../../kernel/db/db-time.js';
import { sqlDialect } from '../../../kernel/db/sql-dialect.js';
import type { SqlExecutor } from '../../../kernel/db/sql-executor.js';
import { isLifecycleSegment, type LifecycleSegment } from '../../../kernel/vocabulary/lifecycle-segments.js';

/** One customer of a classification page: the facts and their lifecycle row, if any. */
export interface LifecyclePageRow {
    customerId: number;
    purchaseCount: number;
    lastPurchaseAt: Date | null;
    /** The current segment (null: never classified). */
    segment: LifecycleSegment | null;
    sinceDay: string | null;
    classifiedDay: string | null;
}

/** A customer's new lifecycle row after a move. */
export interface LifecycleMove {
    customerId: number;
    from: LifecycleSegment | null;
    to: LifecycleSegment;
}

/** One customer's current lifecycle row. */
export interface CurrentLifecycle {
    segment: LifecycleSegment;
    sinceDay: string;
    classifiedDay: string;
}

/**
 * Reads and writes `refill_customer_lifecycle` and
 * `refill_lifecycle_transitions` for the daily classification, page by
 * page in customer-id order.
 */
export class CustomerLifecycleRepository {
    constructor(private readonly db: Database) {}

    /**
     * Up to `limit` customers above `afterId` with their lifecycle rows,
     * locking the customers' rows (the lock every write path of a customer
     * takes first) and so the page's lifecycle rows.
     */
    async lockPage(tx: SqlExecutor, afterId: number, limit: number): Promise<LifecyclePageRow[]> {
        const rows = await tx.all<Record<string, unknown>>(
            `SELECT c.id, c.purchase_count, c.last_purchase_at, l.segment, l.since_day, l.classified_day
               FROM refill_customers c
               LEFT JOIN refill_customer_lifecycle l ON l.customer_id = c.id
              WHERE c.id > ?
              ORDER BY c.id
              LIMIT ${Math.trunc(limit)}${sqlDialect.forUpdate(tx.dialect)}`,
            [afterId],
        );
        return rows.map((r) => this.pageRow(r));
    }

    /**
     * {@link lockPage} with the facts as they were before `before`, counted
     * from the stored receipts, for customers enrolled by then: classifies a
     * past day (the demo's backdated history).
     */
    async lockPageAsOf(
        tx: SqlExecutor,
        afterId: number,
        limit: number,
        before: Date,
    ): Promise<LifecyclePageRow[]> {
        const at = toDbTime(before);
        const rows = await tx.all<Record<string, unknown>>(
            `SELECT c.id,
                    (SELECT COUNT(*) FROM refill_purchases p WHERE p.customer_id = c.id AND p.purchased_at < ?) AS purchase_count,
                    (SELECT MAX(p.purchased_at) FROM refill_purchases p WHERE p.customer_id = c.id AND p.purchased_at < ?) AS last_purchase_at,
                    l.segment, l.since_day, l.classified_day
               FROM refill_customers c
               LEFT JOIN refill_customer_lifecycle l ON l.customer_id = c.id
              WHERE c.id > ? AND c.enrolled_at < ?
              ORDER BY c.id
              LIMIT ${Math.trunc(limit)}${sqlDialect.forUpdate(tx.dialect)}`,
            [at, at, afterId, at],
        );
        return rows.map((r) => this.pageRow(r));
    }

    private pageRow(r: Record<string, unknown>): LifecyclePageRow {
        return {
            customerId: Number(r.id),
            purchaseCount: Number(r.purchase_count),
            lastPurchaseAt: this.db.timeOrNull(r.last_purchase_at),
            segment: isLifecycleSegment(r.segment) ? r.segment : null,
            sinceDay: r.since_day === null || r.since_day === undefined ? null : String(r.since_day),
            classifiedDay:
                r.classified_day === null || r.classified_day === undefined ? null : String(r.classified_day),
        };
    }

    /** Marks the rows of (`afterId`, `lastId`] classified on `day` (those that stay in their segment). */
    async markClassified(
        tx: SqlExecutor,
        afterId: number,
        lastId: number,
        day: string,
        now: Date,
    ): Promise<number> {
        const result = await tx.run(
            `UPDATE refill_customer_lifecycle SET classified_day = ?, updated_at = ?
              WHERE customer_id > ? AND customer_id <= ? AND classified_day < ?`,
            [day, toDbTime(now), afterId, lastId, day],
        );
        return result.affected;
    }

    /** Writes each moved customer's new segment (since `day`) and records the moves of `day`. */
    async recordMoves(
        tx: SqlExecutor,
        moves: readonly LifecycleMove[],
        day: string,
        now: Date,
    ): Promise<void> {
        const at = toDbTime(now);
        for (const chunk of sqlDialect.chunks(moves, 1000)) {
            await tx.run(
                `INSERT INTO refill_customer_lifecycle (customer_id, segment, since_day, classified_day, updated_at)
                 VALUES ${sqlDialect.valuesPlaceholders(chunk.length, 5)}` +
                    sqlDialect.onConflictUpdate(tx.dialect, ['customer_id'], {
                        segment: sqlDialect.inserted(tx.dialect, 'segment'),
                        since_day: sqlDialect.inserted(tx.dialect, 'since_day'),
                        classified_day: sqlDialect.inserted(tx.dialect, 'classified_day'),
                        updated_at: sqlDialect.inserted(tx.dialect, 'updated_at'),
                    }),
                chunk.flatMap((m) => [m.customerId, m.to, day, day, at]),
            );
            await tx.run(
                `INSERT INTO refill_lifecycle_transitions (customer_id, from_segment, to_segment, day)
                 VALUES ${sqlDialect.valuesPlaceholders(chunk.length, 4)}`,
                chunk.flatMap((m) => [m.customerId, m.from, m.to, day]),
            );
        }
    }

    /** How many classified customers each segment holds now. */
    async counts(exec: SqlExecutor | Database = this.db): Promise<Map<LifecycleSegment, number>> {
        const rows = await exec.all<{ segment: string; n: unknown }>(
            `SELECT segment, COUNT(*) AS n FROM refill_customer_lifecycle GROUP BY segment`,
        );
        const out = new Map<LifecycleSegment, number>();
        for (const r of rows) if (isLifecycleSegment(r.segment)) out.set(r.segment, Number(r.n));
        return out;
    }

    /** The latest day any customer was classified on, or null before the first run. */
    async lastClassifiedDay(): Promise<string | null> {
        const [row] = await this.db.all<{ day: string | null }>(
            `SELECT MAX(classified_day) AS day FROM refill_customer_lifecycle`,
        );
        return row?.day ?? null;
    }

    /** One customer's current lifecycle row, or null when never classified. */
    async current(customerId: number): Promise<CurrentLifecycle | null> {
        const [row] = await this.db.all<Record<string, unknown>>(
            `SELECT segment, since_day, classified_day FROM refill_customer_lifecycle WHERE customer_id = ?`,
            [customerId],
        );
        if (!row || !isLifecycleSegment(row.segment)) return null;
        return {
            segment: row.segment,
            sinceDay: String(row.since_day),
            classifiedDay: String(row.classified_day),
        };
    }

    /** One customer's moves, newest first (at most `limit`). */
    async history(
        customerId: number,
        limit: number,
    ): Promise<{ day: string; from: LifecycleSegment | null; to: LifecycleSegment }[]> {
        const rows = await this.db.all<Record<string, unknown>>(
            `SELECT day, from_segment, to_segment FROM refill_lifecycle_transitions
              WHERE customer_id = ? ORDER BY day DESC LIMIT ${Math.trunc(limit)}`,
            [customerId],
        );
        return rows.flatMap((r) =>
            isLifecycleSegment(r.to_segment)
                ? [
                      {
                          day: String(r.day),
                          from: isLifecycleSegment(r.from_segment) ? r.from_segment : null,
                          to: r.to_segment,
                      },
                  ]
                : [],
        );
    }
}
