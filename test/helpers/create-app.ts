import express, { type Express } from 'express';
import type { Refill } from '../../plugin/index.js';
import { refillInternals } from '../../plugin/testing.js';

/** A fresh Express app with Refill mounted under `prefix` (express-rate-limit's create-server pattern). */
export function createApp(refill: Refill, prefix = ''): Express {
    const app = express();
    if (prefix) app.use(prefix, refill.router);
    else app.use(refill.router);
    return app;
}

/** Row counts of the tables a POS call may write, to prove a refused call wrote nothing. */
export async function tableCounts(refill: Refill): Promise<Record<string, number>> {
    const tables = [
        'refill_customers',
        'refill_customer_consents',
        'refill_purchases',
        'refill_purchase_lines',
        'refill_returns',
        'refill_bonus_lots',
        'refill_ledger_entries',
        'refill_customer_category_stats',
        'refill_offers',
    ];
    const out: Record<string, number> = {};
    for (const table of tables) {
        const [row] = await refillInternals(refill).database.all<{ n: unknown }>(
            `SELECT COUNT(*) AS n FROM ${table}`,
        );
        out[table] = Number(row.n);
    }
    return out;
}
