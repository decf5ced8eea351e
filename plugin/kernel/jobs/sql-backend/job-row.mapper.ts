import { toJobId, type JobParameters } from 'agenda';
import type { Database } from '../../db/database.js';
import { toDbTime } from '../../db/db-time.js';
import type { Row } from '../../db/sql-executor.js';
import { storedFailReason, storedNumber, storedText, storedTime } from './job-field.values.js';

/** Every column of the jobs table, in insert order. */
export const JOB_COLUMNS = [
    'id',
    'name',
    'priority',
    'next_run_at',
    'type',
    'locked_at',
    'last_run_at',
    'last_finished_at',
    'failed_at',
    'fail_count',
    'fail_reason',
    'repeat_interval',
    'repeat_timezone',
    'repeat_at',
    'data',
    'disabled',
    'progress',
    'fork',
    'last_modified_by',
    'debounce_started_at',
    'start_date',
    'end_date',
    'skip_days',
    'single_key',
    'unique_key',
] as const;

/** A jobs table column. */
export type JobColumn = (typeof JOB_COLUMNS)[number];

/** Column values of one job row, ready to bind. */
export type JobValues = Record<JobColumn, unknown>;

/** The fields Agenda's processor writes while it runs a job; `saveJobState` writes exactly these. */
export const JOB_STATE_COLUMNS = [
    'locked_at',
    'next_run_at',
    'last_run_at',
    'progress',
    'fail_reason',
    'fail_count',
    'failed_at',
    'last_finished_at',
    'last_modified_by',
] as const satisfies readonly JobColumn[];

/** A column `saveJobState` writes. */
export type JobStateColumn = (typeof JOB_STATE_COLUMNS)[number];

const orUndefined = <T>(value: T | null | undefined): T | undefined => value ?? undefined;

/** The stored form of `repeatInterval`: text, or NULL when there is none (0, '' and undefined alike). */
export function storedRepeatInterval(value: string | number | undefined | null): string | null {
    if (value === undefined || value === null || value === '') return null;
    const text = String(value);
    return text.trim() !== '' && Number(text) === 0 ? null : text;
}

/**
 * Converts between Agenda's {@link JobParameters} and rows of the jobs table:
 * times as UTC DATETIME(3), `data` and `skipDays` as JSON text, booleans as
 * 0/1, and SQL NULL as `undefined` (except `nextRunAt`, which is `null`).
 */
export class JobRowMapper {
    constructor(private readonly db: Database) {}

    /** A stored row as Agenda's job parameters. */
    toJob<DATA = unknown>(row: Row): JobParameters<DATA> {
        const time = (v: unknown) => orUndefined(this.db.timeOrNull(v));
        const num = (v: unknown) => (v === null || v === undefined ? undefined : Number(v));
        const interval = row.repeat_interval as string | null;
        return {
            _id: toJobId(String(row.id)),
            name: String(row.name),
            priority: Number(row.priority),
            nextRunAt: this.db.timeOrNull(row.next_run_at),
            type: row.type === 'single' ? 'single' : 'normal',
            lockedAt: time(row.locked_at),
            lastRunAt: time(row.last_run_at),
            lastFinishedAt: time(row.last_finished_at),
            failedAt: time(row.failed_at),
            failCount: num(row.fail_count),
            failReason: orUndefined(row.fail_reason as string | null),
            // A purely numeric interval is milliseconds: give it back as the number it was.
            repeatInterval:
                interval === null || interval === undefined
                    ? undefined
                    : /^\d+$/.test(interval)
                      ? Number(interval)
                      : interval,
            repeatTimezone: orUndefined(row.repeat_timezone as string | null),
            repeatAt: orUndefined(row.repeat_at as string | null),
            data: (row.data === null || row.data === undefined
                ? undefined
                : JSON.parse(String(row.data))) as DATA,
            disabled: Number(row.disabled) === 1,
            progress: num(row.progress),
            fork: Number(row.fork) === 1,
            lastModifiedBy: orUndefined(row.last_modified_by as string | null),
            debounceStartedAt: time(row.debounce_started_at),
            startDate: time(row.start_date),
            endDate: time(row.end_date),
            skipDays:
                row.skip_days === null || row.skip_days === undefined
                    ? undefined
                    : (JSON.parse(String(row.skip_days)) as number[]),
        };
    }

    /**
     * The column values for inserting `job` as a new row. Processor fields
     * (lock, runs, failures, progress) are stored when given, as Agenda's
     * Mongo backend stores the whole document. Every value is one the drivers
     * bind: see {@link stateValues} for the fields Agenda does not type-check.
     */
    toValues(
        job: JobParameters,
        extra: { id: string; lastModifiedBy: string; singleKey: string | null; uniqueKey: string | null },
    ): JobValues {
        return {
            id: extra.id,
            name: job.name,
            priority: job.priority ?? 0,
            type: job.type === 'single' ? 'single' : 'normal',
            ...this.stateValues(job, extra.lastModifiedBy),
            repeat_interval: storedRepeatInterval(job.repeatInterval),
            repeat_timezone: storedText(job.repeatTimezone),
            repeat_at: storedText(job.repeatAt),
            data: job.data === undefined ? null : JSON.stringify(job.data),
            disabled: job.disabled === true,
            fork: job.fork === true,
            debounce_started_at: storedTime(job.debounceStartedAt),
            start_date: storedTime(job.startDate),
            end_date: storedTime(job.endDate),
            skip_days: job.skipDays && job.skipDays.length > 0 ? JSON.stringify(job.skipDays) : null,
            single_key: extra.singleKey,
            unique_key: extra.uniqueKey,
        };
    }

    /**
     * The values of the fields Agenda's processor writes while it runs a job
     * (the columns `saveJobState` sets), an undefined one as NULL. Agenda hands
     * these over unchecked (a rejection that is no Error becomes the
     * failReason as it is, in fork mode always), so the failReason is stored
     * as text, progress as a number and times as Dates, or NULL.
     */
    stateValues(job: JobParameters, lastModifiedBy: string): Record<JobStateColumn, unknown> {
        return {
            locked_at: storedTime(job.lockedAt),
            next_run_at: storedTime(job.nextRunAt),
            last_run_at: storedTime(job.lastRunAt),
            progress: storedNumber(job.progress),
            fail_reason: storedFailReason(job.failReason),
            fail_count: storedNumber(job.failCount),
            failed_at: storedTime(job.failedAt),
            last_finished_at: storedTime(job.lastFinishedAt),
            last_modified_by: lastModifiedBy,
        };
    }

    /** A row built from values this process just wrote, read back as a job. */
    fromValues<DATA = unknown>(values: JobValues): JobParameters<DATA> {
        const row: Row = {};
        for (const [column, value] of Object.entries(values)) {
            // As the database would give them back: UTC time text, 0/1.
            row[column] =
                value instanceof Date ? toDbTime(value) : typeof value === 'boolean' ? Number(value) : value;
        }
        return this.toJob<DATA>(row);
    }
}
