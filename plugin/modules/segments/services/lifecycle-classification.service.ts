import type { Clock } from '../../../kernel/clock.js';
import type { Database } from '../../../kernel/db/database.js';
import type { SettingRepository } from '../../../kernel/db/setting.repository.js';
import type { SqlExecutor } from '../../../kernel/db/sql-executor.js';
import type { EventBus } from '../../../kernel/events/event-bus.js';
import type { LifecycleTransition } from '../../../kernel/events/refill-events.js';
import { LIFECYCLE_SEGMENTS } from '../../../kernel/vocabulary/lifecycle-segments.js';
import type {
    CustomerLifecycleRepository,
    LifecycleMove,
} from '../repositories/customer-lifecycle.repository.js';
import type { SegmentSizeRepository } from '../repositories/segment-size.repository.js';
import { dayNumber, dayString, LocalDays } from '../rules/lifecycle-day.rules.js';
import { type LifecycleThresholds, stepLifecycle } from '../rules/lifecycle.rules.js';
import type { SegmentSizeSource } from './segment-size.source.js';

/** The setting holding the day's progress: `{ day, afterId, done }` (the page watermark). */
export const LIFECYCLE_RUN_SETTING = 'segments.lifecycle.run';

/** What one run did. */
export interface ClassificationResult {
    /** The chain-local day classified, `YYYY-MM-DD`. */
    day: string;
    /** Pages committed by this run. */
    pages: number;
    /** Customers read. */
    customers: number;
    /** Transitions recorded (and published). */
    transitions: number;
    /** 1 when the day was already classified and this run did nothing. */
    skipped: number;
}

/** Options of one run. */
export interface ClassificationOptions {
    /** Customers per transaction (default 2000). */
    pageSize?: number;
    /** Called after every committed page. */
    onPage?: () => void;
    /**
     * Classify the chain-local day of this past moment, with each customer's
     * facts counted from the receipts stored before it (default: today, from
     * the customers' kept facts). Days must be classified in order.
     */
    asOf?: Date;
}

/** The page watermark of a day. */
interface RunState {
    day: string;
    afterId: number;
    done: boolean;
}

/**
 * Classifies every customer into a lifecycle segment once per chain-local
 * day, in pages of customers in id order. Each page is one transaction: it
 * locks the page's customers, classifies those not yet classified that day
 * with {@link stepLifecycle}, marks the rest classified, writes the moves
 * and their transitions, publishes `LifecycleChanged` with the page's
 * transitions (in-transaction subscribers write with it), and moves the
 * day's watermark. A crash resumes after the last committed page; a rerun
 * of a finished day does nothing. Once every page is done the day's sizes
 * are stored (lifecycle segments and, through {@link SegmentSizeSource},
 * custom segments).
 */
export class LifecycleClassificationService {
    constructor(
        private readonly db: Database,
        private readonly lifecycle: CustomerLifecycleRepository,
        private readonly sizes: SegmentSizeRepository,
        private readonly settings: Pick<SettingRepository, 'get' | 'set'>,
        private readonly thresholds: () => Promise<LifecycleThresholds>,
        private readonly events: EventBus,
        private readonly timezone: string,
        private readonly clock: Clock,
        private readonly customSizes: SegmentSizeSource | null = null,
    ) {}

    /** Classifies today (chain-local), resuming an unfinished run of today. */
    async run(options: ClassificationOptions = {}): Promise<ClassificationResult> {
        const now = options.asOf ?? this.clock();
        const days = new LocalDays(this.timezone);
        const today = days.dayOf(now);
        const day = dayString(today);
        const result: ClassificationResult = { day, pages: 0, customers: 0, transitions: 0, skipped: 0 };
        const state = await this.state(day);
        if (state.done) return { ...result, skipped: 1 };
        const thresholds = await this.thresholds();
        const pageSize = options.pageSize ?? 2000;
        let afterId = state.afterId;
        for (;;) {
            const page = await this.events.transaction(this.db, async (tx, afterCommit) => {
                const rows = options.asOf
                    ? await this.lifecycle.lockPageAsOf(tx, afterId, pageSize, options.asOf)
                    : await this.lifecycle.lockPage(tx, afterId, pageSize);
                if (!rows.length) return null;
                const lastId = rows[rows.length - 1].customerId;
                const moves: LifecycleMove[] = [];
                for (const row of rows) {
                    if (row.classifiedDay !== null && row.classifiedDay >= day) continue;
                    const step = stepLifecycle(
                        {
                            purchaseCount: row.purchaseCount,
                            lastPurchaseDay: row.lastPurchaseAt ? days.dayOf(row.lastPurchaseAt) : null,
                            today,
                        },
                        thresholds,
                        row.segment && row.sinceDay
                            ? { segment: row.segment, sinceDay: dayNumber(row.sinceDay) }
                            : null,
                    );
                    if (step.moved)
                        moves.push({ customerId: row.customerId, from: row.segment, to: step.segment });
                }
                await this.lifecycle.markClassified(tx, afterId, lastId, day, now);
                if (moves.length) {
                    await this.lifecycle.recordMoves(tx, moves, day, now);
                    const transitions: LifecycleTransition[] = moves.map((m) => ({
                        customerId: m.customerId,
                        from: m.from,
                        to: m.to,
                    }));
                    await this.events.publish(
                        tx,
                        'LifecycleChanged',
                        { day, classifiedAt: now, transitions },
                        afterCommit,
                    );
                }
                await this.saveState({ day, afterId: lastId, done: false }, now, tx);
                return { lastId, customers: rows.length, transitions: moves.length };
            });
            if (!page) break;
            afterId = page.lastId;
            result.pages++;
            result.customers += page.customers;
            result.transitions += page.transitions;
            options.onPage?.();
        }
        await this.snapshot(day, { day, afterId, done: true }, now);
        return result;
    }

    /** Stores the day's sizes and marks the day done, in one transaction. */
    private async snapshot(day: string, done: RunState, now: Date): Promise<void> {
        const custom = this.customSizes ? await this.customSizes.sizes() : [];
        await this.db.transaction(async (tx) => {
            const counts = await this.lifecycle.counts(tx);
            const cells = [
                ...LIFECYCLE_SEGMENTS.map((segment) => ({ key: segment, size: counts.get(segment) ?? 0 })),
                ...custom,
            ];
            await this.sizes.upsert(tx, day, cells);
            await this.saveState(done, now, tx);
        });
    }

    /** The day's watermark (a new day starts from the first customer; a day before the last one is done). */
    private async state(day: string): Promise<RunState> {
        const raw = await this.settings.get(LIFECYCLE_RUN_SETTING);
        try {
            const stored = raw ? (JSON.parse(raw) as Partial<RunState>) : null;
            if (stored?.day === day && typeof stored.afterId === 'number')
                return { day, afterId: stored.afterId, done: stored.done === true };
            // A later day was classified already: an earlier one cannot be classified any more.
            if (typeof stored?.day === 'string' && stored.day > day) return { day, afterId: 0, done: true };
        } catch {
            // An unreadable watermark: start the day over (each page is idempotent).
        }
        return { day, afterId: 0, done: false };
    }

    private async saveState(state: RunState, now: Date, tx: SqlExecutor): Promise<void> {
        await this.settings.set(LIFECYCLE_RUN_SETTING, JSON.stringify(state), now, tx);
    }
}
