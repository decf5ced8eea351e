import type { Database } from '../db/database.js';
import type { JobCounts } from './refill-job.js';
import type { JobStatus, RefillScheduler } from './refill-scheduler.js';
import type { SqlExecutor } from '../db/sql-executor.js';
import type { Clock } from '../clock.js';
import type { AuditAction } from '../vocabulary/audit-actions.js';
import type { AuditEntityType } from '../vocabulary/audit-entity-types.js';

/**
 * Where job control records who ran, paused or resumed a job, in the same
 * transaction (the admin module's audit log fills it).
 */
export interface JobAuditLog {
    append(
        tx: SqlExecutor,
        record: { actor: string; action: AuditAction; entityType: AuditEntityType; entityId: string | null },
        now: Date,
    ): Promise<void>;
}

/** Operator control of Refill's jobs, for the admin API and the CLI: every action is audited. */
export class JobControlService {
    constructor(
        private readonly scheduler: RefillScheduler,
        private readonly db: Database,
        private readonly audit: JobAuditLog,
        private readonly clock: Clock,
    ) {}

    /** Every job with schedule, last and next run, failures and recent runs. */
    list(): Promise<JobStatus[]> {
        return this.scheduler.list();
    }

    /** Runs a job now; with `wait`, in this process, returning its counts. */
    async run(name: string, actor: string, wait = false): Promise<JobCounts | null> {
        await this.record(actor, 'run', name);
        return this.scheduler.runNow(name, wait);
    }

    /** Pauses a job on every instance. */
    async pause(name: string, actor: string): Promise<void> {
        await this.scheduler.pause(name);
        await this.record(actor, 'pause', name);
    }

    /** Resumes a paused job. */
    async resume(name: string, actor: string): Promise<void> {
        await this.scheduler.resume(name);
        await this.record(actor, 'resume', name);
    }

    private async record(actor: string, verb: 'run' | 'pause' | 'resume', name: string): Promise<void> {
        await this.db.transaction((tx) =>
            this.audit.append(
                tx,
                { actor, action: `job.${verb}`, entityType: 'job', entityId: name },
                this.clock(),
            ),
        );
    }
}
