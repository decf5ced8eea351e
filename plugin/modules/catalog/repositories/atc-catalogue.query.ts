import type { Database } from '../../../kernel/db/database.js';
import { toDbTime } from '../../../kernel/db/db-time.js';
import {
    atcLevel,
    atcPrefixRange,
    type AtcSuggestion,
    LIKE_ESCAPE,
    suggestionLevels,
} from '../rules/atc-prefix.rules.js';

/** The codes starting with the prefix: an index range on `column`, then the exact LIKE test. */
const startsWith = (column: string) =>
    `${column} >= ? AND ${column} <= ? AND ${column} LIKE ? ESCAPE '${LIKE_ESCAPE}'`;

/**
 * The catalogue's ATC codes for the category editor's autocomplete, counted
 * in SQL on both engines. Products are read by `IDX_refill_products_atc`,
 * purchase lines by `IDX_refill_purchase_lines_atc` (atc, purchase_id), each
 * line's purchase by its key for the 12-month bound; every value is a bound
 * parameter (the LIKE pattern with its wildcards escaped), only the level
 * lengths and the limit — integers of our own — are written into the text.
 */
export class AtcCatalogueQuery {
    constructor(private readonly db: Database) {}

    /**
     * Up to `limit` prefixes at the ATC levels that start with `prefix`
     * (shorter levels first, then alphabetically), each with its product
     * count and its buyers since `since`.
     */
    async suggest(prefix: string, since: Date, limit: number): Promise<AtcSuggestion[]> {
        const range = atcPrefixRange(prefix);
        const levels = suggestionLevels(prefix.length);
        if (!levels.length) return [];
        const n = Math.max(1, Math.floor(limit));
        const selects = levels.map(
            (level) =>
                `SELECT ${level} AS lvl, SUBSTR(atc, 1, ${level}) AS code, COUNT(*) AS products
                 FROM refill_products WHERE ${startsWith('atc')} AND LENGTH(atc) >= ${level}
                 GROUP BY SUBSTR(atc, 1, ${level})`,
        );
        const rows = await this.db.all(
            `${selects.join(' UNION ALL ')} ORDER BY lvl, code LIMIT ${n}`,
            levels.flatMap(() => [range.from, range.to, range.like]),
        );
        const codes = rows.map((r) => String(r.code));
        const buyers = await this.buyers(codes, since);
        return codes.map((code, i) => ({
            prefix: code,
            level: atcLevel(code),
            products: Number(rows[i].products),
            buyers: buyers[i] ?? 0,
        }));
    }

    /** Per prefix (in order): distinct customers with a line of a code starting with it since `since`. */
    private async buyers(prefixes: readonly string[], since: Date): Promise<number[]> {
        if (!prefixes.length) return [];
        const at = toDbTime(since);
        const selects = prefixes.map(
            (_prefix, i) =>
                `SELECT ${i} AS n, COUNT(DISTINCT p.customer_id) AS buyers
                 FROM refill_purchase_lines l JOIN refill_purchases p ON p.id = l.purchase_id
                 WHERE ${startsWith('l.atc')} AND p.purchased_at >= ?`,
        );
        const rows = await this.db.all(
            selects.join(' UNION ALL '),
            prefixes.flatMap((prefix) => {
                const range = atcPrefixRange(prefix);
                return [range.from, range.to, range.like, at];
            }),
        );
        const out: number[] = prefixes.map(() => 0);
        for (const r of rows) out[Number(r.n)] = Number(r.buyers ?? 0);
        return out;
    }
}
