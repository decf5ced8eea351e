import { Agenda, type AgendaBackend, type Job } from 'agenda';
import type { RefillLogger } from '../logging/logger.port.js';
import { RefillConfigError, RefillError } from '../errors/refill-error.js';
import { safeError } from '../logging/logger.js';
import type { JobRunRecord, JobRunRecorder } from './job-run-recorder.js';
import type { JobCounts, RefillJob, RefillTask } from './refill-job.js';

/** How Refill schedules and runs its jobs. */
export interface SchedulerSettings {
    /** The chain's timezone: cron schedules are read in it. */
    timezone: string;
    /** Schedule per job name (cron or interval); the job's default otherwise. */
    schedules: Record<string, string>;
    /** Whether this instance processes jobs (several instances share the work through the job locks). */
    process: boolean;
    /** How often Agenda looks for due jobs. */
    processEvery: string | number;
    /** How long a worker may hold a job without touching it before another takes it over, ms. */
    lockLifetimeMs: number;
    /** Name written as `lastModifiedBy` (defaults to the host name and pid). */
    workerName: string;
}

/** A job as the admin API and the CLI show it. */
export interface JobStatus {
    name: string;
    description: string;
    schedule: string;
    paused: boolean;
    running: boolean;
    nextRunAt: string | null;
    lastRunAt: string | null;
    lastFinishedAt: string | null;
    failCount: number;
    failReason: string | null;
    failedAt: string | null;
    recentRuns: Array<Omit<JobRunRecord, 'at'> & { at: string }>;
}

/**
 * Runs Refill's jobs on Agenda: on its own Agenda over Refill's SQL backend
 * (same database as the ledger), or on an Agenda the host already runs, on
 * which Refill then only defines and schedules its jobs (the host starts and
 * stops it). `start()` and `stop()` are safe to call twice; `stop()` never
 * closes the database.
 */
export class RefillScheduler {
    private agendaInstance: Agenda | null = null;
    private readonly ownsAgenda: boolean;
    private readonly byName: Map<string, RefillJob>;
    private started: Promise<void> | null = null;
    private readonly lastCounts = new Map<string, JobCounts>();

    constructor(
        private readonly source: { agenda: Agenda } | { backend: AgendaBackend },
        private readonly jobs: readonly RefillJob[],
        private readonly tasks: readonly RefillTask[],
        private readonly settings: SchedulerSettings,
        private readonly recorder: JobRunRecorder,
        private readonly logger: RefillLogger,
    ) {
        this.byName = new Map(jobs.map((j) => [j.name, j]));
        this.ownsAgenda = !('agenda' in source);
    }

    /** The Agenda instance the jobs are defined on (once started). */
    get instance(): Agenda {
        if (!this.agendaInstance) throw new Error('RefillScheduler: start() first');
        return this.agendaInstance;
    }

    private get agenda(): Agenda {
        return this.instance;
    }

    /**
     * Creates Refill's Agenda (Agenda connects its backend at once, so only
     * after the database is open and migrated), defines the jobs, schedules
     * each one (one row per job, updated if the schedule changed) and, if
     * configured, starts processing.
     */
    start(): Promise<void> {
        this.started ??= (async () => {
            const agenda =
                this.agendaInstance ??
                ('agenda' in this.source
                    ? this.source.agenda
                    : new Agenda({
                          backend: this.source.backend,
                          name: this.settings.workerName,
                          processEvery: this.settings.processEvery,
                          defaultLockLifetime: this.settings.lockLifetimeMs,
                      }));
            if (!this.agendaInstance) {
                for (const job of this.jobs) {
                    agenda.define(name(job), (agendaJob: Job) => this.runDefinition(job, agendaJob), {
                        concurrency: 1,
                        lockLifetime: this.settings.lockLifetimeMs,
                        // One-off runs (run now) are removed once done; the recurring row stays.
                        removeOnComplete: true,
                    });
                }
                for (const task of this.tasks) {
                    agenda.define(taskName(task.name), (agendaJob: Job) => this.runTask(task, agendaJob), {
                        concurrency: task.concurrency,
                        lockLifetime: this.settings.lockLifetimeMs,
                        removeOnComplete: true,
                    });
                }
                agenda.on('error', (error: Error) =>
                    this.logger.error({ err: safeError(error) }, 'job scheduler error'),
                );
                this.agendaInstance = agenda;
            }
            await agenda.ready;
            for (const job of this.jobs) await this.schedule(agenda, job);
            if (this.ownsAgenda && this.settings.process) await agenda.start();
        })();
        return this.started;
    }

    /**
     * Makes sure a job's recurring row exists with the configured schedule.
     * An unchanged row is left alone, so a pause set by an operator survives
     * restarts (Agenda's `every()` would re-enable it); a changed schedule is
     * re-applied and the pause kept.
     */
    private async schedule(agenda: Agenda, job: RefillJob): Promise<void> {
        const schedule = this.scheduleOf(job);
        const { jobs } = await agenda.queryJobs({ name: name(job) });
        const current = jobs.find((j) => j.type === 'single');
        if (
            current &&
            String(current.repeatInterval) === schedule &&
            (current.repeatTimezone ?? null) === this.settings.timezone
        )
            return;
        try {
            await agenda.every(schedule, name(job), undefined, {
                timezone: this.settings.timezone,
                skipImmediate: true,
            });
        } catch (error) {
            throw new RefillConfigError(
                `jobs.schedules.${job.name}`,
                `cannot schedule "${schedule}": ${(error as Error).message}`,
                'Use a cron expression such as "5 3 * * *" or an interval such as "15 minutes".',
            );
        }
        if (current?.disabled) await agenda.disable({ name: name(job) });
    }

    /** Stops processing (own Agenda only); running jobs finish or are taken over after their lock lifetime. */
    async stop(): Promise<void> {
        if (!this.started) return;
        await this.started.catch(() => undefined);
        this.started = null;
        if (this.ownsAgenda && this.agendaInstance) await this.agendaInstance.stop(false);
    }

    /** Every Refill job with its schedule, last and next run, failures and recent runs. */
    async list(): Promise<JobStatus[]> {
        const { jobs } = await this.agenda.queryJobs({ names: this.jobs.map(name) });
        const statuses: JobStatus[] = [];
        for (const def of this.jobs) {
            const row =
                jobs.find((j) => j.name === name(def) && j.type === 'single') ??
                jobs.find((j) => j.name === name(def));
            const iso = (d?: Date | null) => (d ? new Date(d).toISOString() : null);
            const runs = await this.recorder.lastRuns(def.name, 10);
            statuses.push({
                name: def.name,
                description: def.description,
                schedule: this.scheduleOf(def),
                paused: Boolean(row?.disabled),
                running: row?.state === 'running',
                nextRunAt: iso(row?.nextRunAt),
                lastRunAt: iso(row?.lastRunAt),
                lastFinishedAt: iso(row?.lastFinishedAt),
                failCount: row?.failCount ?? 0,
                failReason: row?.failReason ?? null,
                failedAt: iso(row?.failedAt),
                recentRuns: runs.map((r) => ({ ...r, at: r.at.toISOString() })),
            });
        }
        return statuses;
    }

    /**
     * Runs a job once, now, through the scheduler's locks (so it never runs
     * beside the same job on another instance), and waits for it when asked.
     */
    async runNow(jobName: string, wait = false, timeoutMs = 600_000): Promise<JobCounts | null> {
        const job = this.job(jobName);
        const done = wait ? this.waitFor(job, timeoutMs) : null;
        await this.agenda.now(name(job));
        if (!done) return null;
        // Run it here if this instance does not process jobs; a host's Agenda is the host's to start.
        if (this.ownsAgenda && !this.settings.process) await this.agenda.start();
        return done;
    }

    /**
     * Enqueues a task to run now with this data. With `uniqueBy` (data keys),
     * a task with the same values that is still queued or running is not
     * enqueued again.
     */
    async enqueue(
        name: string,
        data: Record<string, unknown>,
        uniqueBy: readonly string[] = [],
    ): Promise<void> {
        if (!this.tasks.some((t) => t.name === name)) throw new Error(`RefillScheduler: no task ${name}`);
        const job = this.agenda.create(taskName(name), data);
        if (uniqueBy.length)
            job.unique(Object.fromEntries(uniqueBy.map((k) => [`data.${k}`, data[k]])), { insertOnly: true });
        job.schedule(new Date());
        await job.save();
    }

    /** Pauses a job: it stays scheduled but no instance runs it until resumed. */
    async pause(jobName: string): Promise<void> {
        await this.agenda.disable({ name: name(this.job(jobName)) });
    }

    /** Resumes a paused job. */
    async resume(jobName: string): Promise<void> {
        await this.agenda.enable({ name: name(this.job(jobName)) });
    }

    private job(jobName: string): RefillJob {
        const job = this.byName.get(jobName);
        if (!job)
            throw new RefillError('REFILL_NOT_FOUND', `No job ${jobName}`, { jobs: [...this.byName.keys()] });
        return job;
    }

    private scheduleOf(job: RefillJob): string {
        return this.settings.schedules[job.name] ?? job.defaultSchedule;
    }

    private async runDefinition(job: RefillJob, agendaJob: Job): Promise<void> {
        const counts = await this.recorder.record(job.name, agendaJob.attrs._id?.toString(), () =>
            job.run({ touch: () => agendaJob.touch() }),
        );
        this.lastCounts.set(job.name, counts);
    }

    private async runTask(task: RefillTask, agendaJob: Job): Promise<void> {
        await this.recorder.record(task.name, agendaJob.attrs._id?.toString(), () =>
            task.run((agendaJob.attrs.data ?? {}) as Record<string, unknown>, {
                touch: () => agendaJob.touch(),
            }),
        );
    }

    private waitFor(job: RefillJob, timeoutMs: number): Promise<JobCounts> {
        return new Promise((ok, fail) => {
            const timer = setTimeout(() => {
                cleanup();
                fail(new RefillError('REFILL_TIMEOUT', `${job.name} did not finish in ${timeoutMs} ms`));
            }, timeoutMs);
            const onSuccess = () => {
                cleanup();
                ok(this.lastCounts.get(job.name) ?? {});
            };
            const onFail = (error: Error | string) => {
                cleanup();
                fail(error instanceof Error ? error : new Error(String(error)));
            };
            const cleanup = () => {
                clearTimeout(timer);
                this.agenda.off(`success:${name(job)}`, onSuccess);
                this.agenda.off(`fail:${name(job)}`, onFail);
            };
            this.agenda.on(`success:${name(job)}`, onSuccess);
            this.agenda.on(`fail:${name(job)}`, onFail);
        });
    }
}

/**
 * The Agenda job name of a Refill job. Prefixed, so Refill's jobs never
 * clash with a host's own jobs on a shared Agenda.
 */
function name(job: RefillJob): string {
    return `refill:${job.name}`;
}

/** The Agenda job name of a Refill task. */
function taskName(task: string): string {
    return `refill:${task}`;
}
