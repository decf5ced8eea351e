import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
    classifyLifecycle,
    DEFAULT_LIFECYCLE_THRESHOLDS as T,
    type LifecycleThresholds,
    type PreviousLifecycle,
    stepLifecycle,
} from '../../../../plugin/modules/segments/rules/lifecycle.rules.js';
import {
    dayNumber,
    dayString,
    LocalDays,
} from '../../../../plugin/modules/segments/rules/lifecycle-day.rules.js';
import { LIFECYCLE_SEGMENTS } from '../../../../plugin/kernel/vocabulary/lifecycle-segments.js';

const today = dayNumber('2026-06-01');
const facts = (purchaseCount: number, daysAgo: number | null) => ({
    purchaseCount,
    lastPurchaseDay: daysAgo === null ? null : today - daysAgo,
    today,
});
const prev = (segment: PreviousLifecycle['segment'], sinceDaysAgo = 10): PreviousLifecycle => ({
    segment,
    sinceDay: today - sinceDaysAgo,
});

describe('classifyLifecycle', () => {
    it('puts a card without purchases in enrolled', () => {
        expect(classifyLifecycle(facts(0, null), T, null)).toBe('enrolled');
        expect(classifyLifecycle(facts(0, 3), T, null)).toBe('enrolled');
        expect(classifyLifecycle(facts(2, null), T, prev('developing'))).toBe('enrolled');
    });

    it('counts purchases for new, developing and regular', () => {
        expect(classifyLifecycle(facts(1, 0), T, null)).toBe('new');
        expect(classifyLifecycle(facts(2, 5), T, null)).toBe('developing');
        expect(classifyLifecycle(facts(3, 5), T, null)).toBe('developing');
        expect(classifyLifecycle(facts(4, 5), T, null)).toBe('regular');
        expect(classifyLifecycle(facts(40, T.regularWithinDays), T, null)).toBe('regular');
        expect(classifyLifecycle(facts(40, T.regularWithinDays + 1), T, null)).toBe('developing');
    });

    it('puts recency first: sleeping from N days, churned from M days', () => {
        expect(classifyLifecycle(facts(9, T.sleepingAfterDays - 1), T, null)).toBe('developing');
        expect(classifyLifecycle(facts(9, T.sleepingAfterDays), T, null)).toBe('sleeping');
        expect(classifyLifecycle(facts(1, T.churnedAfterDays - 1), T, prev('won_back'))).toBe('sleeping');
        expect(classifyLifecycle(facts(1, T.churnedAfterDays), T, null)).toBe('churned');
    });

    it('wins back a sleeping or churned customer who bought again, for wonBackDays', () => {
        expect(classifyLifecycle(facts(5, 0), T, prev('sleeping'))).toBe('won_back');
        expect(classifyLifecycle(facts(1, 2), T, prev('churned', 400))).toBe('won_back');
        expect(classifyLifecycle(facts(5, 0), T, prev('won_back', T.wonBackDays - 1))).toBe('won_back');
        expect(classifyLifecycle(facts(5, 0), T, prev('won_back', T.wonBackDays))).toBe('regular');
        expect(classifyLifecycle(facts(2, 0), T, prev('won_back', T.wonBackDays))).toBe('developing');
    });

    it('keeps since on staying, and moves it on a transition', () => {
        expect(stepLifecycle(facts(5, 0), T, prev('regular', 7))).toEqual({
            segment: 'regular',
            sinceDay: today - 7,
            moved: false,
        });
        expect(stepLifecycle(facts(5, 0), T, prev('sleeping', 7))).toEqual({
            segment: 'won_back',
            sinceDay: today,
            moved: true,
        });
        expect(stepLifecycle(facts(0, null), T, null)).toEqual({
            segment: 'enrolled',
            sinceDay: today,
            moved: true,
        });
    });

    const thresholds: fc.Arbitrary<LifecycleThresholds> = fc
        .record({
            regular: fc.integer({ min: 1, max: 100 }),
            sleepGap: fc.integer({ min: 1, max: 200 }),
            churnGap: fc.integer({ min: 1, max: 400 }),
            wonBackDays: fc.integer({ min: 1, max: 365 }),
        })
        .map((t) => ({
            regularWithinDays: t.regular,
            sleepingAfterDays: t.regular + t.sleepGap,
            churnedAfterDays: t.regular + t.sleepGap + t.churnGap,
            wonBackDays: t.wonBackDays,
        }));
    const previous = fc.option(
        fc.record({
            segment: fc.constantFrom(...LIFECYCLE_SEGMENTS),
            sinceDay: fc.integer({ min: today - 1000, max: today }),
        }),
    );

    it('puts every customer in exactly one segment, agreeing with each definition', () => {
        fc.assert(
            fc.property(
                fc.integer({ min: 0, max: 500 }),
                fc.option(fc.integer({ min: 0, max: 1000 })),
                thresholds,
                previous,
                (count, daysAgo, t, p) => {
                    const f = facts(count, daysAgo);
                    const segment = classifyLifecycle(f, t, p);
                    const bought = count > 0 && daysAgo !== null;
                    const d = daysAgo ?? 0;
                    const active = bought && d < t.sleepingAfterDays;
                    const wonBack =
                        active &&
                        p !== null &&
                        (p.segment === 'sleeping' ||
                            p.segment === 'churned' ||
                            (p.segment === 'won_back' && today - p.sinceDay < t.wonBackDays));
                    // Each segment's own predicate, written independently: exactly one holds.
                    const holds: Record<string, boolean> = {
                        enrolled: !bought,
                        churned: bought && d >= t.churnedAfterDays,
                        sleeping: bought && d >= t.sleepingAfterDays && d < t.churnedAfterDays,
                        won_back: wonBack,
                        new: active && !wonBack && count === 1,
                        regular: active && !wonBack && count >= 4 && d <= t.regularWithinDays,
                        developing:
                            active && !wonBack && count >= 2 && !(count >= 4 && d <= t.regularWithinDays),
                    };
                    expect(Object.values(holds).filter(Boolean)).toHaveLength(1);
                    expect(holds[segment]).toBe(true);
                },
            ),
        );
    });
});

describe('lifecycle days', () => {
    it('round-trips calendar days', () => {
        expect(dayString(dayNumber('2026-03-29'))).toBe('2026-03-29');
        expect(dayNumber('1970-01-02')).toBe(1);
    });

    it('agrees with luxon on any instant in zones with and without DST', () => {
        for (const zone of [
            'Europe/Moscow',
            'Europe/Berlin',
            'America/St_Johns',
            'Australia/Lord_Howe',
            'UTC',
        ]) {
            const days = new LocalDays(zone);
            fc.assert(
                fc.property(fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }), (ms) => {
                    expect(dayString(days.dayOf(ms))).toBe(DateTime.fromMillis(ms, { zone }).toISODate());
                }),
                { numRuns: 2000 },
            );
        }
    });

    it('agrees with luxon every five minutes around DST changes', () => {
        const windows: [string, number][] = [
            ['Europe/Berlin', Date.UTC(2026, 2, 28)],
            ['Europe/Berlin', Date.UTC(2026, 9, 24)],
            ['America/St_Johns', Date.UTC(2026, 2, 7)],
            ['America/St_Johns', Date.UTC(2026, 10, 0)],
            ['Australia/Lord_Howe', Date.UTC(2026, 3, 4)],
            ['Australia/Lord_Howe', Date.UTC(2026, 9, 3)],
        ];
        for (const [zone, from] of windows) {
            const days = new LocalDays(zone);
            for (let ms = from; ms < from + 3 * 86_400_000; ms += 300_000)
                expect(dayString(days.dayOf(ms))).toBe(DateTime.fromMillis(ms, { zone }).toISODate());
        }
    });

    it('takes the local day in the chain’s zone, across a DST change', () => {
        const moscow = new LocalDays('Europe/Moscow');
        expect(dayString(moscow.dayOf(new Date('2026-06-01T20:59:59Z')))).toBe('2026-06-01');
        expect(dayString(moscow.dayOf(new Date('2026-06-01T21:00:00Z')))).toBe('2026-06-02');
        const berlin = new LocalDays('Europe/Berlin');
        expect(berlin.dayStringOf(new Date('2026-03-28T22:59:00Z'))).toBe('2026-03-28');
        expect(berlin.dayStringOf(new Date('2026-03-28T23:00:00Z'))).toBe('2026-03-29');
        expect(berlin.dayStringOf(new Date('2026-03-29T21:59:00Z'))).toBe('2026-03-29');
        expect(berlin.dayStringOf(new Date('2026-03-29T22:00:00Z'))).toBe('2026-03-30');
        const stJohns = new LocalDays('America/St_Johns');
        expect(stJohns.dayStringOf(new Date('2026-01-15T03:29:00Z'))).toBe('2026-01-14');
        expect(stJohns.dayStringOf(new Date('2026-01-15T03:30:00Z'))).toBe('2026-01-15');
    });
});
