import type { JobLogEntry, JobLogEvent, JobLogger, JobLogQuery, JobLogQueryResult, LogLevel } from 'agenda';
import { sqlDialect } from '../../db/sql-dialect.js';
import type { Row } from '../../db/sql-executor.js';
import { storedFailReason } from './job-field.values.js';
import type { JobSqlContext } from './job-sql.context.js';

const COLUMNS = [
    'timestamp',
    'level',
    'event',
    'job_id',
    'job_name',
    'message',
    'duration',
    'error',
    'fail_count',
    'retry_delay',
    'retry_attempt',
    'agenda_name',
    'meta',
] as const;

const optional = <T>(value: T | null | undefined): T | undefined => value ?? undefined;

/**
 * Agenda's JobLogger over `refill_job_logs` (created by Refill's migrations):
 * one row per job lifecycle event, queried by job id, name, level, event and
 * time range, newest first unless asked otherwise.
 */
export class SqlJobLogger implements JobLogger {
    constructor(private readonly ctx: JobSqlContext) {}

    /** Stores one entry. */
    async log(entry: Omit<JobLogEntry, '_id'>): Promise<void> {
        const values = [
            entry.timestamp ?? this.ctx.now(),
            entry.level,
            entry.event,
            entry.jobId ?? null,
            entry.jobName,
            entry.message,
            entry.duration ?? null,
            // Agenda logs `error.message` of whatever a job rejected with: text or NULL.
            storedFailReason(entry.error),
            entry.failCount ?? null,
            entry.retryDelay ?? null,
            entry.retryAttempt ?? null,
            entry.agendaName ?? null,
            entry.meta === undefined ? null : JSON.stringify(entry.meta),
        ];
        await this.ctx.db.run(
            `INSERT INTO ${this.ctx.logs} (${COLUMNS.join(', ')}) VALUES (${sqlDialect.inList(COLUMNS.length)})`,
            values,
        );
    }

    /** The matching entries (default: the 50 newest) and how many match in all. */
    async getLogs(query: JobLogQuery = {}): Promise<JobLogQueryResult> {
        const { where, params } = this.where(query);
        const dir = query.sort === 'asc' ? 'ASC' : 'DESC';
        const limit = Math.max(0, Math.floor(query.limit ?? 50));
        const offset = Math.max(0, Math.floor(query.offset ?? 0));
        const [count] = await this.ctx.db.all<Row>(
            `SELECT COUNT(*) AS n FROM ${this.ctx.logs} ${where}`,
            params,
        );
        const rows = await this.ctx.db.all<Row>(
            `SELECT * FROM ${this.ctx.logs} ${where} ORDER BY timestamp ${dir}, id ${dir} LIMIT ? OFFSET ?`,
            [...params, limit, offset],
        );
        return { entries: rows.map((r) => this.toEntry(r)), total: Number(count?.n ?? 0) };
    }

    /** Deletes the matching entries (all of them without a query); returns how many. */
    async clearLogs(query: JobLogQuery = {}): Promise<number> {
        const { where, params } = this.where(query);
        const { affected } = await this.ctx.db.run(`DELETE FROM ${this.ctx.logs} ${where}`, params);
        return affected;
    }

    private where(query: JobLogQuery): { where: string; params: unknown[] } {
        const conditions: string[] = [];
        const params: unknown[] = [];
        const oneOf = (column: string, value: string | string[] | undefined) => {
            if (value === undefined) return;
            const list = Array.isArray(value) ? value : [value];
            conditions.push(list.length === 0 ? '1 = 0' : `${column} IN (${sqlDialect.inList(list.length)})`);
            params.push(...list);
        };
        if (query.jobId !== undefined) {
            conditions.push('job_id = ?');
            params.push(query.jobId);
        }
        if (query.jobName !== undefined) {
            conditions.push('job_name = ?');
            params.push(query.jobName);
        }
        oneOf('level', query.level);
        oneOf('event', query.event);
        if (query.from) {
            conditions.push('timestamp >= ?');
            params.push(query.from);
        }
        if (query.to) {
            conditions.push('timestamp <= ?');
            params.push(query.to);
        }
        return { where: conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '', params };
    }

    private toEntry(row: Row): JobLogEntry {
        const num = (v: unknown) => (v === null || v === undefined ? undefined : Number(v));
        return {
            _id: String(row.id),
            timestamp: this.ctx.db.time(row.timestamp),
            level: row.level as LogLevel,
            event: row.event as JobLogEvent,
            jobId: optional(row.job_id as string | null),
            jobName: String(row.job_name),
            message: String(row.message),
            duration: num(row.duration),
            error: optional(row.error as string | null),
            failCount: num(row.fail_count),
            retryDelay: num(row.retry_delay),
            retryAttempt: num(row.retry_attempt),
            agendaName: optional(row.agenda_name as string | null),
            meta: row.meta === null || row.meta === undefined ? undefined : JSON.parse(String(row.meta)),
        };
    }
}
