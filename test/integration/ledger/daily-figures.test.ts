import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDay } from '../../../plugin/modules/ledger/rules/figure-days.rules.js';
import { FIGURE_COLUMNS } from '../../../plugin/modules/ledger/repositories/daily-figures.repository.js';
import { MS_PER_DAY, MS_PER_HOUR } from '../../../plugin/kernel/units/time.js';
import { engines } from '../../helpers/test-database.js';
import { startTestRefill, TestClock, type TestRefill } from '../../helpers/test-refill.js';

/*
 * The daily-figures job against a recomputation from the raw tables: sales
 * in two stores around local midnight and across a daylight saving change
 * (New York, 8 March 2026), a return, an expiry and manual adjustments.
 */
const ZONE = 'America/New_York';
type Cells = Map<string, Record<string, number>>;

describe.each(engines)('daily figures on %s', (engine) => {
    let t: TestRefill;
    const clock = new TestClock(new Date('2026-03-05T15:00:00.000Z'));
    const cards = Array.from({ length: 5 }, (_, i) => `FIG-${1000 + i}`);
    let receipt = 0;
    const sale = (card: string, store: string, hoursAgo: number, amount = 10_000, redeem = 0) =>
        t.refill.hooks.commitPurchase({
            receiptId: `R-${++receipt}`,
            cardNumber: card,
            storeCode: store,
            purchasedAt: new Date(clock.now.getTime() - hoursAgo * MS_PER_HOUR),
            lines: [{ sku: 'X', name: 'x', quantity: 1, amount }],
            redeem,
        });
    const refresh = (
        options: Parameters<TestRefill['internals']['services']['dailyFigures']['refresh']>[0] = {},
    ) => t.internals.services.dailyFigures.refresh({ settleMs: 0, ...options });

    /** The figures table, without all-zero cells. */
    async function stored(): Promise<Cells> {
        const rows = await t.internals.database.all<Record<string, unknown>>(
            `SELECT * FROM refill_daily_figures`,
        );
        const out: Cells = new Map();
        for (const r of rows) {
            const sums = Object.fromEntries(FIGURE_COLUMNS.map((c) => [c, Number(r[c])]));
            if (Object.values(sums).some((v) => v !== 0))
                out.set(`${String(r.day)}|${Number(r.store_id)}`, sums);
        }
        return out;
    }

    /** The same figures recomputed from sales, returns, ledger entries and customers. */
    async function recomputed(): Promise<Cells> {
        const db = t.internals.database;
        const out: Cells = new Map();
        const add = (at: unknown, store: number, sums: Partial<Record<string, number>>) => {
            const key = `${localDay(db.time(at), ZONE)}|${store}`;
            const cell = out.get(key) ?? Object.fromEntries(FIGURE_COLUMNS.map((c) => [c, 0]));
            for (const [c, v] of Object.entries(sums)) cell[c] += v ?? 0;
            out.set(key, cell);
        };
        for (const p of await db.all<Record<string, unknown>>(`SELECT * FROM refill_purchases`))
            add(p.purchased_at, Number(p.store_id), {
                receipts: 1,
                revenue: Number(p.total_amount),
                accrued: Number(p.earned),
                redeemed: Number(p.redeemed),
            });
        for (const r of await db.all<Record<string, unknown>>(`SELECT * FROM refill_returns`))
            add(r.returned_at, Number(r.store_id), {
                returns: 1,
                returned_amount: Number(r.amount),
                reversed: Number(r.reversed),
                refunded: Number(r.refunded),
            });
        for (const e of await db.all<Record<string, unknown>>(`SELECT * FROM refill_ledger_entries`)) {
            const amount = Number(e.amount);
            if (e.kind === 'expiry') add(e.created_at, 0, { expired: -amount });
            if (e.kind === 'manual_credit') add(e.created_at, 0, { credited: amount });
            if (e.kind === 'manual_debit') add(e.created_at, 0, { debited: -amount });
        }
        for (const c of await db.all<Record<string, unknown>>(`SELECT * FROM refill_customers`))
            add(c.enrolled_at, Number(c.home_store_id ?? 0), { new_members: 1 });
        return out;
    }

    beforeAll(async () => {
        t = await startTestRefill(engine, 'daily_figures', {
            clock: clock.fn,
            timezone: ZONE,
            accrual: { lifetimeDays: 4, pendingDays: 0 },
        });
    });
    afterAll(async () => t?.close());

    it('counts sales, returns, expiry and adjustments into the right local days and stores', async () => {
        // 5 March 15:00Z (10:00 in New York): sales now, and 12 h ago (the evening before, local).
        for (const [i, card] of cards.entries()) await sale(card, i % 2 ? 'S2' : 'S1', i % 3 ? 0 : 12);
        expect((await refresh()).batches).toBeGreaterThan(0);
        expect(await stored()).toEqual(await recomputed());

        // Across the change to summer time (8 March), small batches, with a return and adjustments.
        for (let day = 0; day < 4; day++) {
            clock.advanceDays(1);
            for (const [i, card] of cards.entries()) await sale(card, i % 2 ? 'S1' : 'S2', (i * 5) % 16);
        }
        await t.refill.hooks.recordReturn('R-3', {
            returnId: 'RET-1',
            storeCode: 'S1',
            lines: [{ sku: 'X', quantity: 1 }],
        });
        const { adjustments } = t.internals.services;
        await adjustments.adjust({
            cardNumber: cards[0],
            amount: 700,
            reason: 'goodwill',
            author: 'admin:test',
        });
        await adjustments.adjust({
            cardNumber: cards[1],
            amount: -150,
            reason: 'correction',
            author: 'admin:test',
        });
        await sale(cards[2], 'S1', 1, 5_000, 200);
        const result = await refresh({ batchIds: 3 });
        expect(result.batches).toBeGreaterThan(5);
        expect(await stored()).toEqual(await recomputed());

        // The first lots expire (lifetime 4 days).
        clock.advanceDays(2);
        const expired = await t.internals.services.maintenance.expireDue();
        expect(expired.bonusesExpired).toBeGreaterThan(0);
        await refresh();
        const cells = await stored();
        expect(cells).toEqual(await recomputed());
        const total = (c: string) => [...cells.values()].reduce((a, s) => a + s[c], 0);
        // Sales burn what expired on the way too: the job's burns are part of the total.
        expect(total('expired')).toBeGreaterThanOrEqual(expired.bonusesExpired);
        expect(total('credited')).toBe(700);
        expect(total('debited')).toBe(150);
        expect(total('returns')).toBe(1);
        expect(total('new_members')).toBe(cards.length);
        expect(new Set([...cells.keys()].map((k) => k.split('|')[0])).has('2026-03-04')).toBe(true);
    });

    it('changes nothing when run again', async () => {
        const before = await t.internals.database.all(
            `SELECT * FROM refill_daily_figures ORDER BY day, store_id`,
        );
        const again = await refresh();
        expect(again).toMatchObject({ batches: 0, rows: 0, cells: 0 });
        const after = await t.internals.database.all(
            `SELECT * FROM refill_daily_figures ORDER BY day, store_id`,
        );
        expect(after).toEqual(before);
    });

    it('resumes after a crash halfway without losing or doubling anything', async () => {
        for (const card of cards) await sale(card, 'S1', 2);
        clock.advanceDays(1);
        for (const card of cards) await sale(card, 'S2', 3);
        let batches = 0;
        await expect(
            refresh({
                batchIds: 2,
                onBatch: () => {
                    if (++batches === 3) throw new Error('worker died');
                },
            }),
        ).rejects.toThrow('worker died');
        await refresh({ batchIds: 4 });
        expect(await stored()).toEqual(await recomputed());
    });

    it('rebuilds from scratch to the same figures', async () => {
        const before = await stored();
        await t.internals.services.dailyFigures.rebuild({ settleMs: 0, batchIds: 7 });
        expect(await stored()).toEqual(before);
    });

    it('leaves rows younger than the settle lag to the next run', async () => {
        await sale(cards[3], 'S1', 0);
        expect((await t.internals.services.dailyFigures.refresh({ settleMs: 60_000 })).rows).toBe(0);
        expect(await stored()).not.toEqual(await recomputed());
        clock.now = new Date(clock.now.getTime() + 61_000);
        expect((await t.internals.services.dailyFigures.refresh()).rows).toBe(1);
        expect(await stored()).toEqual(await recomputed());
    });

    it('snapshots members, active members, outstanding bonuses and what burns within 30 days', async () => {
        await refresh();
        const totals = await t.internals.services.dashboard.dashboard({ storeIds: null });
        const db = t.internals.database;
        const [c] = await db.all<Record<string, unknown>>(
            `SELECT COUNT(*) AS n, SUM(balance + pending) AS owed FROM refill_customers`,
        );
        const [l] = await db.all<Record<string, unknown>>(
            `SELECT SUM(remaining) AS burns FROM refill_bonus_lots WHERE state IN ('pending', 'active') AND expires_at < ?`,
            [new Date(clock.now.getTime() + 30 * MS_PER_DAY).toISOString().replace('T', ' ').slice(0, 23)],
        );
        expect(totals.members.total).toBe(Number(c.n));
        expect(totals.members.active30d).toBe(cards.length);
        expect(totals.liability.outstanding).toBe(Number(c.owed));
        expect(totals.liability.burnsNext30d).toBe(Number(l.burns));
        expect(totals.liability.outstanding).toBeGreaterThan(0);
    });
});
