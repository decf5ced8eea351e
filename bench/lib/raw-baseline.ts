/**
 * The raw limit: the rows one Refill commit writes, written with
 * hand-written SQL straight through the drivers, one statement per round
 * trip, one transaction per receipt:
 *
 *   update the customer's cached balance row (takes its row lock first),
 *   insert 1 purchase row (unique receipt id, stored response and hash),
 *   insert the 3 line rows (one multi-row statement, as Refill does),
 *   insert 1 bonus lot, insert 1 ledger entry,
 *   upsert 1 per-customer-category statistics row.
 *
 * With `withReads` it also does the two reads Refill's commit needs (the
 * customer row by card with `FOR UPDATE`, the statistics row), so the gap
 * between the two raw variants is the price of those round trips alone.
 */
import { createHash } from 'node:crypto';
import { setImmediate as immediate } from 'node:timers/promises';
import Sqlite from 'better-sqlite3';
import mysql from 'mysql2/promise';
import { BENCH_CATEGORIES, cardNumber, type BenchReceipt } from './workload.js';
import { MS_PER_DAY as DAY_MS } from '../../plugin/kernel/units/time.js';

/** Where the raw rows go. */
export interface RawTarget {
    storeId: number;
    storeCode: string;
    /** Category ids in {@link BENCH_CATEGORIES} order. */
    categoryIds: number[];
    /** Also do Refill's two reads per receipt. */
    withReads: boolean;
}

/** Commits receipts with hand-written SQL. */
export interface RawWriter {
    /** Commits one receipt on client `client`'s connection. */
    commit(client: number, receipt: BenchReceipt): Promise<void>;
    /** Deadlocks retried so far. */
    readonly retries: number;
    close(): Promise<void>;
}

const BASE_RATE_BP = 300;

const LINE_COLUMNS =
    'purchase_id, line_no, sku, name, atc, category_id, quantity_milli, amount, redeemed, earned, offer_earned, returned_quantity_milli, returned_amount, reversed_earned, refunded_redeemed';
const CUSTOMER_COLUMNS =
    'id, card_number, phone, email, name, timezone, home_store_id, balance, pending, debt, purchase_count, purchase_total, first_purchase_at, last_purchase_at, lots_due_at, offers_until, enrolled_at, updated_at';

const SQL = {
    lockCustomer: (forUpdate: string) =>
        `SELECT ${CUSTOMER_COLUMNS} FROM refill_customers WHERE card_number = ?${forUpdate}`,
    readStats:
        'SELECT customer_id, category_id, first_at, last_at, purchase_count, total_amount, recent_days FROM refill_customer_category_stats WHERE (customer_id = ? AND category_id = ?)',
    updateCustomer:
        'UPDATE refill_customers SET balance = balance + ?, purchase_count = purchase_count + 1, purchase_total = purchase_total + ?, first_purchase_at = COALESCE(first_purchase_at, ?), last_purchase_at = ?, lots_due_at = COALESCE(lots_due_at, ?), updated_at = ? WHERE id = ?',
    insertPurchase:
        'INSERT INTO refill_purchases (receipt_id, customer_id, store_id, purchased_at, total_amount, redeemed, earned, source, request_hash, response, created_at) VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?)',
    insertLines: `INSERT INTO refill_purchase_lines (${LINE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, 0, 0, 0, 0, 0), (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, 0, 0, 0, 0, 0), (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, 0, 0, 0, 0, 0)`,
    insertLot:
        "INSERT INTO refill_bonus_lots (customer_id, kind, amount, remaining, state, active_from, expires_at, purchase_id, return_id, offer_id, created_at) VALUES (?, 'accrual', ?, ?, 'active', ?, ?, ?, NULL, NULL, ?)",
    insertEntry:
        "INSERT INTO refill_ledger_entries (customer_id, kind, amount, debt_change, lot_id, purchase_id, return_id, offer_id, reason, author, idempotency_key, created_at) VALUES (?, 'accrual', ?, 0, ?, ?, NULL, NULL, NULL, NULL, NULL, ?)",
    upsertStats: (dialect: 'mysql' | 'sqlite') =>
        'INSERT INTO refill_customer_category_stats (customer_id, category_id, first_at, last_at, purchase_count, total_amount, recent_days) VALUES (?, ?, ?, ?, 1, ?, ?)' +
        (dialect === 'mysql'
            ? ' ON DUPLICATE KEY UPDATE last_at = VALUES(last_at), purchase_count = purchase_count + 1, total_amount = total_amount + VALUES(total_amount), recent_days = VALUES(recent_days)'
            : ' ON CONFLICT (customer_id, category_id) DO UPDATE SET last_at = excluded.last_at, purchase_count = purchase_count + 1, total_amount = total_amount + excluded.total_amount, recent_days = excluded.recent_days'),
};

/** The values of one receipt's rows, computed in the app as Refill does. */
interface ReceiptRows {
    customerId: number;
    categoryId: number;
    now: string;
    expires: string;
    earned: number;
    lineEarned: number[];
    hash: string;
    response: string;
    recentDays: string;
}

function rowsOf(receipt: BenchReceipt, target: RawTarget): ReceiptRows {
    const at = new Date();
    const now = dbTime(at);
    const lineEarned = receipt.lines.map((l) => Math.floor((l.amount * BASE_RATE_BP) / 10_000));
    const earned = lineEarned.reduce((s, e) => s + e, 0);
    const category = BENCH_CATEGORIES[receipt.category].code;
    const purchasedAt = at.toISOString();
    const hash = createHash('sha256')
        .update(
            JSON.stringify({
                receiptId: receipt.receiptId,
                card: cardNumber(receipt.customer),
                purchasedAt,
                lines: receipt.lines,
            }),
        )
        .digest('hex');
    // A stored response of the same shape and size as Refill's.
    const response = JSON.stringify({
        receiptId: receipt.receiptId,
        storeCode: target.storeCode,
        purchasedAt,
        enrolled: false,
        total: receipt.total,
        redeemed: 0,
        earned,
        lines: receipt.lines.map((l, i) => ({
            lineNo: i + 1,
            sku: l.sku,
            category,
            amount: l.amount,
            redeemed: 0,
            earned: lineEarned[i],
            offerEarned: 0,
            reason: 'base',
        })),
        offers: [],
        balance: { available: earned, pending: 0, debt: 0 },
    });
    return {
        customerId: receipt.customer,
        categoryId: target.categoryIds[receipt.category],
        now,
        expires: dbTime(new Date(at.getTime() + 365 * DAY_MS)),
        earned,
        lineEarned,
        hash,
        response,
        recentDays: String(Math.floor(at.getTime() / DAY_MS)),
    };
}

function lineParams(receipt: BenchReceipt, rows: ReceiptRows, purchaseId: number): unknown[] {
    return receipt.lines.flatMap((l, i) => [
        purchaseId,
        i + 1,
        l.sku,
        l.name,
        l.atc,
        rows.categoryId,
        Math.round(l.quantity * 1000),
        l.amount,
        rows.lineEarned[i],
    ]);
}

/** mysql2: a pool of `connections` connections, one held by each client. */
export async function openMysqlRaw(url: string, connections: number, target: RawTarget): Promise<RawWriter> {
    const pool = mysql.createPool({
        uri: url,
        connectionLimit: connections,
        maxIdle: connections,
        timezone: 'Z',
        supportBigNumbers: true,
        charset: 'utf8mb4_unicode_ci',
    });
    const held = await Promise.all(Array.from({ length: connections }, () => pool.getConnection()));
    const upsertStats = SQL.upsertStats('mysql');
    const lockCustomer = SQL.lockCustomer(' FOR UPDATE');
    let retries = 0;

    const once = async (conn: mysql.PoolConnection, receipt: BenchReceipt) => {
        const r = rowsOf(receipt, target);
        await conn.query('START TRANSACTION');
        try {
            if (target.withReads) {
                await conn.query(lockCustomer, [cardNumber(receipt.customer)]);
                await conn.query(SQL.readStats, [r.customerId, r.categoryId]);
            }
            await conn.query(SQL.updateCustomer, [
                r.earned,
                receipt.total,
                r.now,
                r.now,
                r.expires,
                r.now,
                r.customerId,
            ]);
            const [purchase] = await conn.query<mysql.ResultSetHeader>(SQL.insertPurchase, [
                receipt.receiptId,
                r.customerId,
                target.storeId,
                r.now,
                receipt.total,
                r.earned,
                'pos',
                r.hash,
                r.response,
                r.now,
            ]);
            await conn.query(SQL.insertLines, lineParams(receipt, r, purchase.insertId));
            const [lot] = await conn.query<mysql.ResultSetHeader>(SQL.insertLot, [
                r.customerId,
                r.earned,
                r.earned,
                r.now,
                r.expires,
                purchase.insertId,
                r.now,
            ]);
            await conn.query(SQL.insertEntry, [
                r.customerId,
                r.earned,
                lot.insertId,
                purchase.insertId,
                r.now,
            ]);
            await conn.query(upsertStats, [
                r.customerId,
                r.categoryId,
                r.now,
                r.now,
                receipt.total,
                r.recentDays,
            ]);
            await conn.query('COMMIT');
        } catch (error) {
            await conn.query('ROLLBACK').catch(() => undefined);
            throw error;
        }
    };

    return {
        get retries() {
            return retries;
        },
        async commit(client, receipt) {
            for (let attempt = 0; ; attempt++) {
                try {
                    return await once(held[client], receipt);
                } catch (error) {
                    const code = (error as { code?: string }).code;
                    if (attempt >= 4 || (code !== 'ER_LOCK_DEADLOCK' && code !== 'ER_LOCK_WAIT_TIMEOUT'))
                        throw error;
                    retries++;
                }
            }
        },
        async close() {
            for (const conn of held) conn.release();
            await pool.end();
        },
    };
}

/**
 * better-sqlite3: one connection (WAL, synchronous=NORMAL, foreign keys on:
 * as Refill opens it), prepared statements, `BEGIN IMMEDIATE` per receipt. The clients take
 * turns on the connection; a receipt's latency includes its wait for the turn.
 */
export function openSqliteRaw(file: string, target: RawTarget): RawWriter {
    const db = new Sqlite(file, { timeout: 10_000 });
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    const stmt = {
        lockCustomer: db.prepare(SQL.lockCustomer('')),
        readStats: db.prepare(SQL.readStats),
        updateCustomer: db.prepare(SQL.updateCustomer),
        insertPurchase: db.prepare(SQL.insertPurchase),
        insertLines: db.prepare(SQL.insertLines),
        insertLot: db.prepare(SQL.insertLot),
        insertEntry: db.prepare(SQL.insertEntry),
        upsertStats: db.prepare(SQL.upsertStats('sqlite')),
    };
    const commit = db.transaction((receipt: BenchReceipt) => {
        const r = rowsOf(receipt, target);
        if (target.withReads) {
            stmt.lockCustomer.get(cardNumber(receipt.customer));
            stmt.readStats.get(r.customerId, r.categoryId);
        }
        stmt.updateCustomer.run(r.earned, receipt.total, r.now, r.now, r.expires, r.now, r.customerId);
        const purchaseId = Number(
            stmt.insertPurchase.run(
                receipt.receiptId,
                r.customerId,
                target.storeId,
                r.now,
                receipt.total,
                r.earned,
                'pos',
                r.hash,
                r.response,
                r.now,
            ).lastInsertRowid,
        );
        stmt.insertLines.run(...lineParams(receipt, r, purchaseId));
        const lotId = Number(
            stmt.insertLot.run(r.customerId, r.earned, r.earned, r.now, r.expires, purchaseId, r.now)
                .lastInsertRowid,
        );
        stmt.insertEntry.run(r.customerId, r.earned, lotId, purchaseId, r.now);
        stmt.upsertStats.run(r.customerId, r.categoryId, r.now, r.now, receipt.total, r.recentDays);
    });
    return {
        retries: 0,
        async commit(_client, receipt) {
            // Queue behind the other clients, as requests queue for Refill's one connection.
            await immediate();
            commit.immediate(receipt);
        },
        async close() {
            db.close();
        },
    };
}

function dbTime(date: Date): string {
    return date.toISOString().replace('T', ' ').slice(0, 23);
}
