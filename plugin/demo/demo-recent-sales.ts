import type { Refill } from '../refill.js';
import { refillInternals } from '../refill-internals.js';
import { demoProducts } from './demo-catalog.js';
import { DemoRandom } from './demo-random.js';

/** How a demo chain's recent weeks at the tills are drawn. */
export interface DemoRecentSalesOptions {
    /** Sales to make. */
    sales: number;
    /** Days back the first sale may be dated (kept inside `pos.maxBackdateDays`). */
    days: number;
    /** Seed of the draw: the same seed makes the same sales. */
    seed: number;
}

const MS_PER_HOUR = 3_600_000;

/**
 * The last weeks at the demo chain's tills: sales through the same hooks the
 * tills' API uses (dated by the till, as far back as `pos.maxBackdateDays`
 * allows), a third of them spending bonuses. The imported history brings
 * opening balances and earns nothing, so without these the dashboard's
 * accrual and redemption chart and the customer cards' ledgers would show no
 * live movement on the first start. Receipt ids are fixed by the seed, so a
 * rerun replays instead of selling twice. Returns the sales made.
 */
export async function seedRecentSales(refill: Refill, options: DemoRecentSalesOptions): Promise<number> {
    const { database, services, config, clock } = refillInternals(refill);
    const rng = new DemoRandom(options.seed);
    const now = clock().getTime();
    const days = Math.max(0, Math.min(options.days, config.pos.maxBackdateDays - 1));
    const cards = (
        await database.all<{ card_number: string }>(
            'SELECT card_number FROM refill_customers ORDER BY id LIMIT ?',
            [Math.max(1, Math.ceil(options.sales / 2))],
        )
    ).map((r) => String(r.card_number));
    const stores = (await services.stores.list()).map((s) => s.code);
    const products = demoProducts();
    if (cards.length === 0 || stores.length === 0) return 0;

    // Oldest first, so every sale finds the bonuses of the ones before it.
    const when = Array.from({ length: options.sales }, () => {
        const dayStart = now - rng.int(0, days) * 24 * MS_PER_HOUR;
        return Math.min(now - 60_000, dayStart - rng.between(0, 10) * MS_PER_HOUR);
    }).sort((a, b) => a - b);

    let made = 0;
    for (const [index, at] of when.entries()) {
        const cardNumber = rng.pick(cards);
        const lines = Array.from({ length: rng.int(1, 3) }, () => {
            const product = rng.popular(products);
            const quantity = rng.int(1, 2);
            return {
                sku: product.sku,
                name: product.name,
                atc: product.atc,
                quantity,
                amount: product.price * quantity,
            };
        });
        let redeem = 0;
        if (rng.chance(1 / 3)) {
            const preview = await refill.hooks.preview({ cardNumber, lines });
            redeem = Math.floor(preview.maxRedeemable / 2);
        }
        await refill.hooks.commitPurchase({
            receiptId: `DEMO-LIVE-${options.seed}-${index + 1}`,
            cardNumber,
            storeCode: rng.pick(stores),
            purchasedAt: new Date(at),
            lines,
            redeem,
        });
        made++;
    }
    return made;
}
