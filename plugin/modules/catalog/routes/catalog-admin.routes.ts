import { Router } from 'express';
import type { CardKind } from '../../customers/entities/customer.entity.js';
import type { AdminRole } from '../../admin/entities/admin-user.entity.js';
import type { AdminTokenService } from '../../admin/services/admin-token.service.js';
import type { CategoryRebuildService } from '../services/category-rebuild.service.js';
import type { ChronicCategoryService } from '../services/chronic-category.service.js';
import type { CustomerService } from '../../customers/services/customer.service.js';
import { validate } from '../../../kernel/http/validate.js';
import {
    cardKindBody,
    cardParams,
    categoryBody,
    codeParams,
    tokenBody,
} from '../../campaigns/routes/campaign.schemas.js';
import { adminPrincipal, requireRole } from '../../admin/routes/admin-session.middleware.js';

/** What the category, card-kind and token routes call. */
export interface CatalogAdminServices {
    categories: ChronicCategoryService;
    categoryRebuilds: CategoryRebuildService;
    customers: CustomerService;
    adminTokens: AdminTokenService;
}

/**
 * Chronic categories with their reach (list, read, create or change —
 * audited) and the rebuild of their lines and statistics from the stored
 * history (progress; start or resume — audited), marking test and employee
 * cards, and API tokens (admins only; the token is in the response once and
 * never again).
 */
export function adminCatalogRoutes(s: CatalogAdminServices): Router {
    const router = Router();
    router.get('/categories', requireRole('admin', 'manager', 'marketer'), async (req, res) => {
        res.json({ categories: await s.categories.list(req.query.reach !== 'false') });
    });
    router.get(
        '/categories/:code',
        requireRole('admin', 'manager', 'marketer'),
        validate({ params: codeParams }),
        async (_req, res) => {
            res.json({ category: await s.categories.get((res.locals.params as { code: string }).code) });
        },
    );
    router.put(
        '/categories/:code',
        requireRole('admin', 'marketer'),
        validate({ params: codeParams, body: categoryBody }),
        async (_req, res) => {
            const { code } = res.locals.params as { code: string };
            const { marginPct, ...body } = res.locals.body as Record<string, unknown> & {
                marginPct: number | null;
            };
            const category = await s.categories.upsert(
                { ...body, code, marginBp: marginPct === null ? null : Math.round(marginPct * 100) } as never,
                adminPrincipal(res).username,
            );
            res.json({ category });
        },
    );
    router.get(
        '/categories/:code/rebuild',
        requireRole('admin', 'manager', 'marketer'),
        validate({ params: codeParams }),
        async (_req, res) => {
            const { code } = res.locals.params as { code: string };
            res.json({ rebuild: await s.categoryRebuilds.progress(code) });
        },
    );
    router.post(
        '/categories/:code/rebuild',
        requireRole('admin', 'marketer'),
        validate({ params: codeParams }),
        async (_req, res) => {
            const { code } = res.locals.params as { code: string };
            res.status(202).json({
                rebuild: await s.categoryRebuilds.rebuild(code, adminPrincipal(res).username),
            });
        },
    );
    router.put(
        '/customers/:card/card-kind',
        requireRole('admin', 'manager'),
        validate({ params: cardParams, body: cardKindBody }),
        async (_req, res) => {
            const { card } = res.locals.params as { card: string };
            const { cardKind } = res.locals.body as { cardKind: CardKind };
            await s.customers.setCardKind(card, cardKind, adminPrincipal(res).username);
            res.json({ cardKind });
        },
    );
    router.post('/tokens', requireRole('admin'), validate({ body: tokenBody }), async (_req, res) => {
        const { name, role } = res.locals.body as { name: string; role: AdminRole };
        // The new token acts for the person creating it (none when a token of no person creates it).
        const { username, userId } = adminPrincipal(res);
        const token = await s.adminTokens.create(name, role, username, userId === null ? null : username);
        res.status(201).json({ name, role, token });
    });
    router.delete(
        '/tokens/:code',
        requireRole('admin'),
        validate({ params: codeParams }),
        async (_req, res) => {
            await s.adminTokens.revoke(
                (res.locals.params as { code: string }).code,
                adminPrincipal(res).username,
            );
            res.status(204).end();
        },
    );
    return router;
}
