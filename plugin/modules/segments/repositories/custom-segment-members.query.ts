import type { Database } from '../../../kernel/db/database.js';
import type { CompiledSegmentRule } from '../rules/segment-rule.compiler.js';

/** A member as the admin API lists them (the card number is masked by the caller). */
export interface SegmentMemberRow {
    id: number;
    cardNumber: string;
    name: string | null;
}

/**
 * Runs compiled segment rules: counts, keyset pages of ids or of members,
 * and membership checks of given customers. Reads only; every value bound.
 */
export class CustomSegmentMembersQuery {
    constructor(private readonly db: Database) {}

    /** How many customers the rule selects. */
    async count(rule: CompiledSegmentRule): Promise<number> {
        const [row] = await this.db.all<{ n: number | string }>(
            `SELECT COUNT(*) AS n FROM refill_customers c WHERE ${rule.where}`,
            rule.params,
        );
        return Number(row?.n ?? 0);
    }

    /** Up to `limit` member ids above `afterId`, ascending. */
    async ids(rule: CompiledSegmentRule, afterId: number, limit: number): Promise<number[]> {
        const rows = await this.db.all<{ id: number | string }>(
            `SELECT c.id FROM refill_customers c WHERE c.id > ? AND ${rule.where} ORDER BY c.id LIMIT ?`,
            [afterId, ...rule.params, limit],
        );
        return rows.map((r) => Number(r.id));
    }

    /** Up to `limit` members above `afterId` with their card and name, ascending. */
    async members(rule: CompiledSegmentRule, afterId: number, limit: number): Promise<SegmentMemberRow[]> {
        const rows = await this.db.all<{ id: number | string; card_number: string; name: string | null }>(
            `SELECT c.id, c.card_number, c.name FROM refill_customers c WHERE c.id > ? AND ${rule.where} ORDER BY c.id LIMIT ?`,
            [afterId, ...rule.params, limit],
        );
        return rows.map((r) => ({ id: Number(r.id), cardNumber: r.card_number, name: r.name }));
    }

    /** Which of `customerIds` the rule selects. */
    async whichAreIn(rule: CompiledSegmentRule, customerIds: readonly number[]): Promise<Set<number>> {
        const found = new Set<number>();
        for (let i = 0; i < customerIds.length; i += 500) {
            const chunk = customerIds.slice(i, i + 500);
            const rows = await this.db.all<{ id: number | string }>(
                `SELECT c.id FROM refill_customers c WHERE c.id IN (${chunk.map(() => '?').join(', ')}) AND ${rule.where}`,
                [...chunk, ...rule.params],
            );
            for (const r of rows) found.add(Number(r.id));
        }
        return found;
    }
}
