import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toDbTime } from '../../../plugin/kernel/db/db-time.js';
import { EventBus } from '../../../plugin/kernel/events/event-bus.js';
import type { LifecycleChanged } from '../../../plugin/kernel/events/refill-events.js';
import { MS_PER_DAY } from '../../../plugin/kernel/units/time.js';
import { LifecycleClassificationService } from '../../../plugin/modules/segments/index.js';
import { engines } from '../../helpers/test-database.js';
import { startTestRefill, TestClock, type TestRefill } from '../../helpers/test-refill.js';

/*
 * The daily lifecycle classification on a real database: first
 * classification, a rerun of the day, a crash mid-run and its resume, moves
 * on later days (sleeping, won back, back to regular), the event published
 * once per committed transition, and two runs of the same day at once.
 */
const ZONE = 'Europe/Moscow';
const silent = {
    error: () => undefined,
    warn: () => undefined,
    info: () => undefined,
    debug: () => undefined,
};

describe.each(engines)('lifecycle classification on %s', (engine) => {
    let t: TestRefill;
    const clock = new TestClock(new Date('2026-04-10T09:00:00.000Z'));
    const ids = new Map<string, number>();

    /** A customer with the given lifetime purchases, the last one `daysAgo` days before the clock. */
    async function customer(card: string, count: number, daysAgo: number | null): Promise<number> {
        const { database, repositories } = t.internals;
        await repositories.customers.enrolIfMissing(database, card, clock.now, null);
        const [row] = await database.all<{ id: unknown }>(
            `SELECT id FROM refill_customers WHERE card_number = ?`,
            [card],
        );
        const id = Number(row.id);
        ids.set(card, id);
        await buy(card, count, daysAgo);
        return id;
    }

    async function buy(card: string, count: number, daysAgo: number | null): Promise<void> {
        const last = daysAgo === null ? null : toDbTime(new Date(clock.now.getTime() - daysAgo * MS_PER_DAY));
        await t.internals.database.run(
            `UPDATE refill_customers SET purchase_count = ?, last_purchase_at = ?, first_purchase_at = ? WHERE id = ?`,
            [count, last, last, ids.get(card)],
        );
    }

    /** A classification service on its own bus, recording the committed events. */
    function classifier(onPage?: (event: LifecycleChanged) => Promise<void>) {
        const bus = new EventBus(silent);
        const committed: LifecycleChanged[] = [];
        if (onPage) bus.inTransaction('LifecycleChanged', (event) => onPage(event));
        bus.afterCommit('LifecycleChanged', (event) => {
            committed.push(event);
        });
        const { database, repositories, services } = t.internals;
        const service = new LifecycleClassificationService(
            database,
            repositories.lifecycle,
            repositories.segmentSizes,
            repositories.settings,
            () => services.lifecycleSettings.thresholds(),
            bus,
            ZONE,
            clock.fn,
        );
        return { service, committed };
    }

    async function segments(): Promise<Record<string, string>> {
        const rows = await t.internals.database.all<{ customer_id: unknown; segment: string }>(
            `SELECT customer_id, segment FROM refill_customer_lifecycle`,
        );
        const byId = new Map(rows.map((r) => [Number(r.customer_id), r.segment]));
        return Object.fromEntries([...ids].map(([card, id]) => [card, byId.get(id) ?? '-']));
    }

    async function transitions(day: string) {
        const rows = await t.internals.database.all<Record<string, unknown>>(
            `SELECT customer_id, from_segment, to_segment FROM refill_lifecycle_transitions WHERE day = ? ORDER BY customer_id`,
            [day],
        );
        return rows.map((r) => ({
            customerId: Number(r.customer_id),
            from: (r.from_segment as string | null) ?? null,
            to: String(r.to_segment),
        }));
    }

    beforeAll(async () => {
        t = await startTestRefill(engine, 'lifecycle_job', { clock: clock.fn, timezone: ZONE });
        await t.internals.services.lifecycleSettings.save(
            { regularWithinDays: 5, sleepingAfterDays: 10, churnedAfterDays: 20, wonBackDays: 3 },
            'admin:test',
        );
        await customer('L-A', 0, null);
        await customer('L-B', 1, 1);
        await customer('L-C', 5, 2);
        await customer('L-D', 2, 12);
        await customer('L-E', 9, 40);
        await customer('L-F', 3, 0);
    });
    afterAll(async () => t?.close());

    it('audits the thresholds and classifies every customer once, publishing each transition once', async () => {
        const [audit] = await t.internals.database.all<{ action: string; details: string }>(
            `SELECT action, details FROM refill_audit_log WHERE entity_type = 'lifecycle'`,
        );
        expect(audit.action).toBe('lifecycle.thresholds');
        expect(JSON.parse(audit.details).after.sleepingAfterDays).toBe(10);

        const { service, committed } = classifier();
        const result = await service.run({ pageSize: 2 });
        expect(result).toMatchObject({
            day: '2026-04-10',
            pages: 3,
            customers: 6,
            transitions: 6,
            skipped: 0,
        });
        expect(await segments()).toEqual({
            'L-A': 'enrolled',
            'L-B': 'new',
            'L-C': 'regular',
            'L-D': 'sleeping',
            'L-E': 'churned',
            'L-F': 'developing',
        });
        const published = committed.flatMap((e) => e.transitions);
        expect(committed.every((e) => e.day === '2026-04-10' && e.transitions.length <= 2)).toBe(true);
        expect(published.sort((a, b) => a.customerId - b.customerId)).toEqual(
            await transitions('2026-04-10'),
        );
        expect(published.every((p) => p.from === null)).toBe(true);

        const sizes = await t.internals.services.lifecycleReports.sizesByDay('2026-04-10', '2026-04-10');
        expect(sizes.days).toEqual([
            {
                day: '2026-04-10',
                sizes: {
                    enrolled: 1,
                    new: 1,
                    developing: 1,
                    regular: 1,
                    sleeping: 1,
                    churned: 1,
                    won_back: 0,
                },
            },
        ]);
    });

    it('changes nothing and publishes nothing when the day runs again', async () => {
        const before = await t.internals.database.all(
            `SELECT * FROM refill_customer_lifecycle ORDER BY customer_id`,
        );
        const { service, committed } = classifier();
        expect((await service.run({ pageSize: 2 })).skipped).toBe(1);
        // Even with the watermark forgotten, every page is idempotent.
        await t.internals.database.run(`DELETE FROM refill_settings WHERE name = 'segments.lifecycle.run'`);
        const again = await service.run({ pageSize: 4 });
        expect(again).toMatchObject({ transitions: 0, customers: 6 });
        expect(committed).toEqual([]);
        expect(
            await t.internals.database.all(`SELECT * FROM refill_customer_lifecycle ORDER BY customer_id`),
        ).toEqual(before);
        expect(await transitions('2026-04-10')).toHaveLength(6);
    });

    it('resumes after a crash mid-run without recording or publishing a transition twice', async () => {
        clock.advanceDays(1);
        await buy('L-D', 3, 0); // sleeping → won back
        await buy('L-B', 2, 0); // new → developing
        await buy('L-E', 10, 0); // churned → won back
        let pages = 0;
        const crashing = classifier(async () => {
            if (++pages === 2) throw new Error('worker died');
        });
        await expect(crashing.service.run({ pageSize: 2 })).rejects.toThrow('worker died');
        expect(crashing.committed.flatMap((e) => e.transitions)).toHaveLength(1);

        const { service, committed } = classifier();
        const resumed = await service.run({ pageSize: 2 });
        expect(resumed.pages).toBe(2); // the committed first page is not read again
        const all = [...crashing.committed, ...committed].flatMap((e) => e.transitions);
        expect(all.sort((a, b) => a.customerId - b.customerId)).toEqual(await transitions('2026-04-11'));
        expect(all.map((a) => [a.from, a.to])).toEqual([
            ['new', 'developing'],
            ['sleeping', 'won_back'],
            ['churned', 'won_back'],
        ]);
    });

    it('ends won back after wonBackDays, and moves the recency-lapsed to sleeping', async () => {
        clock.advanceDays(3);
        const { service } = classifier();
        await service.run();
        const now = await segments();
        expect(now['L-D']).toBe('developing'); // 3 purchases, won back for 3 days
        expect(now['L-E']).toBe('regular'); // 10 purchases, bought 3 days ago
        expect(now['L-C']).toBe('developing'); // 5 purchases, last 6 days ago: past the usual interval
        clock.advanceDays(5);
        await service.run();
        expect((await segments())['L-C']).toBe('sleeping');
        const flows = await t.internals.services.lifecycleReports.flows('2026-04');
        expect(flows.totals.find((x) => x.segment === 'won_back')).toEqual({
            segment: 'won_back',
            entered: 2,
            left: 2,
        });
        expect(flows.flows).toContainEqual({ from: null, to: 'enrolled', customers: 1 });
    });

    it('records each move once when two runs of the same day race', async () => {
        clock.advanceDays(30);
        const a = classifier();
        const b = classifier();
        const [ra, rb] = await Promise.all([a.service.run({ pageSize: 2 }), b.service.run({ pageSize: 2 })]);
        const day = ra.day;
        const recorded = await transitions(day);
        expect(ra.transitions + rb.transitions).toBe(recorded.length);
        const published = [...a.committed, ...b.committed].flatMap((e) => e.transitions);
        expect(published).toHaveLength(recorded.length);
        expect(new Set(published.map((p) => p.customerId)).size).toBe(published.length);
        expect(Object.values(await segments()).filter((s) => s === 'churned').length).toBe(5);
    });

    it('runs through the wired job', async () => {
        clock.advanceDays(1);
        const run = await t.internals.services.lifecycleClassification.run();
        expect(run.customers).toBe(6);
        expect((await t.internals.services.lifecycleReports.overview()).classifiedDay).toBe(run.day);
    });
});
