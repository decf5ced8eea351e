import type { JobLogEntry, JobLogger } from 'agenda';
import type { RefillLogger } from '../logging/logger.port.js';
import { safeError } from '../logging/logger.js';
import type { JobCounts } from './refill-job.js';

/** One recorded run of a job. */
export interface JobRunRecord {
    at: Date;
    event: 'start' | 'success' | 'fail';
    durationMs?: number;
    counts?: JobCounts;
    error?: string;
}

/**
 * Records every run of a Refill job: start, end with counts and duration, or
 * the error. Writes to the log and to the job log table, which the admin API
 * reads for "last runs and failures".
 */
export class JobRunRecorder {
    constructor(
        private readonly logger: RefillLogger,
        private readonly store: JobLogger,
    ) {}

    /** Runs `fn` as one recorded run of job `name`. */
    async record(name: string, jobId: string | undefined, fn: () => Promise<JobCounts>): Promise<JobCounts> {
        const started = Date.now();
        this.logger.info({ job: name, jobId }, 'job started');
        await this.write({ jobName: name, jobId, event: 'start', level: 'info', message: `${name} started` });
        try {
            const counts = await fn();
            const duration = Date.now() - started;
            this.logger.info({ job: name, jobId, durationMs: duration, counts }, 'job finished');
            await this.write({
                jobName: name,
                jobId,
                event: 'success',
                level: 'info',
                message: `${name} finished`,
                duration,
                meta: { counts },
            });
            return counts;
        } catch (error) {
            const duration = Date.now() - started;
            const { message } = safeError(error);
            this.logger.error(
                { job: name, jobId, durationMs: duration, err: safeError(error) },
                'job failed',
            );
            await this.write({
                jobName: name,
                jobId,
                event: 'fail',
                level: 'error',
                message: `${name} failed`,
                duration,
                error: message,
            });
            // Agenda stores the message as the job's failReason: only the redacted one.
            throw new Error(message);
        }
    }

    /** The latest runs of a job, newest first. */
    async lastRuns(name: string, limit = 10): Promise<JobRunRecord[]> {
        const { entries } = await this.store.getLogs({
            jobName: name,
            event: ['start', 'success', 'fail'],
            limit,
            sort: 'desc',
        });
        return entries.map((e) => ({
            at: e.timestamp,
            event: e.event as JobRunRecord['event'],
            durationMs: e.duration,
            counts: (e.meta?.counts as JobCounts | undefined) ?? undefined,
            error: e.error,
        }));
    }

    private async write(entry: Omit<JobLogEntry, '_id' | 'timestamp'>): Promise<void> {
        // The log table is a record for operators: failing to write it must not fail the job.
        await this.store.log({ ...entry, timestamp: new Date() }).catch((error: unknown) => {
            this.logger.warn({ err: safeError(error), job: entry.jobName }, 'could not write the job log');
        });
    }
}
