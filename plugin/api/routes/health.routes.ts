import { Router } from 'express';
import type { HealthService } from '../../kernel/db/health.service.js';

/**
 * Health endpoints on Refill's router, so a host that mounts it gets them
 * under its prefix too: `GET /health/live` (the process answers; never the
 * database), `GET /health/ready` (the database answers `SELECT 1` within a
 * second and Refill is not shutting down; 503 otherwise) and `GET /health`
 * (both, with the readiness status code). Never cached.
 */
export function healthRoutes(health: HealthService): Router {
    const router = Router();
    router.use('/health', (_req, res, next) => {
        res.setHeader('Cache-Control', 'no-store');
        next();
    });
    router.get('/health/live', (_req, res) => {
        res.json(health.live());
    });
    router.get('/health/ready', async (_req, res) => {
        const ready = await health.ready();
        res.status(ready.status === 'ok' ? 200 : 503).json(ready);
    });
    router.get('/health', async (_req, res) => {
        const ready = await health.ready();
        res.status(ready.status === 'ok' ? 200 : 503).json({
            status: ready.status,
            live: true,
            ready: ready.status === 'ok',
            database: ready.database,
        });
    });
    return router;
}
