import type { CategoryInput } from '../../plugin/modules/catalog/repositories/catalog.repository.js';
import type { ImportRecord } from '../../plugin/modules/import/history-import.types.js';
import { statFromPurchases } from '../../plugin/modules/catalog/rules/category-stats.rules.js';
import type { TestRefill } from './test-refill.js';
import { MS_PER_DAY as DAY } from '../../plugin/kernel/units/time.js';

/** The statins category the history below buys (ATC C10). */
export const C10: CategoryInput = {
    code: 'C10',
    name: 'Statins and other lipid modifiers',
    atcPrefixes: ['C10'],
    chronic: true,
    refillIntervalDays: 30,
    lapseAfterDays: 45,
    minPurchases: 3,
};

/**
 * A year of lipid-lowering history ending at `now`, none of whose products
 * the catalogue knows (their category comes from the ATC code on the line):
 * 12 monthly buyers who stopped 50–83 days ago (lapsed), 6 who still buy,
 * 4 on a 90-day rhythm last seen 60 days ago, 3 with one purchase, and 5
 * monthly buyers who shop at 22:30 UTC (after midnight in Moscow) and
 * stopped 48 days ago. Every third receipt also has ezetimibe (C10AX) and
 * every fourth a C09 line. Every customer has a phone and SMS consent.
 */
export function statinHistory(now: Date, prefix = '30'): ImportRecord[] {
    const at = (daysAgo: number, hourUtc = 9) =>
        new Date(Math.floor(now.getTime() / DAY - daysAgo) * DAY + hourUtc * 3_600_000);
    const records: ImportRecord[] = [];
    let receipt = 0;
    for (let i = 0; i < 30; i++) {
        const card = `${prefix}${String(i).padStart(5, '0')}`;
        records.push({
            type: 'customer',
            cardNumber: card,
            phone: `+7916${String(1_000_000 + i).padStart(7, '0')}`,
            consents: { sms: { granted: true, at: at(400) } },
        });
        const days: number[] =
            i < 12
                ? [0, 30, 60, 90, 120].map((d) => 50 + i * 3 + d)
                : i < 18
                  ? [10, 40, 70, 100, 130, 160]
                  : i < 22
                    ? [60, 150, 240, 330]
                    : i < 25
                      ? [70]
                      : [48, 78, 108, 138];
        const hour = i >= 25 ? 22.5 : 9;
        for (const d of days.sort((a, b) => b - a)) {
            receipt++;
            const lines: Array<{ sku: string; name: string; atc: string; quantity: number; amount: number }> =
                [
                    {
                        sku: 'ATOR-20',
                        name: 'Atorvastatin 20 mg',
                        atc: 'C10AA05',
                        quantity: 1,
                        amount: 30_000 + i,
                    },
                ];
            if (receipt % 3 === 0)
                lines.push({
                    sku: 'EZE-10',
                    name: 'Ezetimibe 10 mg',
                    atc: 'C10AX09',
                    quantity: 1,
                    amount: 52_000,
                });
            if (receipt % 4 === 0)
                lines.push({
                    sku: 'LOS-50X',
                    name: 'Losartan 50 mg',
                    atc: 'C09CA01',
                    quantity: 1,
                    amount: 45_000,
                });
            records.push({
                type: 'receipt',
                receiptId: `H-${card}-${d}`,
                cardNumber: card,
                storeCode: 'S1',
                purchasedAt: at(d, hour),
                lines,
            });
        }
    }
    return records;
}

/** A category's statistics rows by card, as plain values (to compare two databases). */
export async function statsByCard(t: TestRefill, code: string): Promise<Record<string, unknown>> {
    const db = t.internals.database;
    const rows = await db.all(
        `SELECT c.card_number, s.first_at, s.last_at, s.purchase_count, s.total_amount, s.recent_days
         FROM refill_customer_category_stats s JOIN refill_customers c ON c.id = s.customer_id
         JOIN refill_categories k ON k.id = s.category_id WHERE k.code = ? ORDER BY c.card_number`,
        [code],
    );
    return Object.fromEntries(
        rows.map((r) => [
            String(r.card_number),
            {
                firstAt: db.time(r.first_at).toISOString(),
                lastAt: db.time(r.last_at).toISOString(),
                purchaseCount: Number(r.purchase_count),
                totalAmount: Number(r.total_amount),
                recentDays: String(r.recent_days),
            },
        ]),
    );
}

/** The statistics rows a category's stored lines make (what its rows must hold), by card. */
export async function statsFromLines(t: TestRefill, code: string): Promise<Record<string, unknown>> {
    const db = t.internals.database;
    const rows = await db.all(
        `SELECT c.card_number, p.purchased_at, l.amount FROM refill_purchase_lines l
         JOIN refill_purchases p ON p.id = l.purchase_id JOIN refill_customers c ON c.id = p.customer_id
         JOIN refill_categories k ON k.id = l.category_id WHERE k.code = ?`,
        [code],
    );
    const byCard = new Map<string, Array<{ at: Date; amount: number }>>();
    for (const r of rows) {
        const list = byCard.get(String(r.card_number)) ?? [];
        list.push({ at: db.time(r.purchased_at), amount: Number(r.amount) });
        byCard.set(String(r.card_number), list);
    }
    return Object.fromEntries(
        [...byCard]
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([card, purchases]) => {
                const s = statFromPurchases(purchases, t.internals.config.timezone)!;
                return [
                    card,
                    {
                        firstAt: s.firstAt.toISOString(),
                        lastAt: s.lastAt.toISOString(),
                        purchaseCount: s.purchaseCount,
                        totalAmount: s.totalAmount,
                        recentDays: s.recentDays.join(','),
                    },
                ];
            }),
    );
}
