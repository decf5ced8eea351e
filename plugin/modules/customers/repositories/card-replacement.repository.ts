import type { Database } from '../../../kernel/db/database.js';
import type { EntityRowMapper } from '../../../kernel/db/entity-row.mapper.js';
import type { SqlExecutor } from '../../../kernel/db/sql-executor.js';
import { CardReplacementEntity, type CardReplacement } from '../entities/card-replacement.entity.js';

/** A replacement to record. */
export type NewCardReplacement = Omit<CardReplacement, 'id' | 'customer'>;

/** Reads and writes `refill_card_replacements`: cards given up at the store desk. */
export class CardReplacementRepository {
    private readonly rows: EntityRowMapper<CardReplacement>;

    constructor(db: Database) {
        this.rows = db.rows(CardReplacementEntity);
    }

    /** The replacement of an old card, if it was replaced. */
    async findByOldCard(exec: SqlExecutor | Database, cardNumber: string): Promise<CardReplacement | null> {
        return this.one(exec, 'old_card_number', cardNumber);
    }

    /** The replacement recorded with this idempotency key, if any. */
    async findByKey(exec: SqlExecutor | Database, key: string): Promise<CardReplacement | null> {
        return this.one(exec, 'idempotency_key', key);
    }

    /** A customer's earlier cards, newest first. */
    async forCustomer(exec: SqlExecutor | Database, customerId: number): Promise<CardReplacement[]> {
        const rows = await exec.all(
            `SELECT ${this.rows.columns} FROM refill_card_replacements WHERE customer_id = ? ORDER BY id DESC`,
            [customerId],
        );
        return rows.map((r) => this.rows.fromRow(r));
    }

    /** Records a replacement (the old card and the key are unique: a second one fails on them). */
    async insert(tx: SqlExecutor, replacement: NewCardReplacement): Promise<void> {
        const shape = this.rows.insertable;
        await tx.run(shape.insert(1), shape.values(replacement));
    }

    private async one(
        exec: SqlExecutor | Database,
        column: 'old_card_number' | 'idempotency_key',
        value: string,
    ): Promise<CardReplacement | null> {
        const rows = await exec.all(
            `SELECT ${this.rows.columns} FROM refill_card_replacements WHERE ${column} = ?`,
            [value],
        );
        return rows[0] ? this.rows.fromRow(rows[0]) : null;
    }
}
