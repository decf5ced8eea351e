import { sqlDialect } from '../../../kernel/db/sql-dialect.js';
import type { Dialect } from '../../../kernel/db/sql-executor.js';
import { RefillError } from '../../../kernel/errors/refill-error.js';
import { MS_PER_DAY } from '../../../kernel/units/time.js';
import { CHANNEL_CONTACTS, type Channel } from '../../../kernel/vocabulary/channels.js';
import type { ConsentPurpose } from '../../customers/index.js';
import { isPlaced, storesWithinKm, type StorePlace } from './geo.rules.js';
import type { PurchasesCondition, SegmentCondition, SegmentRule } from './segment-rule.types.js';

/*
 * Compiles a (validated) segment rule into SQL over `refill_customers c`:
 * every value bound, the same text on MariaDB and SQLite but for ATC
 * prefixes (kernel/db/sql-dialect.ts). Pure: the moment, the stores'
 * coordinates and whether lifecycle segments exist come in the context.
 */

/** What compiling needs besides the rule. */
export interface SegmentCompileContext {
    dialect: Dialect;
    /** The moment spans count back (and ahead) from. */
    now: Date;
    /** Every store with its coordinates (for `homeStoreNear`). */
    stores: readonly StorePlace[];
    /** Whether `refill_customer_lifecycle` exists (for `lifecycle`). */
    lifecycle: boolean;
}

/** A compiled rule: `where` is a predicate over `c`; `sql` selects the members' ids (blocked cards left out). */
export interface CompiledSegmentRule {
    where: string;
    sql: string;
    params: unknown[];
}

/** A piece of SQL and its parameters. */
interface Fragment {
    sql: string;
    params: unknown[];
}

const NONE: Fragment = { sql: '1 = 0', params: [] };
const EVERYONE: Fragment = { sql: '1 = 1', params: [] };

/** The contact column each channel needs. */
const CONTACT_COLUMNS = {
    phone: 'c.phone',
    email: 'c.email',
    pushToken: 'c.push_token',
    telegramChatId: 'c.telegram_chat_id',
} as const;

const CONSENT_TABLES: Record<ConsentPurpose, string> = {
    marketing: 'refill_customer_consents',
    service: 'refill_customer_service_consents',
};

/** `IN (?, ?)` over `values`. */
const inList = (column: string, values: readonly unknown[]): Fragment => ({
    sql: `${column} IN (${sqlDialect.inList(values.length)})`,
    params: [...values],
});

/** Joins fragments with AND / OR (one alone as it is). */
function join(parts: readonly Fragment[], op: 'AND' | 'OR'): Fragment {
    if (parts.length === 1) return parts[0];
    return { sql: `(${parts.map((p) => p.sql).join(` ${op} `)})`, params: parts.flatMap((p) => p.params) };
}

const daysBefore = (now: Date, days: number) => new Date(now.getTime() - days * MS_PER_DAY);
const daysAfter = (now: Date, days: number) => new Date(now.getTime() + days * MS_PER_DAY);

/** A refusal of a rule that is well formed but cannot be evaluated (422 at its path). */
function unprocessable(path: string, message: string): RefillError {
    return new RefillError('REFILL_UNPROCESSABLE', message, [{ path, message }]);
}

/** Receipts (with a matching line) in a span, counted and summed per customer. */
function purchases(cond: PurchasesCondition, ctx: SegmentCompileContext): Fragment {
    const lineFilters: Fragment[] = [];
    if (cond.categoryIds?.length) lineFilters.push(inList('l.category_id', cond.categoryIds));
    if (cond.skus?.length) lineFilters.push(inList('l.sku', cond.skus));
    for (const prefix of cond.atcPrefixes ?? []) {
        const { sql, params } = sqlDialect.startsWith(ctx.dialect, 'l.atc', prefix);
        lineFilters.push({ sql: `(${sql})`, params });
    }
    const where: Fragment[] = [];
    if (cond.withinDays !== undefined)
        where.push({ sql: 'p.purchased_at >= ?', params: [daysBefore(ctx.now, cond.withinDays)] });
    if (lineFilters.length) where.push(join(lineFilters, 'OR'));
    const lines = lineFilters.length > 0;
    const from = lines
        ? 'refill_purchases p JOIN refill_purchase_lines l ON l.purchase_id = p.id'
        : 'refill_purchases p';
    const n = lines ? 'COUNT(DISTINCT p.id)' : 'COUNT(*)';
    const amount = lines ? 'SUM(l.amount)' : 'SUM(p.total_amount)';
    const filter = where.length ? join(where, 'AND') : EVERYONE;
    const select = `SELECT p.customer_id FROM ${from} WHERE ${filter.sql} GROUP BY p.customer_id HAVING`;
    const hasMax = cond.countMax !== undefined || cond.amountMax !== undefined;
    const countMin = cond.countMin ?? (hasMax || cond.amountMin ? 0 : 1);
    if (countMin > 0 || (cond.amountMin ?? 0) > 0) {
        const having: Fragment[] = [];
        if (countMin > 0) having.push({ sql: `${n} >= ?`, params: [countMin] });
        if (cond.countMax !== undefined) having.push({ sql: `${n} <= ?`, params: [cond.countMax] });
        if (cond.amountMin) having.push({ sql: `${amount} >= ?`, params: [cond.amountMin] });
        if (cond.amountMax !== undefined) having.push({ sql: `${amount} <= ?`, params: [cond.amountMax] });
        const h = join(having, 'AND');
        return { sql: `c.id IN (${select} ${h.sql})`, params: [...filter.params, ...h.params] };
    }
    if (!hasMax) return EVERYONE;
    // No lower bound: those who bought nothing match too, so leave out those above a bound.
    const above: Fragment[] = [];
    if (cond.countMax !== undefined) above.push({ sql: `${n} > ?`, params: [cond.countMax] });
    if (cond.amountMax !== undefined) above.push({ sql: `${amount} > ?`, params: [cond.amountMax] });
    const h = join(above, 'OR');
    return { sql: `c.id NOT IN (${select} ${h.sql})`, params: [...filter.params, ...h.params] };
}

/** Bounds on a column of `c` (both optional). */
function bounds(column: string, min: number | undefined, max: number | undefined): Fragment {
    const parts: Fragment[] = [];
    if (min !== undefined) parts.push({ sql: `${column} >= ?`, params: [min] });
    if (max !== undefined) parts.push({ sql: `${column} <= ?`, params: [max] });
    return parts.length ? join(parts, 'AND') : EVERYONE;
}

/** The customer's consent of `purpose` in `channel` is granted (service follows marketing until they part). */
function consentGranted(purpose: ConsentPurpose, channel: Channel): Fragment {
    const granted = (table: string, alias: string): Fragment => ({
        sql: `EXISTS (SELECT 1 FROM ${table} ${alias} WHERE ${alias}.customer_id = c.id AND ${alias}.channel = ? AND ${alias}.granted = ?)`,
        params: [channel, true],
    });
    if (purpose === 'marketing') return granted(CONSENT_TABLES.marketing, 'm');
    const own = granted(CONSENT_TABLES.service, 's');
    const marketing = granted(CONSENT_TABLES.marketing, 'm');
    return {
        sql: `(${own.sql} OR (NOT EXISTS (SELECT 1 FROM ${CONSENT_TABLES.service} s2 WHERE s2.customer_id = c.id AND s2.channel = ?) AND ${marketing.sql}))`,
        params: [...own.params, channel, ...marketing.params],
    };
}

/** The customer has the contact a channel needs. */
function hasContact(channel: Channel): Fragment {
    const column = CONTACT_COLUMNS[CHANNEL_CONTACTS[channel]];
    return { sql: `(${column} IS NOT NULL AND ${column} <> ?)`, params: [''] };
}

/** Members of a home-store list. */
const homeStoreIn = (storeIds: readonly number[]): Fragment => {
    const list = inList('h.store_id', storeIds);
    return {
        sql: `c.id IN (SELECT h.customer_id FROM refill_customer_home_stores h WHERE ${list.sql})`,
        params: list.params,
    };
};

/** One condition. */
function condition(cond: SegmentCondition, ctx: SegmentCompileContext, path: string): Fragment {
    switch (cond.type) {
        case 'purchases':
            return purchases(cond, ctx);
        case 'recency': {
            const parts: Fragment[] = [{ sql: 'c.last_purchase_at IS NOT NULL', params: [] }];
            if (cond.minDays !== undefined)
                parts.push({ sql: 'c.last_purchase_at <= ?', params: [daysBefore(ctx.now, cond.minDays)] });
            if (cond.maxDays !== undefined)
                parts.push({
                    sql: 'c.last_purchase_at > ?',
                    params: [daysBefore(ctx.now, cond.maxDays + 1)],
                });
            return join(parts, 'AND');
        }
        case 'purchaseCount':
            return bounds('c.purchase_count', cond.min, cond.max);
        case 'balance':
            return bounds('c.balance', cond.min, cond.max);
        case 'burning':
            return {
                sql: `c.id IN (SELECT b.customer_id FROM refill_bonus_lots b WHERE b.state = ? AND b.remaining > ? AND b.expires_at > ? AND b.expires_at <= ? GROUP BY b.customer_id HAVING SUM(b.remaining) >= ?)`,
                params: ['active', 0, ctx.now, daysAfter(ctx.now, cond.withinDays), cond.amountMin],
            };
        case 'consent': {
            const granted = consentGranted(cond.purpose, cond.channel);
            return cond.granted ? granted : { sql: `NOT ${granted.sql}`, params: granted.params };
        }
        case 'reachable':
            return join(
                cond.channels.map((ch) => join([hasContact(ch), consentGranted(cond.purpose, ch)], 'AND')),
                'OR',
            );
        case 'cardForm':
            return inList('c.card_form', cond.forms);
        case 'cardKind':
            return inList('c.card_kind', cond.kinds);
        case 'homeStore':
            return homeStoreIn(cond.storeIds);
        case 'homeStoreNear': {
            const centre = ctx.stores.find((s) => s.id === cond.storeId);
            if (!centre) throw unprocessable(`${path}.storeId`, 'no store with this id');
            if (!isPlaced(centre)) throw unprocessable(`${path}.storeId`, 'the store has no coordinates');
            const ids = storesWithinKm(centre, cond.km, ctx.stores);
            return ids.length ? homeStoreIn(ids) : NONE;
        }
        case 'lifecycle': {
            if (!ctx.lifecycle)
                throw unprocessable(`${path}.segments`, 'lifecycle segments have not been computed yet');
            const list = inList('lc.segment', cond.segments);
            return {
                sql: `c.id IN (SELECT lc.customer_id FROM refill_customer_lifecycle lc WHERE ${list.sql})`,
                params: list.params,
            };
        }
    }
}

/** A rule (group or condition) at `path`. */
function node(rule: SegmentRule, ctx: SegmentCompileContext, path: string): Fragment {
    if ('all' in rule)
        return join(
            rule.all.map((r, i) => node(r, ctx, `${path}.all[${i}]`)),
            'AND',
        );
    if ('any' in rule)
        return join(
            rule.any.map((r, i) => node(r, ctx, `${path}.any[${i}]`)),
            'OR',
        );
    if ('not' in rule) {
        const inner = node(rule.not, ctx, `${path}.not`);
        return { sql: `NOT (${inner.sql})`, params: inner.params };
    }
    return condition(rule, ctx, path);
}

/**
 * Compiles a validated rule. A rule naming a store without coordinates, or
 * lifecycle segments before they exist, is a 422 at its path (under `path`).
 */
export function compileSegmentRule(
    rule: SegmentRule,
    ctx: SegmentCompileContext,
    path = 'rule',
): CompiledSegmentRule {
    const { sql, params } = node(rule, ctx, path);
    const where = `c.blocked_at IS NULL AND ${sql}`;
    return { where, sql: `SELECT c.id FROM refill_customers c WHERE ${where}`, params };
}
