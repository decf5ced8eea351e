import type { Clock } from '../../../kernel/clock.js';
import type { Database } from '../../../kernel/db/database.js';
import { RefillError } from '../../../kernel/errors/refill-error.js';
import { basisPointsToPercent, BASIS_POINTS_PER_WHOLE } from '../../../kernel/units/shares.js';
import { LIFECYCLE_SEGMENTS, type LifecycleSegment } from '../../../kernel/vocabulary/lifecycle-segments.js';
import type { CustomerRepository } from '../../customers/index.js';
import type { CustomerLifecycleRepository } from '../repositories/customer-lifecycle.repository.js';
import type { LifecycleFlow, LifecycleFlowQuery } from '../repositories/lifecycle-flow.query.js';
import type { SegmentSizeRepository } from '../repositories/segment-size.repository.js';
import { dayNumber, dayString, LocalDays } from '../rules/lifecycle-day.rules.js';
import type { LifecycleThresholds } from '../rules/lifecycle.rules.js';

/** The default span of the sizes chart, days. */
export const DEFAULT_SIZE_DAYS = 90;
/** The longest span of one sizes request, days. */
export const MAX_SIZE_DAYS = 731;
/** Transitions a customer's history shows at most. */
const HISTORY_LIMIT = 200;

/** `GET /segments/lifecycle`. */
export interface LifecycleOverview {
    /** Today, chain-local. */
    day: string;
    /** The day of the latest classification (null before the first run). */
    classifiedDay: string | null;
    thresholds: LifecycleThresholds;
    /** Every segment in funnel order; `share` in percent of the classified customers. */
    segments: { segment: LifecycleSegment; size: number; share: number }[];
}

/** `GET /segments/lifecycle/flows`. */
export interface LifecycleFlowsView {
    month: string;
    flows: LifecycleFlow[];
    /** Per segment: customers who entered it and who left it in the month. */
    totals: { segment: LifecycleSegment; entered: number; left: number }[];
}

/** `GET /customers/:cardNumber/lifecycle`. */
export interface CustomerLifecycleView {
    /** Null until the customer was first classified. */
    segment: LifecycleSegment | null;
    since: string | null;
    classifiedDay: string | null;
    /** Newest first. */
    history: { day: string; from: LifecycleSegment | null; to: LifecycleSegment }[];
}

/** The admin API's reads of the lifecycle segments: now, sizes per day, monthly flows, one customer. */
export class LifecycleReportService {
    constructor(
        private readonly db: Database,
        private readonly lifecycle: CustomerLifecycleRepository,
        private readonly sizes: SegmentSizeRepository,
        private readonly flowQuery: LifecycleFlowQuery,
        private readonly customers: Pick<CustomerRepository, 'findByCard'>,
        private readonly thresholds: () => Promise<LifecycleThresholds>,
        private readonly timezone: string,
        private readonly clock: Clock,
    ) {}

    /** Each segment's size and share now. */
    async overview(): Promise<LifecycleOverview> {
        const [counts, classifiedDay, thresholds] = await Promise.all([
            this.lifecycle.counts(),
            this.lifecycle.lastClassifiedDay(),
            this.thresholds(),
        ]);
        const total = [...counts.values()].reduce((a, b) => a + b, 0);
        return {
            day: this.today(),
            classifiedDay,
            thresholds,
            segments: LIFECYCLE_SEGMENTS.map((segment) => {
                const size = counts.get(segment) ?? 0;
                const bp = total ? Math.round((size * BASIS_POINTS_PER_WHOLE) / total) : 0;
                return { segment, size, share: basisPointsToPercent(bp) };
            }),
        };
    }

    /** The stored daily sizes from `from` to `to` (default: the last 90 days to today). */
    async sizesByDay(
        from?: string,
        to?: string,
    ): Promise<{ from: string; to: string; days: { day: string; sizes: Record<string, number> }[] }> {
        const last = to ?? this.today();
        const first = from ?? dayString(dayNumber(last) - (DEFAULT_SIZE_DAYS - 1));
        if (first > last)
            throw new RefillError('REFILL_VALIDATION', 'Invalid request', [
                { path: 'from', message: 'must not be after to' },
            ]);
        if (dayNumber(last) - dayNumber(first) >= MAX_SIZE_DAYS)
            throw new RefillError('REFILL_VALIDATION', 'Invalid request', [
                { path: 'from', message: `must be less than ${MAX_SIZE_DAYS} days before to` },
            ]);
        const days = new Map<string, Record<string, number>>();
        for (const cell of await this.sizes.range(first, last)) {
            const sizes = days.get(cell.day) ?? {};
            sizes[cell.key] = cell.size;
            days.set(cell.day, sizes);
        }
        return { from: first, to: last, days: [...days].map(([day, sizes]) => ({ day, sizes })) };
    }

    /** The moves of a month (`YYYY-MM`, default this month) and each segment's entries and exits. */
    async flows(month?: string): Promise<LifecycleFlowsView> {
        const m = month ?? this.today().slice(0, 7);
        const [y, mm] = m.split('-').map(Number);
        const next = mm === 12 ? `${y + 1}-01` : `${y}-${String(mm + 1).padStart(2, '0')}`;
        const flows = await this.flowQuery.flows(`${m}-01`, `${next}-01`);
        const totals = LIFECYCLE_SEGMENTS.map((segment) => ({
            segment,
            entered: flows.filter((f) => f.to === segment).reduce((a, f) => a + f.customers, 0),
            left: flows.filter((f) => f.from === segment).reduce((a, f) => a + f.customers, 0),
        }));
        return { month: m, flows, totals };
    }

    /** A customer's current segment and moves (the store desk). */
    async customer(cardNumber: string): Promise<CustomerLifecycleView> {
        const customer = await this.customers.findByCard(this.db, cardNumber);
        if (!customer) throw new RefillError('REFILL_CUSTOMER_NOT_FOUND', 'No customer with this card');
        const [current, history] = await Promise.all([
            this.lifecycle.current(customer.id),
            this.lifecycle.history(customer.id, HISTORY_LIMIT),
        ]);
        return {
            segment: current?.segment ?? null,
            since: current?.sinceDay ?? null,
            classifiedDay: current?.classifiedDay ?? null,
            history,
        };
    }

    private today(): string {
        return new LocalDays(this.timezone).dayStringOf(this.clock());
    }
}
