import type { Database } from '../../../kernel/db/database.js';
import { sqlDialect } from '../../../kernel/db/sql-dialect.js';
import type { EntityRowMapper } from '../../../kernel/db/entity-row.mapper.js';
import { type SqlExecutor } from '../../../kernel/db/sql-executor.js';
import { LedgerEntryEntity, type LedgerEntry } from '../entities/ledger-entry.entity.js';

/** A ledger entry to append; its lot, purchase and return may be ids of rows inserted earlier in the same unit of work. */
export type NewLedgerEntry = Omit<LedgerEntry, 'id' | 'lotId' | 'purchaseId' | 'returnId'> & {
    lotId: number | null;
    purchaseId: number | null;
    returnId: number | null;
};

/** Appends to and reads `refill_ledger_entries`. Entries are never updated or deleted. */
export class LedgerEntryRepository {
    private readonly entries: EntityRowMapper<LedgerEntry>;

    constructor(db: Database) {
        this.entries = db.rows(LedgerEntryEntity);
    }

    /** Appends entries with multi-row inserts (up to 1,000 rows a statement). */
    async append(tx: SqlExecutor, all: readonly NewLedgerEntry[]): Promise<void> {
        for (const entries of sqlDialect.chunks(all)) await this.appendChunk(tx, entries);
    }

    private async appendChunk(tx: SqlExecutor, entries: readonly NewLedgerEntry[]): Promise<void> {
        const shape = this.entries.insertable;
        await tx.run(shape.insert(entries.length), shape.valuesOf(entries));
    }

    /** The entry made under a caller-supplied idempotency key, if any. */
    async findByIdempotencyKey(exec: SqlExecutor | Database, key: string): Promise<LedgerEntry | null> {
        const rows = await exec.all(
            `SELECT ${this.entries.columns} FROM refill_ledger_entries WHERE idempotency_key = ?`,
            [key],
        );
        return rows[0] ? this.entries.fromRow(rows[0]) : null;
    }

    /** Which of these idempotency keys have been used (imports check many at once). */
    async existingIdempotencyKeys(
        exec: SqlExecutor | Database,
        keys: readonly string[],
    ): Promise<Set<string>> {
        const out = new Set<string>();
        for (const chunk of sqlDialect.chunks(keys)) {
            const rows = await exec.all<{ idempotency_key: string }>(
                `SELECT idempotency_key FROM refill_ledger_entries WHERE idempotency_key IN (${sqlDialect.inList(chunk.length)})`,
                chunk,
            );
            for (const r of rows) out.add(String(r.idempotency_key));
        }
        return out;
    }

    /** A customer's entries, newest first. */
    async findForCustomer(
        exec: SqlExecutor | Database,
        customerId: number,
        limit = 100,
    ): Promise<LedgerEntry[]> {
        const rows = await exec.all(
            `SELECT ${this.entries.columns} FROM refill_ledger_entries WHERE customer_id = ? ORDER BY id DESC LIMIT ?`,
            [customerId, limit],
        );
        return rows.map((r) => this.entries.fromRow(r));
    }

    /** Sums of amount and debt change over a customer's entries (the ledger's view of their balance). */
    async totals(
        exec: SqlExecutor | Database,
        customerId: number,
    ): Promise<{ amount: number; debt: number }> {
        // Hand-written: an aggregate.
        const [row] = await exec.all<{ amount: unknown; debt: unknown }>(
            `SELECT COALESCE(SUM(amount), 0) AS amount, COALESCE(SUM(debt_change), 0) AS debt FROM refill_ledger_entries WHERE customer_id = ?`,
            [customerId],
        );
        return { amount: Number(row.amount), debt: Number(row.debt) };
    }
}
