import type { Database } from '../../../kernel/db/database.js';
import type { EntityRowMapper } from '../../../kernel/db/entity-row.mapper.js';
import { sqlDialect } from '../../../kernel/db/sql-dialect.js';
import type { Row } from '../../../kernel/db/sql-executor.js';
import { CustomerEntity, type Customer } from '../entities/customer.entity.js';
import type { CustomerQuery } from '../rules/customer-query.rules.js';

/** A customer found, with their home store's code and name. */
export interface FoundCustomer {
    customer: Customer;
    homeStore: { id: number; code: string; name: string } | null;
}

/**
 * Where a page of a search starts: after the customer with this id (exact
 * look-ups go up by id, the newest customers down), or after this name key
 * and id (names go up by key, then id).
 */
export type SearchAfter = { id: number } | { nameSearch: string; id: number };

/**
 * The store desk's customer search on `refill_customers`, each kind of
 * search one index range read in the order it pages in: card
 * (`UQ_refill_customers_card`), phone (`IDX_refill_customers_phone`),
 * e-mail (`IDX_refill_customers_email`), the start of a name
 * (`IDX_refill_customers_name_search`), the newest customers (the primary key).
 */
export class CustomerSearchQuery {
    private readonly customers: EntityRowMapper<Customer>;

    constructor(private readonly db: Database) {
        this.customers = db.rows(CustomerEntity);
    }

    /** Up to `limit` customers matching `query` after `after` (callers ask one more to learn of a next page). */
    async search(query: CustomerQuery, after: SearchAfter | null, limit: number): Promise<FoundCustomer[]> {
        const n = Math.floor(limit);
        switch (query.kind) {
            case 'recent':
                return this.read(after ? 'c.id < ?' : '1 = 1', after ? [after.id] : [], 'c.id DESC', n);
            case 'name':
                return this.byName(query.prefix, after, n);
            case 'email':
                return this.exact([['email', query.email]], after, n);
            case 'phone':
                return this.exact([['phone', query.phone]], after, n);
            case 'card':
                return this.exact([['card_number', query.card]], after, n);
            case 'cardOrPhone':
                return this.exact(
                    [['card_number', query.card], ...(query.phone ? [['phone', query.phone] as const] : [])],
                    after,
                    n,
                );
        }
    }

    /** One customer by card, or by id, with their home store. */
    async one(by: { card: string } | { id: number }): Promise<FoundCustomer | null> {
        const [found] =
            'card' in by
                ? await this.read('c.card_number = ?', [by.card], 'c.id', 1)
                : await this.read('c.id = ?', [by.id], 'c.id', 1);
        return found ?? null;
    }

    /** Exact matches on indexed columns, one range read each, merged in id order. */
    private async exact(
        matches: ReadonlyArray<readonly [string, string]>,
        after: SearchAfter | null,
        limit: number,
    ): Promise<FoundCustomer[]> {
        const byId = new Map<number, FoundCustomer>();
        for (const [column, value] of matches)
            for (const found of await this.read(
                `c.${column} = ? AND c.id > ?`,
                [value, after?.id ?? 0],
                'c.id',
                limit,
            ))
                byId.set(found.customer.id, found);
        return [...byId.values()].sort((a, b) => a.customer.id - b.customer.id).slice(0, limit);
    }

    /** Names starting with `prefix` (a search key), by key then id. */
    private byName(prefix: string, after: SearchAfter | null, limit: number): Promise<FoundCustomer[]> {
        const starts = sqlDialect.startsWith(this.db.dialect, 'c.name_search', prefix);
        if (!after || !('nameSearch' in after))
            return this.read(starts.sql, starts.params, 'c.name_search, c.id', limit);
        // The range starts at the last key shown; of the customers with that key, those after the last id.
        return this.read(
            `${starts.sql} AND c.name_search >= ? AND (c.name_search > ? OR c.id > ?)`,
            [...starts.params, after.nameSearch, after.nameSearch, after.id],
            'c.name_search, c.id',
            limit,
        );
    }

    private async read(
        where: string,
        params: unknown[],
        order: string,
        limit: number,
    ): Promise<FoundCustomer[]> {
        // Hand-written: the customer with their home store's code and name (a join).
        const rows = await this.db.all(
            `SELECT ${this.customers.select('c')}, s.code AS store_code, s.name AS store_name FROM refill_customers c LEFT JOIN refill_stores s ON s.id = c.home_store_id WHERE ${where} ORDER BY ${order} LIMIT ${limit}`,
            params,
        );
        return rows.map((r) => this.found(r));
    }

    private found(row: Row): FoundCustomer {
        const customer = this.customers.fromRow(row);
        return {
            customer,
            homeStore:
                customer.homeStoreId === null || row.store_code === null || row.store_code === undefined
                    ? null
                    : {
                          id: customer.homeStoreId,
                          code: String(row.store_code),
                          name: String(row.store_name),
                      },
        };
    }
}
