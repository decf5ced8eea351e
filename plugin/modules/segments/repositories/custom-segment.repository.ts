import type { Database } from '../../../kernel/db/database.js';
import type { EntityRowMapper } from '../../../kernel/db/entity-row.mapper.js';
import { sqlDialect } from '../../../kernel/db/sql-dialect.js';
import type { SqlExecutor } from '../../../kernel/db/sql-executor.js';
import { CustomSegmentEntity, type CustomSegment } from '../entities/custom-segment.entity.js';

/** What a segment's create or update writes. */
export interface CustomSegmentFields {
    name: string;
    ruleJson: string;
    description: string | null;
}

/** Reads and writes `refill_segments`. */
export class CustomSegmentRepository {
    private readonly rows: EntityRowMapper<CustomSegment>;

    constructor(db: Database) {
        this.rows = db.rows(CustomSegmentEntity);
    }

    /** A segment by id (archived ones too); `lock` row-locks it for a change. */
    async findById(exec: SqlExecutor | Database, id: number, lock = false): Promise<CustomSegment | null> {
        const forUpdate = lock ? sqlDialect.forUpdate(exec.dialect) : '';
        const rows = await exec.all(
            `SELECT ${this.rows.columns} FROM refill_segments WHERE id = ?${forUpdate}`,
            [id],
        );
        return rows[0] ? this.rows.fromRow(rows[0]) : null;
    }

    /** The live segment holding `name`, row-locked (a writer's check before it takes the name). */
    async lockByActiveName(tx: SqlExecutor, name: string): Promise<CustomSegment | null> {
        const rows = await tx.all(
            `SELECT ${this.rows.columns} FROM refill_segments WHERE active_name = ?${sqlDialect.forUpdate(tx.dialect)}`,
            [name],
        );
        return rows[0] ? this.rows.fromRow(rows[0]) : null;
    }

    /** Every live (not archived) segment, by id. */
    async listLive(exec: SqlExecutor | Database): Promise<CustomSegment[]> {
        const rows = await exec.all(
            `SELECT ${this.rows.columns} FROM refill_segments WHERE archived_at IS NULL ORDER BY id`,
        );
        return rows.map((r) => this.rows.fromRow(r));
    }

    /** Saves a new segment; returns it. */
    async insert(
        tx: SqlExecutor,
        fields: CustomSegmentFields,
        createdBy: string,
        now: Date,
    ): Promise<CustomSegment> {
        const row = {
            ...fields,
            activeName: fields.name,
            createdBy,
            createdAt: now,
            updatedAt: now,
            archivedAt: null,
        };
        const shape = this.rows.insertable;
        const { insertId } = await tx.run(shape.insert(1), shape.values(row));
        return { id: insertId, ...row };
    }

    /** Changes a live segment's name, rule and description. */
    async update(tx: SqlExecutor, id: number, fields: CustomSegmentFields, now: Date): Promise<void> {
        await tx.run(
            `UPDATE refill_segments SET name = ?, active_name = ?, rule_json = ?, description = ?, updated_at = ? WHERE id = ?`,
            [fields.name, fields.name, fields.ruleJson, fields.description, now, id],
        );
    }

    /** Archives a segment: its name is free again. */
    async archive(tx: SqlExecutor, id: number, now: Date): Promise<void> {
        await tx.run(
            `UPDATE refill_segments SET active_name = NULL, archived_at = ?, updated_at = ? WHERE id = ?`,
            [now, now, id],
        );
    }
}
