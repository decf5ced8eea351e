import type { Database } from '../../plugin/kernel/db/database.js';
import { MS_PER_DAY } from '../../plugin/kernel/units/time.js';

/** A receipt to seed: days before `now`, store id, total, and optional lines. */
export interface SeedPurchase {
    daysAgo: number;
    storeId: number;
    total: number;
    lines?: Array<{ sku: string; atc?: string | null; categoryId?: number | null; amount: number }>;
}

/** A customer to seed, with their receipts, lots and consents. */
export interface SeedCustomer {
    card: string;
    name?: string;
    phone?: string | null;
    email?: string | null;
    balance?: number;
    cardForm?: 'physical' | 'virtual';
    blocked?: boolean;
    purchases?: SeedPurchase[];
    /** Active lots: remaining amount and days until they expire. */
    lots?: Array<{ remaining: number; expiresInDays: number }>;
    consents?: Array<{ purpose: 'marketing' | 'service'; channel: string; granted: boolean }>;
}

let receipt = 0;

/**
 * Writes customers straight into the tables (with the cached purchase
 * count and last purchase the ledger would keep), so counts can be checked
 * against expectations computed by hand. Returns their ids by card.
 */
export async function seedSegmentCustomers(
    db: Database,
    now: Date,
    customers: readonly SeedCustomer[],
): Promise<Record<string, number>> {
    const ids: Record<string, number> = {};
    const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * MS_PER_DAY);
    for (const c of customers) {
        const purchases = c.purchases ?? [];
        const last = purchases.length ? at(Math.min(...purchases.map((p) => p.daysAgo))) : null;
        const { insertId } = await db.run(
            `INSERT INTO refill_customers (card_number, name, phone, email, balance, purchase_count, last_purchase_at, card_form, blocked_at, enrolled_at, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            [
                c.card,
                c.name ?? null,
                c.phone ?? null,
                c.email ?? null,
                c.balance ?? 0,
                purchases.length,
                last,
                c.cardForm ?? 'physical',
                c.blocked ? at(1) : null,
                at(500),
                at(0),
            ],
        );
        ids[c.card] = insertId;
        for (const p of purchases) {
            const { insertId: purchaseId } = await db.run(
                `INSERT INTO refill_purchases (receipt_id, customer_id, store_id, purchased_at, total_amount, source, created_at)
                 VALUES (?, ?, ?, ?, ?, ?, ?)`,
                [`R${++receipt}`, insertId, p.storeId, at(p.daysAgo), p.total, 'pos', at(p.daysAgo)],
            );
            let lineNo = 0;
            for (const l of p.lines ?? [])
                await db.run(
                    `INSERT INTO refill_purchase_lines (purchase_id, line_no, sku, name, atc, category_id, quantity_milli, amount)
                     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
                    [purchaseId, ++lineNo, l.sku, l.sku, l.atc ?? null, l.categoryId ?? null, 1000, l.amount],
                );
        }
        for (const lot of c.lots ?? [])
            await db.run(
                `INSERT INTO refill_bonus_lots (customer_id, kind, amount, remaining, state, active_from, expires_at, created_at)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
                [
                    insertId,
                    'accrual',
                    lot.remaining,
                    lot.remaining,
                    'active',
                    at(30),
                    new Date(now.getTime() + lot.expiresInDays * MS_PER_DAY),
                    at(30),
                ],
            );
        for (const consent of c.consents ?? [])
            await db.run(
                `INSERT INTO ${consent.purpose === 'marketing' ? 'refill_customer_consents' : 'refill_customer_service_consents'}
                 (customer_id, channel, granted, changed_at) VALUES (?, ?, ?, ?)`,
                [insertId, consent.channel, consent.granted, at(10)],
            );
    }
    return ids;
}
