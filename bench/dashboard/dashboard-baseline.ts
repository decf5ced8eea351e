import { DateTime } from 'luxon';
import type { Refill } from '../../plugin/index.js';
import { toDbTime } from '../../plugin/kernel/db/db-time.js';
import { MS_PER_DAY } from '../../plugin/kernel/units/time.js';
import { refillInternals } from '../../plugin/testing.js';

/** The figures both sides compute, for the check that they agree. */
export interface DashboardFigures {
    members: { total: number; active30d: number; newThisMonth: number };
    liability: { outstanding: number; burnsNext30d: number };
    bonusFlow: Array<{ day: string; accrued: number; redeemed: number }>;
    receipts: Array<{ day: string; storeId: number; receipts: number; revenue: number }>;
}

const num = (v: unknown) => Number(v ?? 0);

/**
 * The hand-written baseline: the dashboard's figures straight from the raw
 * tables, the way one would write them without pre-aggregation — one scan
 * of the customers (members, active, balances, new this month), the lots'
 * expiry index (burns), and the sales and returns grouped by local day
 * (the chain's offset at `now`: Moscow has no daylight saving) and store.
 * Messages and jobs are read the same way on both sides and left out.
 */
export async function baselineFigures(refill: Refill, now: Date): Promise<DashboardFigures> {
    const { database: db, config } = refillInternals(refill);
    const local = DateTime.fromJSDate(now, { zone: config.timezone });
    const offset = local.offset;
    const day = (column: string) =>
        db.dialect === 'mysql'
            ? `DATE_FORMAT(${column} + INTERVAL ${offset} MINUTE, '%Y-%m-%d')`
            : `date(${column}, '+${offset} minutes')`;
    const today = local.startOf('day');
    const flowFrom = today.minus({ days: 89 });
    const receiptsFrom = today.minus({ days: 29 });
    const t = (d: DateTime | Date) => toDbTime(d instanceof Date ? d : d.toJSDate());
    const [[members], [burns], flow, receipts] = await Promise.all([
        db.all<Record<string, unknown>>(
            `SELECT COUNT(*) AS total, SUM(CASE WHEN last_purchase_at >= ? THEN 1 ELSE 0 END) AS active,
                    SUM(CASE WHEN enrolled_at >= ? THEN 1 ELSE 0 END) AS fresh, SUM(balance + pending) AS owed
             FROM refill_customers`,
            [t(new Date(now.getTime() - 30 * MS_PER_DAY)), t(today.startOf('month'))],
        ),
        db.all<Record<string, unknown>>(
            `SELECT SUM(remaining) AS burns FROM refill_bonus_lots
             WHERE state IN ('pending', 'active') AND expires_at >= ? AND expires_at < ?`,
            [t(now), t(new Date(now.getTime() + 30 * MS_PER_DAY))],
        ),
        db.all<Record<string, unknown>>(
            `SELECT ${day('purchased_at')} AS day, SUM(earned) AS accrued, SUM(redeemed) AS redeemed
             FROM refill_purchases WHERE purchased_at >= ? GROUP BY day ORDER BY day`,
            [t(flowFrom)],
        ),
        db.all<Record<string, unknown>>(
            `SELECT ${day('purchased_at')} AS day, store_id, COUNT(*) AS receipts, SUM(total_amount) AS revenue
             FROM refill_purchases WHERE purchased_at >= ? GROUP BY day, store_id ORDER BY day, store_id`,
            [t(receiptsFrom)],
        ),
    ]);
    return {
        members: {
            total: num(members.total),
            active30d: num(members.active),
            newThisMonth: num(members.fresh),
        },
        liability: { outstanding: num(members.owed), burnsNext30d: num(burns.burns) },
        bonusFlow: flow.map((r) => ({
            day: String(r.day),
            accrued: num(r.accrued),
            redeemed: num(r.redeemed),
        })),
        receipts: receipts.map((r) => ({
            day: String(r.day),
            storeId: num(r.store_id),
            receipts: num(r.receipts),
            revenue: num(r.revenue),
        })),
    };
}
