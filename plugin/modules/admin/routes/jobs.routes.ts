import { Router } from 'express';
import Joi from 'joi';
import type { JobControlService } from '../../../kernel/jobs/job-control.service.js';
import { mountRoute } from '../../../kernel/http/route-table.js';
import { adminPrincipal } from './admin-session.middleware.js';
import { adminRoute } from './api-security.js';

const jobParams = Joi.object({
    name: Joi.string()
        .pattern(/^[a-z0-9-]{1,64}$/)
        .required(),
});

const nullableTime = Joi.string().isoDate().allow(null).required();

/** One job as `GET /jobs` lists it. */
const jobStatusSchema = Joi.object({
    name: Joi.string().required(),
    description: Joi.string().required(),
    schedule: Joi.string().required().description('When it runs (cron or interval, in the chain’s timezone)'),
    paused: Joi.boolean().required(),
    running: Joi.boolean().required(),
    nextRunAt: nullableTime,
    lastRunAt: nullableTime,
    lastFinishedAt: nullableTime,
    failCount: Joi.number().integer().required(),
    failReason: Joi.string().allow(null).required(),
    failedAt: nullableTime,
    recentRuns: Joi.array()
        .items(
            Joi.object({
                at: Joi.string().isoDate().required(),
                event: Joi.string().valid('start', 'success', 'fail').required(),
                durationMs: Joi.number(),
                counts: Joi.object()
                    .pattern(Joi.string(), Joi.number())
                    .description('What the run did, by name'),
                error: Joi.string(),
            }),
        )
        .required(),
}).id('JobStatus');

/** A run, pause or resume of one job. */
function jobAction(verb: 'run' | 'pause' | 'resume', summary: string) {
    return adminRoute({
        method: 'post',
        path: `/jobs/:name/${verb}`,
        roles: ['admin'],
        summary,
        description: 'Audited.',
        tags: ['jobs'],
        params: jobParams,
        success: {
            status: 202,
            description: 'Accepted',
            schema: Joi.object({
                job: Joi.string().required(),
                action: Joi.string().valid('run', 'pause', 'resume').required(),
            }),
        },
        errors: { REFILL_NOT_FOUND: 'No job of this name' },
    });
}

/** The job routes: what each validates, who may call it, what it answers. */
export const adminJobRouteTable = {
    listJobs: adminRoute({
        method: 'get',
        path: '/jobs',
        roles: ['admin', 'manager', 'analyst'],
        summary: 'Jobs with their schedule, last and next run, failures and recent runs',
        tags: ['jobs'],
        success: {
            status: 200,
            description: 'Every job',
            schema: Joi.object({ jobs: Joi.array().items(jobStatusSchema).required() }),
        },
    }),
    runJob: jobAction('run', 'Run a job now'),
    pauseJob: jobAction('pause', 'Pause a job'),
    resumeJob: jobAction('resume', 'Resume a paused job'),
};

/**
 * Jobs for operators: list them with schedule, last and next run, failures
 * and recent runs (admin, manager, analyst); run now, pause, resume (admin, audited).
 */
export function adminJobsRoutes(jobs: JobControlService): Router {
    const router = Router();
    mountRoute(router, adminJobRouteTable.listJobs, async (_req, res) => {
        res.json({ jobs: await jobs.list() });
    });
    for (const verb of ['run', 'pause', 'resume'] as const) {
        mountRoute(router, adminJobRouteTable[`${verb}Job`], async (_req, res) => {
            const { name } = res.locals.params as { name: string };
            const actor = adminPrincipal(res).username;
            if (verb === 'run') await jobs.run(name, actor);
            else await jobs[verb](name, actor);
            res.status(202).json({ job: name, action: verb });
        });
    }
    return router;
}
