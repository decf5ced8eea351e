import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventBus } from '../../../plugin/kernel/events/event-bus.js';
import type { PurchaseCommitted } from '../../../plugin/kernel/events/refill-events.js';
import type { PosIdentity } from '../../../plugin/modules/admin/services/pos-identity.js';
import { PurchaseService } from '../../../plugin/modules/ledger/services/purchase.service.js';
import { subscribeMessaging } from '../../../plugin/modules/messaging/events/subscribe-messaging.js';
import { engines } from '../../helpers/test-database.js';
import { startTestRefill, TestClock, type TestRefill } from '../../helpers/test-refill.js';

/**
 * The sale says what happened and messaging reacts in the sale's own
 * transaction: a purchase service on its own bus (the instance's parts
 * otherwise), with messaging subscribed as the composition root does and a
 * probe subscribed after it.
 */
describe.each(engines)('purchase events on %s', (engine) => {
    let t: TestRefill;
    const clock = new TestClock(new Date('2026-03-02T07:00:00.000Z'));
    let purchases: PurchaseService;
    let pos: PosIdentity;
    let customerId: number;
    let categoryId: number;
    /** What the probe saw, inside the transaction, after messaging's handler. */
    const seen: Array<{ event: PurchaseCommitted; reminderInTx: string; balanceInTx: number }> = [];
    /** Receipt ids whose transaction the probe fails after the event was handled. */
    const failing = new Set<string>();

    const reminder = async (key: string) =>
        (await t.internals.repositories.cascades.findByKey(key))?.status ?? null;
    const sale = (receiptId: string) =>
        purchases.commit(
            {
                receiptId,
                cardNumber: '7000001',
                storeCode: 'S1',
                purchasedAt: clock.fn(),
                lines: [{ sku: 'LOSARTAN-50', name: 'Losartan', quantity: 1, amount: 45000 }],
                redeem: 0,
            },
            pos,
        );
    const planReminder = async (key: string) => {
        const { repositories, database } = t.internals;
        await repositories.cascades.insertMany(
            database,
            [
                {
                    cascadeKey: key,
                    customerId,
                    campaignId: null,
                    categoryId,
                    offerId: null,
                    kind: 'bonus-expiry',
                    traffic: 'service',
                    status: 'pending',
                    runDay: null,
                    nextAt: new Date(clock.now.getTime() + 3_600_000),
                    deadlineAt: null,
                    payload: null,
                },
            ],
            clock.fn(),
        );
    };

    beforeAll(async () => {
        t = await startTestRefill(engine, 'purchase_events', {
            clock: clock.fn,
            messaging: { balanceAfterPurchase: true },
        });
        const { database, repositories, services, config, logger } = t.internals;
        const bus = new EventBus(logger);
        subscribeMessaging(bus, repositories.cascades, config.messaging);
        bus.inTransaction('PurchaseCommitted', async (event, tx) => {
            const [row] = await tx.all<{ status: string }>(
                'SELECT status FROM refill_cascades WHERE cascade_key = ?',
                [`stop-me:${event.receiptId}`],
            );
            const [balance] = await tx.all<{ n: unknown }>(
                'SELECT COUNT(*) AS n FROM refill_cascades WHERE cascade_key = ?',
                [`balance:${event.receiptId}`],
            );
            seen.push({ event, reminderInTx: row?.status, balanceInTx: Number(balance.n) });
            if (failing.has(event.receiptId)) throw new Error('the till lost power');
        });
        purchases = new PurchaseService(database, repositories, services.catalog, config, clock.fn, bus);
        pos = await services.stores.identity('S1');
        await services.customers.upsert('7000001', {}, { source: 'test', storeId: null });
        customerId = (await repositories.customers.findByCard(database, '7000001'))!.id;
        const [c09] = await database.all<{ id: unknown }>(
            "SELECT id FROM refill_categories WHERE code = 'C09'",
        );
        categoryId = Number(c09.id);
    });
    afterAll(async () => t?.close());

    it('a sale publishes PurchaseCommitted and messaging stops the reminders in the sale’s transaction', async () => {
        await planReminder('stop-me:R-EV-1');
        const { result } = await sale('R-EV-1');
        expect(seen).toHaveLength(1);
        const [{ event, reminderInTx, balanceInTx }] = seen;
        expect(event).toMatchObject({
            receiptId: 'R-EV-1',
            customerId,
            storeId: pos.storeId,
            storeCode: 'S1',
            categoryIds: [categoryId],
            purchasedAt: clock.fn(),
            committedAt: clock.fn(),
            total: 45000,
            earned: result.earned,
            redeemed: 0,
            enrolled: false,
            balance: result.balance,
        });
        expect(event.purchaseId).toBeGreaterThan(0);
        // Messaging's handler ran first, on the same transaction handle the probe reads through.
        expect(reminderInTx).toBe('stopped');
        expect(balanceInTx).toBe(1);
        expect(await reminder('stop-me:R-EV-1')).toBe('stopped');
        expect(await t.internals.repositories.cascades.findByKey('balance:R-EV-1')).toMatchObject({
            customerId,
            kind: 'balance',
            traffic: 'service',
            status: 'pending',
        });
    });

    it('a sale whose transaction fails after publishing leaves the reminders untouched', async () => {
        await planReminder('stop-me:R-EV-2');
        failing.add('R-EV-2');
        await expect(sale('R-EV-2')).rejects.toThrow('the till lost power');
        // Inside the transaction messaging had stopped it and planned the balance message…
        expect(seen.at(-1)).toMatchObject({ reminderInTx: 'stopped', balanceInTx: 1 });
        // …and the rollback took both back, with the sale.
        expect(await reminder('stop-me:R-EV-2')).toBe('pending');
        expect(await reminder('balance:R-EV-2')).toBeNull();
        const { repositories, database } = t.internals;
        expect(await repositories.purchases.findByReceiptId(database, pos.storeId, 'R-EV-2')).toBeNull();

        // The till retries once the failure is gone: the sale and its reminder changes commit together.
        failing.delete('R-EV-2');
        await sale('R-EV-2');
        expect(await reminder('stop-me:R-EV-2')).toBe('stopped');
        expect(await reminder('balance:R-EV-2')).toBe('pending');
    });
});

describe('the ledger module and messaging', () => {
    const moduleDir = (name: string) => join(import.meta.dirname, '../../../plugin/modules', name);
    const sources = (dir: string): string[] =>
        readdirSync(dir, { withFileTypes: true, recursive: true })
            .filter((f) => f.isFile() && f.name.endsWith('.ts'))
            .map((f) => join(f.parentPath, f.name));
    const importsOf = (file: string) =>
        [...readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map(
            (m) => m[1],
        );

    it.each(['ledger', 'campaigns'])('%s imports nothing from messaging', (name) => {
        const files = sources(moduleDir(name));
        expect(files.length).toBeGreaterThan(0);
        const offending = files.flatMap((file) =>
            importsOf(file)
                .filter((spec) => /(^|\/)messaging(\/|$)/.test(spec))
                .map((spec) => `${file}: ${spec}`),
        );
        expect(offending).toEqual([]);
    });
});
