import type { Database } from '../../../kernel/db/database.js';
import { toDbTime } from '../../../kernel/db/db-time.js';
import { sqlDialect } from '../../../kernel/db/sql-dialect.js';
import { type Row, type SqlExecutor } from '../../../kernel/db/sql-executor.js';
import type { Customer } from '../entities/customer.entity.js';
import { numOrNull } from '../../../kernel/db/row-mappers.js';

/**
 * Per-customer, per-category rows of another module's table that a locking
 * customer read joins (the catalog's statistics): customers know neither the
 * table nor its columns, the catalog describes them.
 */
export interface CategoryRowsJoin<S> {
    /** The table; its rows have `customer_id` and `category_id` columns. */
    table: string;
    /** The columns to read beside the customer's. */
    columns: readonly string[];
    /** Maps a joined row whose columns carry `prefix`. */
    map(db: Pick<Database, 'time'>, row: Record<string, unknown>, prefix: string): S;
}

/** Contact and profile fields a POS or an import may set. */
export interface CustomerProfile {
    phone?: string | null;
    email?: string | null;
    name?: string | null;
    timezone?: string | null;
    locale?: string | null;
    telegramChatId?: string | null;
    pushToken?: string | null;
    homeStoreId?: number | null;
    cardKind?: Customer['cardKind'];
}

/** Columns the ledger and purchase flows write back after a unit of work. */
export interface CustomerState {
    balance: number;
    pending: number;
    debt: number;
    lotsDueAt: Date | null;
    purchaseCount?: number;
    purchaseTotal?: number;
    firstPurchaseAt?: Date | null;
    lastPurchaseAt?: Date | null;
    offersUntil?: Date | null;
}

const COLUMNS =
    'id, card_number, phone, email, name, timezone, home_store_id, balance, pending, debt, purchase_count, purchase_total, first_purchase_at, last_purchase_at, lots_due_at, offers_until, card_kind, locale, telegram_chat_id, push_token, enrolled_at, updated_at';

/** Reads and writes `refill_customers`; locking reads serialise all balance changes of one customer. */
export class CustomerRepository {
    constructor(private readonly db: Database) {}

    private map(row: Row): Customer {
        const db = this.db;
        return {
            id: Number(row.id),
            cardNumber: String(row.card_number),
            phone: (row.phone as string) ?? null,
            email: (row.email as string) ?? null,
            name: (row.name as string) ?? null,
            timezone: (row.timezone as string) ?? null,
            homeStoreId: numOrNull(row.home_store_id),
            balance: Number(row.balance),
            pending: Number(row.pending),
            debt: Number(row.debt),
            purchaseCount: Number(row.purchase_count),
            purchaseTotal: Number(row.purchase_total),
            firstPurchaseAt: db.timeOrNull(row.first_purchase_at),
            lastPurchaseAt: db.timeOrNull(row.last_purchase_at),
            lotsDueAt: db.timeOrNull(row.lots_due_at),
            offersUntil: db.timeOrNull(row.offers_until),
            cardKind: (row.card_kind as Customer['cardKind']) ?? 'regular',
            locale: (row.locale as string) ?? null,
            telegramChatId: (row.telegram_chat_id as string) ?? null,
            pushToken: (row.push_token as string) ?? null,
            enrolledAt: db.time(row.enrolled_at),
            updatedAt: db.time(row.updated_at),
        };
    }

    /** Finds a customer by card without locking. */
    async findByCard(exec: SqlExecutor | Database, cardNumber: string): Promise<Customer | null> {
        const rows = await exec.all(`SELECT ${COLUMNS} FROM refill_customers WHERE card_number = ?`, [
            cardNumber,
        ]);
        return rows[0] ? this.map(rows[0]) : null;
    }

    /** Finds a customer by id without locking. */
    async findById(exec: SqlExecutor | Database, id: number): Promise<Customer | null> {
        const rows = await exec.all(`SELECT ${COLUMNS} FROM refill_customers WHERE id = ?`, [id]);
        return rows[0] ? this.map(rows[0]) : null;
    }

    /** Reads and row-locks a customer for the rest of the transaction. */
    async lockByCard(tx: SqlExecutor, cardNumber: string): Promise<Customer | null> {
        const rows = await tx.all(
            `SELECT ${COLUMNS} FROM refill_customers WHERE card_number = ?${sqlDialect.forUpdate(tx.dialect)}`,
            [cardNumber],
        );
        return rows[0] ? this.map(rows[0]) : null;
    }

    /**
     * Reads and row-locks a customer together with their statistics rows for
     * the given categories, in one statement (the POS commit's first read).
     * The catalog describes its statistics rows (`stats`).
     */
    async lockByCardWithStats<S>(
        tx: SqlExecutor,
        cardNumber: string,
        categoryIds: readonly number[],
        stats: CategoryRowsJoin<S>,
    ): Promise<{ customer: Customer; stats: S[] } | null> {
        if (!categoryIds.length) {
            const customer = await this.lockByCard(tx, cardNumber);
            return customer ? { customer, stats: [] } : null;
        }
        const columns = COLUMNS.split(', ').map((c) => `c.${c}`);
        const statColumns = stats.columns.map((c) => `s.${c} AS s_${c}`);
        const rows = await tx.all(
            `SELECT ${[...columns, ...statColumns].join(', ')} FROM refill_customers c LEFT JOIN ${stats.table} s ON s.customer_id = c.id AND s.category_id IN (${sqlDialect.inList(categoryIds.length)}) WHERE c.card_number = ?${sqlDialect.forUpdate(tx.dialect)}`,
            [...categoryIds, cardNumber],
        );
        if (!rows.length) return null;
        return {
            customer: this.map(rows[0]),
            stats: rows.filter((r) => r.s_customer_id !== null).map((r) => stats.map(this.db, r, 's_')),
        };
    }

    /** Customers by id, without locking (messaging reads contacts and timezones). */
    async findByIds(exec: SqlExecutor | Database, ids: readonly number[]): Promise<Customer[]> {
        if (!ids.length) return [];
        const rows = await exec.all(
            `SELECT ${COLUMNS} FROM refill_customers WHERE id IN (${sqlDialect.inList(ids.length)})`,
            ids,
        );
        return rows.map((r) => this.map(r));
    }

    /** Ids of customers with this phone number (E.164), for STOP replies. */
    async idsByPhone(exec: SqlExecutor | Database, phone: string): Promise<number[]> {
        const rows = await exec.all(`SELECT id FROM refill_customers WHERE phone = ?`, [phone]);
        return rows.map((r) => Number(r.id));
    }

    /** Row-locks customers by id, in id order (the order every multi-customer flow uses, so no deadlocks). */
    async lockByIds(tx: SqlExecutor, ids: readonly number[]): Promise<Customer[]> {
        if (!ids.length) return [];
        const sorted = [...new Set(ids)].sort((a, b) => a - b);
        const rows = await tx.all(
            `SELECT ${COLUMNS} FROM refill_customers WHERE id IN (${sqlDialect.inList(sorted.length)}) ORDER BY id${sqlDialect.forUpdate(tx.dialect)}`,
            sorted,
        );
        return rows.map((r) => this.map(r));
    }

    /**
     * Row-locks customers by id, in id order, reading nothing else (writers
     * that only add rows for them, such as offer grants, take the same lock
     * as the ledger's write paths first).
     */
    async lockIds(tx: SqlExecutor, ids: readonly number[]): Promise<void> {
        const sorted = [...new Set(ids)].sort((a, b) => a - b);
        for (const chunk of sqlDialect.chunks(sorted))
            await tx.all(
                `SELECT id FROM refill_customers WHERE id IN (${sqlDialect.inList(chunk.length)}) ORDER BY id${sqlDialect.forUpdate(tx.dialect)}`,
                chunk,
            );
    }

    /** Enrols a card if it does not exist yet (no consents); safe under concurrency. */
    async enrolIfMissing(
        exec: SqlExecutor | Database,
        cardNumber: string,
        now: Date,
        homeStoreId: number | null,
    ): Promise<void> {
        const t = toDbTime(now);
        await exec.run(
            `${sqlDialect.insertIgnore(exec.dialect)} INTO refill_customers (card_number, home_store_id, enrolled_at, updated_at) VALUES (?, ?, ?, ?)`,
            [cardNumber, homeStoreId, t, t],
        );
    }

    /**
     * Ids of the customers with these cards (imports). With `lock`, row-locks
     * them too: only for rows the caller has just inserted, since it locks in
     * card order rather than id order.
     */
    async idsByCards(
        exec: SqlExecutor | Database,
        cards: readonly string[],
        lock = false,
    ): Promise<Map<string, number>> {
        const out = new Map<string, number>();
        for (const chunk of sqlDialect.chunks(cards)) {
            const rows = await exec.all<{ id: unknown; card_number: string }>(
                `SELECT id, card_number FROM refill_customers WHERE card_number IN (${sqlDialect.inList(chunk.length)})${lock ? sqlDialect.forUpdate(exec.dialect) : ''}`,
                chunk,
            );
            for (const r of rows) out.set(String(r.card_number), Number(r.id));
        }
        return out;
    }

    /**
     * Enrols many cards (no consents), skipping those that exist; safe under
     * concurrency (imports). Returns how many it created.
     */
    async enrolMany(
        tx: SqlExecutor,
        rows: ReadonlyArray<{ cardNumber: string; homeStoreId: number | null; enrolledAt: Date }>,
        now: Date,
    ): Promise<number> {
        const t = toDbTime(now);
        let created = 0;
        for (const chunk of sqlDialect.chunks(rows)) {
            const { affected } = await tx.run(
                `${sqlDialect.insertIgnore(tx.dialect)} INTO refill_customers (card_number, home_store_id, enrolled_at, updated_at) VALUES ${sqlDialect.valuesPlaceholders(chunk.length, 4)}`,
                chunk.flatMap((r) => [r.cardNumber, r.homeStoreId, toDbTime(r.enrolledAt), t]),
            );
            created += affected;
        }
        return created;
    }

    /**
     * Writes back whole rows of customers the caller holds locked, up to 1,000
     * a statement (imports change profiles, aggregates and balances of many
     * customers at once). `updated_at` becomes `now`.
     */
    async saveRows(tx: SqlExecutor, customers: readonly Customer[], now: Date): Promise<void> {
        const columns = COLUMNS.split(', ');
        const updated = columns.filter((c) => c !== 'id' && c !== 'card_number');
        const ins = (c: string) => sqlDialect.inserted(tx.dialect, c);
        const t = (d: Date | null) => (d ? toDbTime(d) : null);
        for (const chunk of sqlDialect.chunks(customers)) {
            await tx.run(
                `INSERT INTO refill_customers (${COLUMNS}) VALUES ${sqlDialect.valuesPlaceholders(chunk.length, columns.length)}` +
                    sqlDialect.onConflictUpdate(
                        tx.dialect,
                        ['id'],
                        Object.fromEntries(updated.map((c) => [c, ins(c)])),
                    ),
                chunk.flatMap((c) => [
                    c.id,
                    c.cardNumber,
                    c.phone,
                    c.email,
                    c.name,
                    c.timezone,
                    c.homeStoreId,
                    c.balance,
                    c.pending,
                    c.debt,
                    c.purchaseCount,
                    c.purchaseTotal,
                    t(c.firstPurchaseAt),
                    t(c.lastPurchaseAt),
                    t(c.lotsDueAt),
                    t(c.offersUntil),
                    c.cardKind,
                    c.locale,
                    c.telegramChatId,
                    c.pushToken,
                    toDbTime(c.enrolledAt),
                    toDbTime(now),
                ]),
            );
        }
    }

    /** Writes profile fields that are present in `profile`. */
    async updateProfile(tx: SqlExecutor, id: number, profile: CustomerProfile, now: Date): Promise<void> {
        const map: Record<keyof CustomerProfile, string> = {
            phone: 'phone',
            email: 'email',
            name: 'name',
            timezone: 'timezone',
            locale: 'locale',
            telegramChatId: 'telegram_chat_id',
            pushToken: 'push_token',
            homeStoreId: 'home_store_id',
            cardKind: 'card_kind',
        };
        const sets: string[] = [];
        const params: unknown[] = [];
        for (const [key, column] of Object.entries(map) as Array<[keyof CustomerProfile, string]>) {
            if (profile[key] !== undefined) {
                sets.push(`${column} = ?`);
                params.push(profile[key]);
            }
        }
        sets.push('updated_at = ?');
        params.push(toDbTime(now), id);
        await tx.run(`UPDATE refill_customers SET ${sets.join(', ')} WHERE id = ?`, params);
    }

    /** Records the latest end of the customer's active offers (see {@link Customer.offersUntil}). */
    async setOffersUntil(tx: SqlExecutor, id: number, until: Date | null): Promise<void> {
        await tx.run(`UPDATE refill_customers SET offers_until = ? WHERE id = ?`, [
            until ? toDbTime(until) : null,
            id,
        ]);
    }

    /**
     * Moves `offers_until` of many customers forward to `until` where it is
     * earlier (one atomic statement, safe beside a concurrent till commit).
     */
    async extendOffersUntil(tx: SqlExecutor, ids: readonly number[], until: Date): Promise<void> {
        const t = toDbTime(until);
        for (const chunk of sqlDialect.chunks(ids))
            await tx.run(
                `UPDATE refill_customers SET offers_until = CASE WHEN offers_until IS NULL OR offers_until < ? THEN ? ELSE offers_until END WHERE id IN (${sqlDialect.inList(chunk.length)})`,
                [t, t, ...chunk],
            );
    }

    /** Writes back the balances of many customers in one statement (batch jobs). */
    async saveBalances(
        tx: SqlExecutor,
        states: ReadonlyArray<{ id: number; state: CustomerState }>,
        now: Date,
    ): Promise<void> {
        if (!states.length) return;
        const column = (pick: (s: CustomerState) => unknown) => ({
            sql: `CASE id ${states.map(() => 'WHEN ? THEN ?').join(' ')} END`,
            params: states.flatMap(({ id, state }) => [id, pick(state)]),
        });
        const balance = column((s) => s.balance);
        const pending = column((s) => s.pending);
        const debt = column((s) => s.debt);
        const due = column((s) => (s.lotsDueAt ? toDbTime(s.lotsDueAt) : null));
        await tx.run(
            `UPDATE refill_customers SET balance = ${balance.sql}, pending = ${pending.sql}, debt = ${debt.sql}, lots_due_at = ${due.sql}, updated_at = ? WHERE id IN (${sqlDialect.inList(states.length)})`,
            [
                ...balance.params,
                ...pending.params,
                ...debt.params,
                ...due.params,
                toDbTime(now),
                ...states.map((s) => s.id),
            ],
        );
    }

    /** Writes back balances and purchase aggregates computed in a unit of work. */
    async saveState(tx: SqlExecutor, id: number, state: CustomerState, now: Date): Promise<void> {
        const sets = ['balance = ?', 'pending = ?', 'debt = ?', 'lots_due_at = ?', 'updated_at = ?'];
        const params: unknown[] = [
            state.balance,
            state.pending,
            state.debt,
            state.lotsDueAt ? toDbTime(state.lotsDueAt) : null,
            toDbTime(now),
        ];
        const optional: Array<[keyof CustomerState, string]> = [
            ['purchaseCount', 'purchase_count'],
            ['purchaseTotal', 'purchase_total'],
            ['firstPurchaseAt', 'first_purchase_at'],
            ['lastPurchaseAt', 'last_purchase_at'],
            ['offersUntil', 'offers_until'],
        ];
        for (const [key, column] of optional) {
            const value = state[key];
            if (value === undefined) continue;
            sets.push(`${column} = ?`);
            params.push(value instanceof Date ? toDbTime(value) : value);
        }
        params.push(id);
        await tx.run(`UPDATE refill_customers SET ${sets.join(', ')} WHERE id = ?`, params);
    }
}
