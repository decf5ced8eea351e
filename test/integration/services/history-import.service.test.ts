import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Refill } from '../../../plugin/index.js';
import type { ImportInput, ImportRecord } from '../../../plugin/modules/import/history-import.types.js';
import { tableCounts } from '../../helpers/create-app.js';
import { expectLedgerConsistent } from '../../helpers/ledger-invariants.js';
import { engines } from '../../helpers/test-database.js';
import { startTestRefill, TestClock, type TestRefill } from '../../helpers/test-refill.js';
import { refillInternals } from '../../../plugin/testing.js';

const NOW = new Date('2026-03-01T10:00:00.000Z');
const DAY = 86_400_000;
const TODAY = Math.floor(NOW.getTime() / DAY);
const daysAgo = (n: number, hours = 0) => new Date(NOW.getTime() - n * DAY + hours * 3_600_000);

const ANNA = '2000000000011';
const BORIS = '2000000000028';
const CARD_ONLY = '2000000000035';

const losartan = (amount = 45_000) => ({ sku: 'LOSARTAN-50', name: 'Losartan 50 mg', quantity: 1, amount });
const vitamin = (quantity: number, amount: number) => ({
    sku: 'VIT-C',
    name: 'Vitamin C',
    atc: 'A11GA01',
    quantity,
    amount,
});
const receipt = (
    receiptId: string,
    cardNumber: string,
    storeCode: string,
    purchasedAt: Date,
    lines: Array<Record<string, unknown>>,
): ImportRecord =>
    ({ type: 'receipt', receiptId, cardNumber, storeCode, purchasedAt, lines }) as ImportRecord;

/** Two customers with a year of history, a card seen only on receipts, one receipt out of order. */
function history(): ImportRecord[] {
    return [
        {
            type: 'customer',
            cardNumber: ANNA,
            phone: '8 (916) 123-45-67',
            email: 'Anna@Example.COM',
            name: 'Anna',
            timezone: 'Europe/Moscow',
            homeStore: 'S1',
            enrolledAt: daysAgo(800),
            consents: { sms: { granted: true, at: daysAgo(800) }, email: { granted: false } },
            openingBalance: 5_000,
        },
        receipt('A-1', ANNA, 'S1', daysAgo(300), [losartan(), vitamin(2, 40_000)]),
        receipt('A-2', ANNA, 'S1', daysAgo(270), [losartan()]),
        receipt('A-3', ANNA, 'S2', daysAgo(240, 1), [losartan(), losartan()]),
        receipt('A-4', ANNA, 'S1', daysAgo(240, 5), [losartan()]),
        { type: 'customer', cardNumber: BORIS, phone: null, name: 'Boris', homeStore: 'S2' },
        receipt('B-1', BORIS, 'S2', daysAgo(100), [
            { sku: 'REG-1', name: 'Regulated', quantity: 1, amount: 10_000 },
            { sku: 'UNLISTED', name: 'Plaster', quantity: 1, amount: 500 },
        ]),
        receipt('C-1', CARD_ONLY, 'S2', daysAgo(50), [losartan()]),
        receipt('A-0', ANNA, 'S1', daysAgo(400), [losartan(44_000)]),
        receipt('C-2', CARD_ONLY, 'S1', daysAgo(20), [vitamin(0.5, 3_000)]),
    ];
}

/** Everything an import writes, by natural keys (ids may differ between databases). */
async function dump(refill: Refill): Promise<Record<string, unknown[]>> {
    const q = (sql: string) => refillInternals(refill).database.all(sql);
    const card = 'JOIN refill_customers c ON c.id = x.customer_id';
    return {
        customers: await q(
            `SELECT card_number, phone, email, name, timezone, home_store_id, balance, pending, debt, purchase_count, purchase_total, first_purchase_at, last_purchase_at, lots_due_at, enrolled_at FROM refill_customers ORDER BY card_number`,
        ),
        purchases: await q(
            `SELECT x.receipt_id, c.card_number, x.store_id, x.purchased_at, x.total_amount, x.redeemed, x.earned, x.source, x.request_hash, x.response FROM refill_purchases x ${card} ORDER BY x.receipt_id`,
        ),
        lines: await q(
            `SELECT p.receipt_id, l.line_no, l.sku, l.name, l.atc, l.category_id, l.quantity_milli, l.amount, l.earned FROM refill_purchase_lines l JOIN refill_purchases p ON p.id = l.purchase_id ORDER BY p.receipt_id, l.line_no`,
        ),
        stats: await q(
            `SELECT c.card_number, x.category_id, x.first_at, x.last_at, x.purchase_count, x.total_amount, x.recent_days FROM refill_customer_category_stats x ${card} ORDER BY c.card_number, x.category_id`,
        ),
        lots: await q(
            `SELECT c.card_number, x.kind, x.amount, x.remaining, x.state, x.active_from, x.expires_at FROM refill_bonus_lots x ${card} ORDER BY c.card_number, x.id`,
        ),
        entries: await q(
            `SELECT c.card_number, x.kind, x.amount, x.idempotency_key FROM refill_ledger_entries x ${card} ORDER BY c.card_number, x.id`,
        ),
        consents: await q(
            `SELECT c.card_number, x.channel, x.granted, x.changed_at, x.source FROM refill_customer_consents x ${card} ORDER BY c.card_number, x.channel`,
        ),
        events: await q(
            `SELECT c.card_number, x.channel, x.granted, x.changed_at FROM refill_consent_events x ${card} ORDER BY c.card_number, x.channel, x.changed_at`,
        ),
    };
}

describe.each(engines)('history import on %s', (engine) => {
    let t: TestRefill;
    const clock = new TestClock(new Date(NOW));
    const categoryId = async (code: string) =>
        (await t.internals.services.catalog.categoryByCode(code))?.id as number;
    const customer = async (card: string) =>
        (await t.internals.repositories.customers.findByCard(t.internals.database, card))!;

    beforeAll(async () => {
        t = await startTestRefill(engine, 'history-import', { clock: clock.fn });
    });
    afterAll(async () => t?.close());

    it('imports customers and receipts, with lines placed in the catalogue and nothing earned', async () => {
        const summary = await t.internals.services.history.importRecords(history());
        expect(summary).toMatchObject({
            linesRead: 10,
            customersImported: 2,
            receiptsImported: 8,
            receiptsSkipped: 0,
            rejected: 0,
            errors: [],
            resumed: false,
            receiptLinesImported: 11,
        });
        const anna = await customer(ANNA);
        expect(anna).toMatchObject({
            phone: '+79161234567',
            email: 'anna@example.com',
            name: 'Anna',
            timezone: 'Europe/Moscow',
            purchaseCount: 5,
            purchaseTotal: 44_000 + 85_000 + 45_000 + 90_000 + 45_000,
            firstPurchaseAt: daysAgo(400),
            lastPurchaseAt: daysAgo(240, 5),
            enrolledAt: daysAgo(800),
            balance: 5_000,
        });
        const cardOnly = await customer(CARD_ONLY);
        const s2 = await t.internals.services.stores.list();
        // A card seen only on receipts joins at its first receipt's store and time, without consents.
        expect(cardOnly).toMatchObject({
            homeStoreId: s2.find((s) => s.code === 'S2')?.id,
            enrolledAt: daysAgo(50),
            purchaseCount: 2,
            purchaseTotal: 48_000,
        });

        const d = await dump(t.refill);
        expect(d.purchases.every((p) => (p as { source: string }).source === 'import')).toBe(true);
        expect(d.purchases.every((p) => Number((p as { earned: unknown }).earned) === 0)).toBe(true);
        expect(d.purchases.every((p) => (p as { request_hash: unknown }).request_hash === null)).toBe(true);
        const line = (receiptId: string, lineNo: number) =>
            d.lines.find(
                (l) =>
                    (l as { receipt_id: string }).receipt_id === receiptId &&
                    Number((l as { line_no: unknown }).line_no) === lineNo,
            ) as Record<string, unknown>;
        expect(line('A-1', 0)).toMatchObject({ atc: 'C09CA01', category_id: await categoryId('C09') });
        expect(line('A-1', 1)).toMatchObject({ category_id: await categoryId('VIT') });
        expect(Number(line('A-1', 1).quantity_milli)).toBe(2000);
        expect(line('B-1', 0)).toMatchObject({ category_id: await categoryId('RX-REG') });
        expect(line('B-1', 1)).toMatchObject({ category_id: null });
        expect(Number(line('C-2', 0).quantity_milli)).toBe(500);
        expect(d.consents.map((c) => (c as { channel: string }).channel)).toEqual(['email', 'sms']);
        await expectLedgerConsistent(t.refill, ANNA);
    });

    it('keeps per-category statistics: distinct days, the newest days first, out-of-order receipts merged', async () => {
        const stats = await t.internals.repositories.stats.find(t.internals.database, [
            [(await customer(ANNA)).id, await categoryId('C09')],
            [(await customer(ANNA)).id, await categoryId('VIT')],
            [(await customer(BORIS)).id, await categoryId('RX-REG')],
            [(await customer(CARD_ONLY)).id, await categoryId('C09')],
        ]);
        const byCategory = (id: number, customerId: number) =>
            stats.find((s) => s.categoryId === id && s.customerId === customerId);
        const annaC09 = byCategory(await categoryId('C09'), (await customer(ANNA)).id);
        expect(annaC09).toMatchObject({
            purchaseCount: 4,
            totalAmount: 44_000 + 45_000 + 45_000 + 90_000 + 45_000,
            firstAt: daysAgo(400),
            lastAt: daysAgo(240, 5),
            recentDays: [TODAY - 240, TODAY - 270, TODAY - 300, TODAY - 400],
        });
        expect(byCategory(await categoryId('VIT'), (await customer(ANNA)).id)).toMatchObject({
            purchaseCount: 1,
            totalAmount: 40_000,
        });
        expect(byCategory(await categoryId('RX-REG'), (await customer(BORIS)).id)?.purchaseCount).toBe(1);
        expect(byCategory(await categoryId('C09'), (await customer(CARD_ONLY)).id)).toMatchObject({
            purchaseCount: 1,
            lastAt: daysAgo(50),
        });
    });

    it('changes nothing when the same records are imported again (opening balance credited once)', async () => {
        const before = await dump(t.refill);
        const counts = await tableCounts(t.refill);
        const again = await t.internals.services.history.importRecords(history(), { batchSize: 3 });
        expect(again).toMatchObject({ receiptsImported: 0, receiptsSkipped: 8, rejected: 0 });
        expect(await tableCounts(t.refill)).toEqual(counts);
        expect(await dump(t.refill)).toEqual(before);
        const entries = (before.entries as Array<{ kind: string; idempotency_key: string | null }>).filter(
            (e) => e.kind === 'import',
        );
        expect(entries).toEqual([expect.objectContaining({ idempotency_key: `import-opening:${ANNA}` })]);
        await expectLedgerConsistent(t.refill, ANNA);
    });

    it('merges a live sale into the imported statistics and spends the opening balance', async () => {
        const sale = await t.refill.hooks.commitPurchase({
            receiptId: 'LIVE-1',
            cardNumber: ANNA,
            storeCode: 'S1',
            purchasedAt: NOW.toISOString(),
            redeem: 1_000,
            lines: [{ sku: 'LOSARTAN-50', name: 'Losartan', quantity: 1, amount: 45_000 }],
        } as never);
        expect(sale.redeemed).toBe(1_000);
        const [stat] = await t.internals.repositories.stats.find(t.internals.database, [
            [(await customer(ANNA)).id, await categoryId('C09')],
        ]);
        expect(stat.purchaseCount).toBe(5);
        expect(stat.recentDays[0]).toBe(TODAY);
        expect((await customer(ANNA)).purchaseCount).toBe(6);
        await expectLedgerConsistent(t.refill, ANNA);
    });

    it('skips a receipt repeated within one batch', async () => {
        const r = receipt('DUP-1', BORIS, 'S1', daysAgo(3), [losartan()]);
        const summary = await t.internals.services.history.importRecords([r, r]);
        expect(summary).toMatchObject({ receiptsImported: 1, receiptsSkipped: 1 });
        expect((await customer(BORIS)).purchaseCount).toBe(2);
    });

    it('ignores consents older than the stored ones and records real changes once', async () => {
        const card = '2000000000042';
        const consent = (granted: boolean, at: Date): ImportRecord => ({
            type: 'customer',
            cardNumber: card,
            consents: { sms: { granted, at } },
        });
        await t.internals.services.history.importRecords([consent(true, daysAgo(10))]);
        await t.internals.services.history.importRecords([
            consent(false, daysAgo(30)),
            consent(true, daysAgo(5)),
        ]);
        let view = await t.internals.services.customers.get(card);
        expect(view.consents.sms).toEqual({ granted: true, changedAt: daysAgo(10).toISOString() });
        await t.internals.services.history.importRecords([consent(false, daysAgo(2))]);
        view = await t.internals.services.customers.get(card);
        expect(view.consents.sms?.granted).toBe(false);
        const events = await t.internals.database.all(
            `SELECT e.granted FROM refill_consent_events e JOIN refill_customers c ON c.id = e.customer_id WHERE c.card_number = ?`,
            [card],
        );
        expect(events).toHaveLength(2);
    });

    it('reports invalid records with their line and goes on', async () => {
        const ok = receipt('OK-1', '2000000000059', 'S1', daysAgo(1), [losartan()]);
        const input: ImportInput[] = [
            receipt('', BORIS, 'S1', daysAgo(1), [losartan()]),
            receipt('BAD-2', BORIS, 'S1', daysAgo(1), [losartan(-5)]),
            receipt('BAD-3', BORIS, 'S1', daysAgo(1), [{ ...losartan(), quantity: 0 }]),
            receipt('BAD-4', BORIS, 'NOPE', daysAgo(1), [losartan()]),
            { type: 'customer', cardNumber: '2000000000066', phone: '+7 916 12' },
            { type: 'unreadable', line: 42, message: 'is not valid JSON' },
            { type: 'gift' } as unknown as ImportRecord,
            ok,
            { type: 'customer', cardNumber: '2000000000073', homeStore: 'NOPE' },
            receipt('BAD-5', BORIS, 'S1', new Date(NOW.getTime() + 2 * DAY), [losartan()]),
            { ...receipt('BAD-6', BORIS, 'S1', daysAgo(1), [losartan()]), line: 77 },
        ];
        (input[10] as { lines: unknown }).lines = [];
        const summary = await t.internals.services.history.importRecords(input);
        expect(summary.receiptsImported).toBe(1);
        expect(summary.rejected).toBe(10);
        expect(summary.errors.map((e) => e.line)).toEqual([1, 2, 3, 4, 5, 42, 7, 9, 10, 77]);
        expect(summary.errors[0].message).toMatch(/receiptId/);
        expect(summary.errors[1].message).toMatch(/amount/);
        expect(summary.errors[2].message).toMatch(/quantity/);
        expect(summary.errors[3].message).toMatch(/store/);
        expect(summary.errors[4].message).toMatch(/phone/);
        // Messages name the field, never the value (records carry phone numbers and cards).
        for (const e of summary.errors) expect(e.message).not.toMatch(/916|2000000000/);
        expect(
            await t.internals.repositories.customers.findByCard(t.internals.database, '2000000000066'),
        ).toBeNull();
        expect(
            await t.internals.repositories.purchases.findByReceiptId(
                t.internals.database,
                (await t.internals.services.stores.identity('S1')).storeId,
                'OK-1',
            ),
        ).not.toBeNull();
    });

    it('history keeps its own, wider bound than the tills: years back, but not year 0001 or 1900', async () => {
        const summary = await t.internals.services.history.importRecords([
            receipt('OLD-OK', BORIS, 'S1', daysAgo(5 * 365), [losartan()]),
            receipt('OLD-1900', BORIS, 'S1', new Date('1900-01-01T00:00:00Z'), [losartan()]),
            receipt('OLD-0001', BORIS, 'S1', new Date('0001-01-01T00:00:00Z'), [losartan()]),
        ]);
        expect(summary.receiptsImported).toBe(1);
        expect(summary.errors.map((e) => e.message)).toEqual([
            'purchasedAt must be within the last 20 years',
            'purchasedAt must be within the last 20 years',
        ]);
    });

    it('counts every rejected record but lists at most 100', async () => {
        const bad = Array.from({ length: 150 }, (_, i) =>
            receipt(`NEG-${i}`, BORIS, 'S1', daysAgo(1), [losartan(-1)]),
        );
        const summary = await t.internals.services.history.importRecords(bad, { batchSize: 40 });
        expect(summary.rejected).toBe(150);
        expect(summary.errors).toHaveLength(100);
    });
});

describe.each(engines)('history import resumed after a crash on %s', (engine) => {
    let clean: TestRefill;
    let crashed: TestRefill;
    let expected: Record<string, unknown[]>;
    const clock = new TestClock(new Date(NOW));
    const checkpoint = { sourceKey: 'a'.repeat(64), fileName: 'history.ndjson' };

    beforeAll(async () => {
        clean = await startTestRefill(engine, 'history-clean', { clock: clock.fn });
        crashed = await startTestRefill(engine, 'history-crashed', { clock: clock.fn });
        await clean.internals.services.history.importRecords(history(), { batchSize: 2 });
        expected = await dump(clean.refill);
    });
    afterAll(async () => {
        await clean?.close();
        await crashed?.close();
    });

    function* dying(records: ImportRecord[], after: number): Generator<ImportRecord> {
        for (const [i, r] of records.entries()) {
            if (i === after) throw new Error('the disk went away');
            yield r;
        }
    }
    const saved = () =>
        crashed.internals.database.all<{ lines_done: unknown; completed_at: unknown }>(
            `SELECT lines_done, completed_at FROM refill_import_checkpoints WHERE source_key = ?`,
            [checkpoint.sourceKey],
        );

    it('loses and doubles nothing when the input dies between batches or a batch fails', async () => {
        const { history: importer } = crashed.internals.services;
        await expect(
            importer.importRecords(dying(history(), 5), { batchSize: 2, checkpoint }),
        ).rejects.toThrow('the disk went away');
        // Batches of two: the two complete ones are committed with the checkpoint, the fifth record is not.
        expect(Number((await saved())[0].lines_done)).toBe(4);

        const upsert = vi
            .spyOn(crashed.internals.repositories.stats, 'upsert')
            .mockRejectedValueOnce(new Error('connection reset'));
        await expect(importer.importRecords(history(), { batchSize: 2, checkpoint })).rejects.toThrow(
            'connection reset',
        );
        upsert.mockRestore();
        // The failed batch rolled back with its checkpoint.
        expect(Number((await saved())[0].lines_done)).toBe(4);

        const resumed = await importer.importRecords(history(), { batchSize: 2, checkpoint });
        expect(resumed).toMatchObject({
            resumed: true,
            recordsSkippedOnResume: 4,
            linesRead: 10,
            rejected: 0,
        });
        const [row] = await saved();
        expect(Number(row.lines_done)).toBe(10);
        expect(row.completed_at).not.toBeNull();
        expect(await dump(crashed.refill)).toEqual(expected);
        for (const card of [ANNA, BORIS, CARD_ONLY]) await expectLedgerConsistent(crashed.refill, card);
    });

    it('imports a completed source again from the start, idempotently', async () => {
        const again = await crashed.internals.services.history.importRecords(history(), {
            batchSize: 2,
            checkpoint,
        });
        expect(again).toMatchObject({ resumed: false, receiptsImported: 0, receiptsSkipped: 8 });
        expect(await dump(crashed.refill)).toEqual(expected);
    });
});

describe.each(engines)('history import beside live sales on %s', (engine) => {
    let t: TestRefill;
    const clock = new TestClock(new Date(NOW));
    const cards = Array.from({ length: 16 }, (_, i) => `30000000000${String(i).padStart(2, '0')}`);

    beforeAll(async () => {
        t = await startTestRefill(engine, 'history-live', { clock: clock.fn });
        // The tills know half the cards already.
        for (const card of cards.slice(0, 8))
            await t.internals.services.customers.upsert(
                card,
                {},
                {
                    storeId: null,
                    source: 'test',
                },
            );
    });
    afterAll(async () => t?.close());

    it('loses no live update of balances, aggregates or statistics', async () => {
        const records: ImportRecord[] = cards.flatMap((card, i) => [
            { type: 'customer', cardNumber: card, openingBalance: 1_000 + i } as ImportRecord,
            ...[200, 150, 100, 50].map((d) =>
                receipt(`H-${card}-${d}`, card, 'S1', daysAgo(d), [losartan()]),
            ),
        ]);
        // Three waves of sales on every card, spread over the time the import runs.
        const sales = async () => {
            for (const wave of [1, 2, 3]) {
                await Promise.all(
                    cards.map((card, i) =>
                        t.refill.hooks.commitPurchase({
                            receiptId: `LIVE-${wave}-${i}`,
                            cardNumber: card,
                            storeCode: 'S1',
                            purchasedAt: NOW.toISOString(),
                            lines: [losartan(30_000), vitamin(1, 5_000)],
                        } as never),
                    ),
                );
                await new Promise((resolve) => setTimeout(resolve, 5));
            }
        };
        const [summary] = await Promise.all([
            t.internals.services.history.importRecords(records, { batchSize: 3 }),
            sales(),
        ]);
        expect(summary).toMatchObject({ receiptsImported: 64, rejected: 0 });

        const purchases = await t.internals.database.all<{ card_number: string; n: unknown; total: unknown }>(
            `SELECT c.card_number, COUNT(*) AS n, SUM(p.total_amount) AS total FROM refill_purchases p JOIN refill_customers c ON c.id = p.customer_id GROUP BY c.card_number`,
        );
        const lines = await t.internals.database.all<{
            customer_id: unknown;
            category_id: unknown;
            purchased_at: unknown;
            amount: unknown;
        }>(
            `SELECT p.customer_id, l.category_id, p.purchased_at, l.amount FROM refill_purchase_lines l JOIN refill_purchases p ON p.id = l.purchase_id WHERE l.category_id IS NOT NULL`,
        );
        for (const card of cards) {
            const c = (await t.internals.repositories.customers.findByCard(t.internals.database, card))!;
            const row = purchases.find((p) => p.card_number === card)!;
            expect(c.purchaseCount).toBe(7);
            expect(c.purchaseCount).toBe(Number(row.n));
            expect(c.purchaseTotal).toBe(Number(row.total));
            expect(c.lastPurchaseAt).toEqual(NOW);
            await expectLedgerConsistent(t.refill, card);
            const stats = await t.internals.database.all<{
                category_id: unknown;
                purchase_count: unknown;
                total_amount: unknown;
            }>(
                `SELECT category_id, purchase_count, total_amount FROM refill_customer_category_stats WHERE customer_id = ?`,
                [c.id],
            );
            for (const s of stats) {
                const own = lines.filter(
                    (l) => Number(l.customer_id) === c.id && Number(l.category_id) === Number(s.category_id),
                );
                const days = new Set(
                    own.map((l) => Math.floor(t.internals.database.time(l.purchased_at).getTime() / DAY)),
                );
                expect(Number(s.purchase_count)).toBe(days.size);
                expect(Number(s.total_amount)).toBe(own.reduce((sum, l) => sum + Number(l.amount), 0));
            }
            expect(stats).toHaveLength(2);
        }
    });
});
