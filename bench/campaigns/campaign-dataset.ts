import type { Refill } from '../../plugin/index.js';
import { toDbTime } from '../../plugin/kernel/db/db-time.js';
import { sqlDialect } from '../../plugin/kernel/db/sql-dialect.js';
import {
    addPurchase,
    formatRecentDays,
    type CategoryStat,
} from '../../plugin/modules/catalog/rules/category-stats.rules.js';
import { resolveDemoChain } from '../../plugin/demo/demo-chain.js';
import { demoCustomerHistory } from '../../plugin/demo/demo-history.js';
import { seedDemoChain } from '../../plugin/demo/demo-seed.js';
import { refillInternals } from '../../plugin/testing.js';
import { MS_PER_DAY as DAY_MS } from '../../plugin/kernel/units/time.js';

/** What was loaded. */
export interface CampaignDataset {
    customers: number;
    receipts: number;
    lines: number;
    statRows: number;
    offers: number;
    seconds: number;
}

const CHUNK = 500;

/**
 * Loads the large demo chain for the selection benchmark: Refill's own demo
 * generator (same seed → same chain) produces every customer and receipt;
 * customers, consents and the per-(customer, category) statistics rows that
 * Refill's commit and importer keep (built with the same `addPurchase` rule)
 * are bulk-inserted. Purchase lines themselves are not stored: neither the
 * selection nor the hand-written baseline reads them. A few test and
 * employee cards and running or recent offers give eligibility work to do.
 */
export async function loadCampaignDataset(
    refill: Refill,
    customers: number,
    now: Date,
    onProgress: (done: number) => void,
): Promise<CampaignDataset> {
    const started = Date.now();
    await seedDemoChain(refill, { customers: 0, now });
    const chain = resolveDemoChain({ customers, now });
    const snapshot = await refillInternals(refill).services.catalog.snapshot();
    const storeIds = new Map(
        (await refillInternals(refill).services.stores.list()).map((s) => [s.code, s.id]),
    );
    const chronicIds = (await refillInternals(refill).services.catalog.categories())
        .filter((c) => c.chronic)
        .map((c) => c.id);
    const db = refillInternals(refill).database;
    const out: CampaignDataset = { customers, receipts: 0, lines: 0, statRows: 0, offers: 0, seconds: 0 };
    let customerRows: unknown[][] = [];
    let consentRows: unknown[][] = [];
    let statRows: unknown[][] = [];
    let offerRows: unknown[][] = [];
    const flush = async () => {
        await db.transaction(async (tx) => {
            const insert = async (table: string, columns: string[], rows: unknown[][]) => {
                for (const chunk of sqlDialect.chunks(rows, CHUNK))
                    await tx.run(
                        `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${sqlDialect.valuesPlaceholders(chunk.length, columns.length)}`,
                        chunk.flat(),
                    );
            };
            await insert('refill_customers', CUSTOMER_COLUMNS, customerRows);
            await insert(
                'refill_customer_consents',
                ['customer_id', 'channel', 'granted', 'changed_at', 'source'],
                consentRows,
            );
            await insert('refill_customer_category_stats', STAT_COLUMNS, statRows);
            await insert('refill_offers', OFFER_COLUMNS, offerRows);
        });
        out.statRows += statRows.length;
        out.offers += offerRows.length;
        customerRows = [];
        consentRows = [];
        statRows = [];
        offerRows = [];
    };
    for (let index = 0; index < customers; index++) {
        const id = index + 1;
        const { customer, receipts } = demoCustomerHistory(chain, index);
        const stats = new Map<number, CategoryStat>();
        let total = 0;
        for (const r of receipts) {
            out.receipts++;
            const byCategory = new Map<number, number>();
            for (const line of r.lines) {
                out.lines++;
                total += line.amount;
                const category = snapshot.categoryOf(line.sku, line.atc ?? null);
                if (category) byCategory.set(category.id, (byCategory.get(category.id) ?? 0) + line.amount);
            }
            for (const [categoryId, amount] of byCategory)
                stats.set(
                    categoryId,
                    addPurchase(
                        stats.get(categoryId) ?? null,
                        r.purchasedAt,
                        amount,
                        refillInternals(refill).config.timezone,
                    ),
                );
        }
        const kind = index % 997 === 0 ? 'test' : index % 499 === 0 ? 'employee' : 'regular';
        const enrolled = customer.enrolledAt ?? receipts[0]?.purchasedAt ?? now;
        customerRows.push([
            id,
            customer.cardNumber,
            customer.phone ?? null,
            customer.email ?? null,
            customer.homeStore ? (storeIds.get(customer.homeStore) ?? null) : null,
            receipts.length,
            total,
            receipts.length ? toDbTime(receipts[0].purchasedAt) : null,
            receipts.length ? toDbTime(receipts[receipts.length - 1].purchasedAt) : null,
            kind,
            toDbTime(enrolled),
            toDbTime(now),
        ]);
        for (const [channel, consent] of Object.entries(customer.consents ?? {}))
            if (consent)
                consentRows.push([id, channel, consent.granted, toDbTime(consent.at ?? enrolled), 'demo']);
        for (const [categoryId, s] of stats)
            statRows.push([
                id,
                categoryId,
                toDbTime(s.firstAt),
                toDbTime(s.lastAt),
                s.purchaseCount,
                s.totalAmount,
                formatRecentDays(s.recentDays),
            ]);
        // 2% hold a running offer on a chronic category, 3% got an offer within the last 60 days.
        if (index % 50 === 7 || index % 33 === 5) {
            const running = index % 50 === 7;
            const createdAt = new Date(now.getTime() - (running ? 3 : 40) * DAY_MS);
            offerRows.push([
                id,
                chronicIds[index % chronicIds.length],
                'multiplier',
                3,
                30,
                toDbTime(createdAt),
                toDbTime(new Date(createdAt.getTime() + 14 * DAY_MS)),
                running ? 'active' : 'redeemed',
                toDbTime(createdAt),
            ]);
        }
        if (customerRows.length >= 5000) {
            await flush();
            onProgress(index + 1);
        }
    }
    await flush();
    onProgress(customers);
    out.seconds = (Date.now() - started) / 1000;
    return out;
}

const CUSTOMER_COLUMNS = [
    'id',
    'card_number',
    'phone',
    'email',
    'home_store_id',
    'purchase_count',
    'purchase_total',
    'first_purchase_at',
    'last_purchase_at',
    'card_kind',
    'enrolled_at',
    'updated_at',
];
const STAT_COLUMNS = [
    'customer_id',
    'category_id',
    'first_at',
    'last_at',
    'purchase_count',
    'total_amount',
    'recent_days',
];
const OFFER_COLUMNS = [
    'customer_id',
    'category_id',
    'kind',
    'multiplier',
    'bonus_lifetime_days',
    'starts_at',
    'ends_at',
    'status',
    'created_at',
];
