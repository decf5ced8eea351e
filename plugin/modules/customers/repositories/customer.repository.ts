import type { Database } from '../../../kernel/db/database.js';
import { toDbTime } from '../../../kernel/db/db-time.js';
import { sqlDialect } from '../../../kernel/db/sql-dialect.js';
import type { EntityRowMapper } from '../../../kernel/db/entity-row.mapper.js';
import { type Row, type SqlExecutor } from '../../../kernel/db/sql-executor.js';
import { CustomerEntity, type Customer } from '../entities/customer.entity.js';
import { nameSearchKey } from '../rules/customer-query.rules.js';

/**
 * Per-customer, per-category rows of another module's table that a locking
 * customer read joins (the catalog's statistics): customers know neither the
 * table nor its columns, the catalog describes them.
 */
export interface CategoryRowsJoin<S> {
    /** The table; its rows have `customer_id` and `category_id` columns. */
    table: string;
    /** The columns to read beside the customer's, qualified with `alias` and aliased with `prefix`. */
    select(db: Database, alias: string, prefix: string): string;
    /** Maps a joined row whose columns carry `prefix`. */
    map(db: Database, row: Row, prefix: string): S;
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
    /** `YYYY-MM-DD`; null clears. */
    birthDate?: string | null;
    cardForm?: Customer['cardForm'];
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

/** The profile fields, in the order an update sets them. */
const PROFILE_FIELDS = [
    'phone',
    'email',
    'name',
    'timezone',
    'locale',
    'telegramChatId',
    'pushToken',
    'homeStoreId',
    'cardKind',
    'birthDate',
    'cardForm',
] as const satisfies ReadonlyArray<keyof CustomerProfile>;

/** The search key stored beside a name (null without one). */
const searchKeyOf = (name: string | null | undefined): string | null => (name ? nameSearchKey(name) : null);

/** The state fields a unit of work always writes back (with `updatedAt`). */
const BALANCE_FIELDS = ['balance', 'pending', 'debt', 'lotsDueAt', 'updatedAt'] as const;
/** The purchase aggregates and offer end a unit of work writes back when it changed them. */
const AGGREGATE_FIELDS = [
    'purchaseCount',
    'purchaseTotal',
    'firstPurchaseAt',
    'lastPurchaseAt',
    'offersUntil',
] as const satisfies ReadonlyArray<keyof CustomerState>;
/** What enrolling a card sets (the rest keeps its default). */
const ENROL_FIELDS = ['cardNumber', 'homeStoreId', 'enrolledAt', 'updatedAt'] as const;

/** Reads and writes `refill_customers`; locking reads serialise all balance changes of one customer. */
export class CustomerRepository {
    private readonly customers: EntityRowMapper<Customer>;

    constructor(private readonly db: Database) {
        this.customers = db.rows(CustomerEntity);
    }

    /** Finds a customer by card without locking. */
    async findByCard(exec: SqlExecutor | Database, cardNumber: string): Promise<Customer | null> {
        const rows = await exec.all(
            `SELECT ${this.customers.columns} FROM refill_customers WHERE card_number = ?`,
            [cardNumber],
        );
        return rows[0] ? this.customers.fromRow(rows[0]) : null;
    }

    /** Finds a customer by id without locking. */
    async findById(exec: SqlExecutor | Database, id: number): Promise<Customer | null> {
        const rows = await exec.all(`SELECT ${this.customers.columns} FROM refill_customers WHERE id = ?`, [
            id,
        ]);
        return rows[0] ? this.customers.fromRow(rows[0]) : null;
    }

    /** Reads and row-locks a customer for the rest of the transaction. */
    async lockByCard(tx: SqlExecutor, cardNumber: string): Promise<Customer | null> {
        const rows = await tx.all(
            `SELECT ${this.customers.columns} FROM refill_customers WHERE card_number = ?${sqlDialect.forUpdate(tx.dialect)}`,
            [cardNumber],
        );
        return rows[0] ? this.customers.fromRow(rows[0]) : null;
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
        // Hand-written: one locking read of the customer and the joined rows (FOR UPDATE).
        const rows = await tx.all(
            `SELECT ${this.customers.select('c')}, ${stats.select(this.db, 's', 's_')} FROM refill_customers c LEFT JOIN ${stats.table} s ON s.customer_id = c.id AND s.category_id IN (${sqlDialect.inList(categoryIds.length)}) WHERE c.card_number = ?${sqlDialect.forUpdate(tx.dialect)}`,
            [...categoryIds, cardNumber],
        );
        if (!rows.length) return null;
        return {
            customer: this.customers.fromRow(rows[0]),
            stats: rows.filter((r) => r.s_customer_id !== null).map((r) => stats.map(this.db, r, 's_')),
        };
    }

    /** Customers by id, without locking (messaging reads contacts and timezones). */
    async findByIds(exec: SqlExecutor | Database, ids: readonly number[]): Promise<Customer[]> {
        if (!ids.length) return [];
        const rows = await exec.all(
            `SELECT ${this.customers.columns} FROM refill_customers WHERE id IN (${sqlDialect.inList(ids.length)})`,
            ids,
        );
        return rows.map((r) => this.customers.fromRow(r));
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
            `SELECT ${this.customers.columns} FROM refill_customers WHERE id IN (${sqlDialect.inList(sorted.length)}) ORDER BY id${sqlDialect.forUpdate(tx.dialect)}`,
            sorted,
        );
        return rows.map((r) => this.customers.fromRow(r));
    }

    /**
     * Row-locks customers by id, in id order, reading nothing else (writers
     * that only add rows for them, such as offer grants, take the same lock
     * as the ledger's write paths first).
     */
    async lockIds(tx: SqlExecutor, ids: readonly number[]): Promise<void> {
        const sorted = [...new Set(ids)].sort((a, b) => a - b);
        // Hand-written: a lock (FOR UPDATE) that reads nothing.
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
        const shape = this.customers.pick(ENROL_FIELDS);
        await exec.run(
            shape.insert(1, sqlDialect.insertIgnore(exec.dialect)),
            shape.values({ cardNumber, homeStoreId, enrolledAt: now, updatedAt: now }),
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
        const shape = this.customers.pick(ENROL_FIELDS);
        let created = 0;
        for (const chunk of sqlDialect.chunks(rows)) {
            const { affected } = await tx.run(
                shape.insert(chunk.length, sqlDialect.insertIgnore(tx.dialect)),
                shape.valuesOf(chunk.map((r) => ({ ...r, updatedAt: now }))),
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
        const shape = this.customers.all;
        const ins = (c: string) => sqlDialect.inserted(tx.dialect, c);
        // Hand-written upsert: every column but the keys takes the new value.
        const update = sqlDialect.onConflictUpdate(
            tx.dialect,
            ['id'],
            Object.fromEntries(
                shape.columnNames.filter((c) => c !== 'id' && c !== 'card_number').map((c) => [c, ins(c)]),
            ),
        );
        for (const chunk of sqlDialect.chunks(customers))
            await tx.run(
                shape.insert(chunk.length) + update,
                shape.valuesOf(chunk.map((c) => ({ ...c, nameSearch: searchKeyOf(c.name), updatedAt: now }))),
            );
    }

    /** The customers with this email address (as stored, compared without case). */
    async idsByEmail(exec: SqlExecutor | Database, email: string): Promise<number[]> {
        const rows = await exec.all<{ id: unknown }>('SELECT id FROM refill_customers WHERE email = ?', [
            email.trim().toLowerCase(),
        ]);
        return rows.map((r) => Number(r.id));
    }

    /**
     * Records that a contact cannot be reached: Telegram's "bot was blocked by
     * the user" (`telegram`) or an email hard bounce (`email`). Kept when
     * already recorded; cleared when the chat id or the address changes.
     */
    async markUnreachable(
        exec: SqlExecutor | Database,
        customerIds: readonly number[],
        contact: 'telegram' | 'email',
        now: Date,
    ): Promise<void> {
        const column = contact === 'telegram' ? 'telegram_blocked_at' : 'email_undeliverable_at';
        for (const chunk of sqlDialect.chunks(customerIds))
            if (chunk.length)
                await exec.run(
                    `UPDATE refill_customers SET ${column} = ? WHERE ${column} IS NULL AND id IN (${sqlDialect.inList(chunk.length)})`,
                    [now, ...chunk],
                );
    }

    /**
     * Writes profile fields that are present in `profile` (a name with its
     * search key); a new Telegram chat id or email address clears its
     * "unreachable" mark.
     */
    async updateProfile(tx: SqlExecutor, id: number, profile: CustomerProfile, now: Date): Promise<void> {
        if (profile.telegramChatId !== undefined)
            await tx.run(
                'UPDATE refill_customers SET telegram_blocked_at = NULL WHERE id = ? AND (telegram_chat_id IS NULL OR telegram_chat_id <> ?)',
                [id, profile.telegramChatId ?? ''],
            );
        if (profile.email !== undefined)
            await tx.run(
                'UPDATE refill_customers SET email_undeliverable_at = NULL WHERE id = ? AND (email IS NULL OR email <> ?)',
                [id, profile.email ?? ''],
            );
        const nameSearch = profile.name === undefined ? undefined : searchKeyOf(profile.name);
        const { sets, params } = this.customers.assignments({ ...profile, nameSearch, updatedAt: now }, [
            ...PROFILE_FIELDS,
            'nameSearch',
            'updatedAt',
        ]);
        await tx.run(`UPDATE refill_customers SET ${sets.join(', ')} WHERE id = ?`, [...params, id]);
    }

    /**
     * Whether the card was replaced by another at the store desk (it is then
     * no customer's card, and never enrolled again). Read right after a
     * locking read of the card found nothing: the replacement committed with
     * the move of the card, so the reader sees both or neither.
     */
    async isReplacedCard(exec: SqlExecutor | Database, cardNumber: string): Promise<boolean> {
        const rows = await exec.all(
            `SELECT 1 AS found FROM refill_card_replacements WHERE old_card_number = ?`,
            [cardNumber],
        );
        return rows.length > 0;
    }

    /** Which of these cards were replaced at the store desk (imports leave their records out). */
    async replacedCards(exec: SqlExecutor | Database, cards: readonly string[]): Promise<Set<string>> {
        const out = new Set<string>();
        for (const chunk of sqlDialect.chunks(cards)) {
            const rows = await exec.all<{ old_card_number: string }>(
                `SELECT old_card_number FROM refill_card_replacements WHERE old_card_number IN (${sqlDialect.inList(chunk.length)})`,
                chunk,
            );
            for (const r of rows) out.add(String(r.old_card_number));
        }
        return out;
    }

    /** Blocks (with the moment and reason) or unblocks (nulls) a card the caller holds locked. */
    async setBlock(
        tx: SqlExecutor,
        id: number,
        block: { at: Date; reason: string } | null,
        now: Date,
    ): Promise<void> {
        const { sets, params } = this.customers.assignments(
            { blockedAt: block?.at ?? null, blockReason: block?.reason ?? null, updatedAt: now },
            ['blockedAt', 'blockReason', 'updatedAt'],
        );
        await tx.run(`UPDATE refill_customers SET ${sets.join(', ')} WHERE id = ?`, [...params, id]);
    }

    /**
     * Moves a customer the caller holds locked to another card number (their
     * balance, lots and history stay on the customer id). A card another
     * customer holds fails on the unique card index.
     */
    async changeCard(tx: SqlExecutor, id: number, cardNumber: string, now: Date): Promise<void> {
        const { sets, params } = this.customers.assignments({ cardNumber, updatedAt: now }, [
            'cardNumber',
            'updatedAt',
        ]);
        await tx.run(`UPDATE refill_customers SET ${sets.join(', ')} WHERE id = ?`, [...params, id]);
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
        // Hand-written: a conditional update, atomic beside a till commit.
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
        // Hand-written: one statement for many rows, a CASE per column.
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
        const always = this.customers.assignments({ ...state, updatedAt: now }, BALANCE_FIELDS);
        const changed = this.customers.assignments(state, AGGREGATE_FIELDS);
        const sets = [...always.sets, ...changed.sets];
        const params = [...always.params, ...changed.params];
        params.push(id);
        await tx.run(`UPDATE refill_customers SET ${sets.join(', ')} WHERE id = ?`, params);
    }
}
