import type { Database } from '../../../kernel/db/database.js';
import { toDbTime } from '../../../kernel/db/db-time.js';
import type { EntityRowMapper } from '../../../kernel/db/entity-row.mapper.js';
import { sqlDialect } from '../../../kernel/db/sql-dialect.js';
import { type SqlExecutor } from '../../../kernel/db/sql-executor.js';
import { BonusLotEntity, type BonusLot, type LotKind, type LotState } from '../entities/bonus-lot.entity.js';

/** A lot to insert; its purchase and return may be ids of rows inserted earlier in the same unit of work. */
export type NewLot = Omit<BonusLot, 'id' | 'purchaseId' | 'returnId'> & {
    purchaseId: number | null;
    returnId: number | null;
};

/** A change of an existing lot's remaining amount or state. */
export interface LotChange {
    id: number;
    remaining: number;
    state: LotState;
}

/** Reads and writes `refill_bonus_lots`. Callers hold the owning customer's row lock. */
export class BonusLotRepository {
    private readonly lots: EntityRowMapper<BonusLot>;

    constructor(db: Database) {
        this.lots = db.rows(BonusLotEntity);
    }

    /** The customer's lots that still hold bonuses (active or pending). */
    async findOpen(exec: SqlExecutor | Database, customerId: number): Promise<BonusLot[]> {
        const rows = await exec.all(
            `SELECT ${this.lots.columns} FROM refill_bonus_lots WHERE customer_id = ? AND state IN ('active', 'pending') ORDER BY expires_at, id`,
            [customerId],
        );
        return rows.map((r) => this.lots.fromRow(r));
    }

    /** The open lots of several customers, grouped by customer id. */
    async findOpenForCustomers(
        exec: SqlExecutor | Database,
        customerIds: readonly number[],
    ): Promise<Map<number, BonusLot[]>> {
        const out = new Map<number, BonusLot[]>(customerIds.map((id) => [id, []]));
        if (!customerIds.length) return out;
        const rows = await exec.all(
            `SELECT ${this.lots.columns} FROM refill_bonus_lots WHERE customer_id IN (${sqlDialect.inList(customerIds.length)}) AND state IN ('active', 'pending') ORDER BY customer_id, expires_at, id`,
            customerIds,
        );
        for (const row of rows) {
            const lot = this.lots.fromRow(row);
            out.get(lot.customerId)?.push(lot);
        }
        return out;
    }

    /**
     * Up to `limit` customers who have a lot due at `now`: one that expires
     * (`expiry`) or one that becomes active (`activation`). Each is a range
     * scan of an index on (state, time).
     */
    async customersWithDueLots(
        exec: SqlExecutor | Database,
        due: 'expiry' | 'activation',
        now: Date,
        limit: number,
    ): Promise<number[]> {
        const t = toDbTime(now);
        // Hand-written: a DISTINCT range scan of one index, no rows read.
        const sql =
            due === 'expiry'
                ? `SELECT DISTINCT customer_id FROM refill_bonus_lots WHERE state IN ('active', 'pending') AND expires_at <= ? LIMIT ?`
                : `SELECT DISTINCT customer_id FROM refill_bonus_lots WHERE state = 'pending' AND active_from <= ? LIMIT ?`;
        const rows = await exec.all<{ customer_id: unknown }>(sql, [t, limit]);
        return rows.map((r) => Number(r.customer_id));
    }

    /** All lots of a customer, newest first (for the admin and for tests). */
    async findAll(exec: SqlExecutor | Database, customerId: number): Promise<BonusLot[]> {
        const rows = await exec.all(
            `SELECT ${this.lots.columns} FROM refill_bonus_lots WHERE customer_id = ? ORDER BY id DESC`,
            [customerId],
        );
        return rows.map((r) => this.lots.fromRow(r));
    }

    /** Inserts one lot and returns its id. */
    async insert(tx: SqlExecutor, lot: NewLot): Promise<number> {
        const shape = this.lots.insertable;
        return (await tx.run(shape.insert(1), shape.values(lot))).insertId;
    }

    /** Inserts many lots, up to 1,000 a statement (imports read their ids back with {@link newestIdsOfKind}). */
    async insertMany(tx: SqlExecutor, lots: readonly NewLot[]): Promise<void> {
        const shape = this.lots.insertable;
        for (const chunk of sqlDialect.chunks(lots))
            await tx.run(shape.insert(chunk.length), shape.valuesOf(chunk));
    }

    /** Per customer, the id of their newest lot of `kind` (the caller holds their row locks). */
    async newestIdsOfKind(
        exec: SqlExecutor | Database,
        customerIds: readonly number[],
        kind: LotKind,
    ): Promise<Map<number, number>> {
        const out = new Map<number, number>();
        for (const chunk of sqlDialect.chunks(customerIds)) {
            // Hand-written: an aggregate (the newest id per customer).
            const rows = await exec.all<{ customer_id: unknown; id: unknown }>(
                `SELECT customer_id, MAX(id) AS id FROM refill_bonus_lots WHERE kind = ? AND customer_id IN (${sqlDialect.inList(chunk.length)}) GROUP BY customer_id`,
                [kind, ...chunk],
            );
            for (const r of rows) out.set(Number(r.customer_id), Number(r.id));
        }
        return out;
    }

    /** Applies remaining/state changes to many lots, up to 1,000 a statement. */
    async applyChanges(tx: SqlExecutor, all: readonly LotChange[]): Promise<void> {
        for (const changes of sqlDialect.chunks(all)) await this.applyChunk(tx, changes);
    }

    private async applyChunk(tx: SqlExecutor, changes: readonly LotChange[]): Promise<void> {
        // Hand-written: one statement for many rows, a CASE per changed column.
        const remainingCase = changes.map(() => 'WHEN ? THEN ?').join(' ');
        const stateCase = changes.map(() => 'WHEN ? THEN ?').join(' ');
        await tx.run(
            `UPDATE refill_bonus_lots SET remaining = CASE id ${remainingCase} END, state = CASE id ${stateCase} END WHERE id IN (${sqlDialect.inList(changes.length)})`,
            [
                ...changes.flatMap((c) => [c.id, c.remaining]),
                ...changes.flatMap((c) => [c.id, c.state]),
                ...changes.map((c) => c.id),
            ],
        );
    }
}
