import { Router } from 'express';
import Joi from 'joi';
import type { JobControlService } from '../../../kernel/jobs/job-control.service.js';
import { validate } from '../../../kernel/http/validate.js';
import { adminPrincipal, requireRole } from './admin-session.middleware.js';

const jobParams = Joi.object({
    name: Joi.string()
        .pattern(/^[a-z0-9-]{1,64}$/)
        .required(),
});

/**
 * Jobs for operators: list them with schedule, last and next run, failures
 * and recent runs (admin, manager); run now, pause, resume (admin, audited).
 */
export function adminJobsRoutes(jobs: JobControlService): Router {
    const router = Router();
    router.get('/jobs', requireRole('admin', 'manager'), async (_req, res) => {
        res.json({ jobs: await jobs.list() });
    });
    for (const verb of ['run', 'pause', 'resume'] as const) {
        router.post(
            `/jobs/:name/${verb}`,
            requireRole('admin'),
            validate({ params: jobParams }),
            async (_req, res) => {
                const { name } = res.locals.params as { name: string };
                const actor = adminPrincipal(res).username;
                if (verb === 'run') await jobs.run(name, actor);
                else await jobs[verb](name, actor);
                res.status(202).json({ job: name, action: verb });
            },
        );
    }
    return router;
}
