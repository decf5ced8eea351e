import {
    Table,
    TableIndex,
    type MigrationInterface,
    type QueryRunner,
    type TableColumnOptions,
} from 'typeorm';

/*
 * The tables of Refill's Agenda backend (plugin/jobs/sql-backend):
 * `refill_jobs`, one row per scheduled job, and `refill_job_logs`, the job
 * event log. Written with the QueryRunner schema API so it runs on
 * MySQL/MariaDB and SQLite; only the claim index, whose last part is
 * descending, is plain SQL (the same on both). Never edit it after it has
 * landed: add a new migration instead.
 *
 * - `single_key` (the name, for `every()` jobs) and `unique_key` (a hash of
 *   name and unique query, for `.unique()` jobs) are set by the application,
 *   NULL otherwise; their UNIQUE indexes keep one row per key under
 *   concurrent saves (NULLs never collide), with no generated columns.
 * - The claim index `(name, disabled, locked_at, next_run_at, priority DESC)`
 *   serves both claim queries in their ORDER BY order: due unlocked jobs
 *   (`locked_at IS NULL`, by next run then priority) and stale locks (by lock time).
 */

const time = (name: string): TableColumnOptions => ({
    name,
    type: 'datetime',
    precision: 3,
    isNullable: true,
});
const str = (name: string, length: number, isNullable = true): TableColumnOptions => ({
    name,
    type: 'varchar',
    length: String(length),
    isNullable,
});
const int = (name: string, isNullable = true, dflt?: string): TableColumnOptions => ({
    name,
    type: 'int',
    isNullable,
    default: dflt,
});
const bool = (name: string): TableColumnOptions => ({ name, type: 'boolean', default: '0' });
const idx = (name: string, columnNames: string[], isUnique = false) =>
    new TableIndex({ name, columnNames, isUnique });

/** Creates `refill_jobs` and `refill_job_logs`. */
export class CreateJobTables1767312000000 implements MigrationInterface {
    name = 'CreateJobTables1767312000000';

    async up(qr: QueryRunner): Promise<void> {
        const sqlite = qr.connection.options.type === 'better-sqlite3';
        const longText = (name: string): TableColumnOptions => ({
            name,
            type: sqlite ? 'text' : 'mediumtext',
            isNullable: true,
        });
        await qr.createTable(
            new Table({
                name: 'refill_jobs',
                columns: [
                    { ...str('id', 36, false), isPrimary: true },
                    str('name', 191, false),
                    int('priority', false, '0'),
                    time('next_run_at'),
                    { ...str('type', 16, false), default: "'normal'" },
                    time('locked_at'),
                    time('last_run_at'),
                    time('last_finished_at'),
                    time('failed_at'),
                    int('fail_count'),
                    { name: 'fail_reason', type: 'text', isNullable: true },
                    str('repeat_interval', 255),
                    str('repeat_timezone', 64),
                    str('repeat_at', 255),
                    longText('data'),
                    bool('disabled'),
                    { name: 'progress', type: sqlite ? 'real' : 'double', isNullable: true },
                    bool('fork'),
                    str('last_modified_by', 255),
                    time('debounce_started_at'),
                    time('start_date'),
                    time('end_date'),
                    str('skip_days', 64),
                    str('single_key', 191),
                    { ...str('unique_key', 64), type: 'char' },
                ],
                indices: [
                    idx('UQ_refill_jobs_single_key', ['single_key'], true),
                    idx('UQ_refill_jobs_unique_key', ['unique_key'], true),
                ],
            }),
            true,
        );
        const q = (name: string) => qr.connection.driver.escape(name);
        await qr.query(
            `CREATE INDEX ${q('IDX_refill_jobs_claim')} ON ${q('refill_jobs')} ` +
                `(${q('name')}, ${q('disabled')}, ${q('locked_at')}, ${q('next_run_at')}, ${q('priority')} DESC)`,
        );
        await qr.createTable(
            new Table({
                name: 'refill_job_logs',
                columns: [
                    {
                        name: 'id',
                        type: sqlite ? 'integer' : 'bigint',
                        isPrimary: true,
                        isGenerated: true,
                        generationStrategy: 'increment',
                    },
                    { ...time('timestamp'), isNullable: false },
                    str('level', 10, false),
                    str('event', 32, false),
                    str('job_id', 64),
                    str('job_name', 191, false),
                    { name: 'message', type: 'text', isNullable: false },
                    int('duration'),
                    { name: 'error', type: 'text', isNullable: true },
                    int('fail_count'),
                    int('retry_delay'),
                    int('retry_attempt'),
                    str('agenda_name', 255),
                    longText('meta'),
                ],
                indices: [
                    idx('IDX_refill_job_logs_timestamp', ['timestamp']),
                    idx('IDX_refill_job_logs_job_id', ['job_id', 'timestamp']),
                    idx('IDX_refill_job_logs_job_name', ['job_name', 'timestamp']),
                ],
            }),
            true,
        );
    }

    async down(qr: QueryRunner): Promise<void> {
        await qr.dropTable('refill_job_logs', true);
        await qr.dropTable('refill_jobs', true);
    }
}
