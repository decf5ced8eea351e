import { Router } from 'express';
import {
    adminCardParams as cardParams,
    type CardKind,
    cardKindBody,
    type CustomerService,
} from '../../customers/index.js';
import {
    adminPrincipal,
    type AdminRole,
    adminRoute,
    type AdminTokenService,
    tokenBody,
} from '../../admin/index.js';
import type { CatalogService } from '../services/catalog.service.js';
import type { CategoryRebuildService } from '../services/category-rebuild.service.js';
import type { ChronicCategoryService } from '../services/chronic-category.service.js';
import { mountRoute } from '../../../kernel/http/route-table.js';
import { percentToBasisPoints } from '../../../kernel/units/shares.js';
import { codeParams } from '../../../kernel/http/admin.schemas.js';
import { categoryBody } from './category.schemas.js';
import {
    atcAnswer,
    atcQuery,
    categoriesAnswer,
    categoriesQuery,
    categoryAnswer,
    rebuildAnswer,
} from './category-views.schemas.js';
import { EDITOR_ROLES, READER_ROLES } from '../../../kernel/vocabulary/admin-roles.js';

/** What the category, card-kind and token routes call. */
export interface CatalogAdminServices {
    catalog: Pick<CatalogService, 'atcSuggestions'>;
    categories: ChronicCategoryService;
    categoryRebuilds: CategoryRebuildService;
    customers: CustomerService;
    adminTokens: AdminTokenService;
}

const READ = READER_ROLES;
const WRITE = EDITOR_ROLES;
const unknownCategory = { REFILL_NOT_FOUND: 'No category with this code' };

/** The category, card-kind and token routes: what each validates, who may call it, what it answers. */
export const adminCatalogRouteTable = {
    listCategories: adminRoute({
        method: 'get',
        path: '/categories',
        roles: READ,
        summary: 'Every category, chronic ones first, with reach (biggest revenue first)',
        description:
            'Reach: buyers and net revenue (minor units) of the last 365 days, and the buyers lapsed today. `?reach=false` leaves the reach out (faster).',
        tags: ['categories'],
        query: categoriesQuery,
        success: { status: 200, description: '`{ categories }`', schema: categoriesAnswer },
    }),
    getCategory: adminRoute({
        method: 'get',
        path: '/categories/:code',
        roles: READ,
        summary: 'One category with its rules, reach and rebuild progress',
        tags: ['categories'],
        params: codeParams,
        success: { status: 200, description: '`{ category }`', schema: categoryAnswer },
        errors: unknownCategory,
    }),
    putCategory: adminRoute({
        method: 'put',
        path: '/categories/:code',
        roles: WRITE,
        summary: 'Create or change a category',
        description:
            'ATC prefixes are stored upper-case; a prefix or SKU belongs to one category only. `marginPct` is percent. Audited.',
        tags: ['categories'],
        params: codeParams,
        body: categoryBody,
        success: { status: 200, description: '`{ category }`', schema: categoryAnswer },
        errors: { REFILL_CONFLICT: 'An ATC prefix or SKU belongs to another category (`details`)' },
    }),
    categoryRebuildProgress: adminRoute({
        method: 'get',
        path: '/categories/:code/rebuild',
        roles: READ,
        summary: 'The progress of the category’s rebuild (null if it was never rebuilt)',
        tags: ['categories'],
        params: codeParams,
        success: { status: 200, description: '`{ rebuild }`', schema: rebuildAnswer },
        errors: unknownCategory,
    }),
    rebuildCategory: adminRoute({
        method: 'post',
        path: '/categories/:code/rebuild',
        roles: WRITE,
        summary: 'Rebuild the category’s lines and statistics from the stored history',
        description:
            'Takes over a failed or unfinished rebuild from its checkpoint, or starts a new one. Runs on a worker. Audited.',
        tags: ['categories'],
        params: codeParams,
        success: { status: 202, description: 'Started: `{ rebuild }`', schema: rebuildAnswer },
        errors: unknownCategory,
    }),
    atcSuggestions: adminRoute({
        method: 'get',
        path: '/catalog/atc',
        roles: READ,
        summary: 'The catalogue’s ATC prefixes starting with the typed text, with their products and buyers',
        description:
            'For the category editor: prefixes at the ATC levels (1, 3, 4, 5 and 7 characters) that start with `prefix` (any case), shorter levels first, each with how many catalogue products and how many buyers of the last 365 days it matches.',
        tags: ['categories'],
        query: atcQuery,
        success: { status: 200, description: '`{ suggestions }`', schema: atcAnswer },
    }),
    setCardKind: adminRoute({
        method: 'put',
        path: '/customers/:card/card-kind',
        roles: ['admin', 'manager'],
        summary: 'Mark a card as a regular, test or employee card',
        description: 'Campaigns leave test and employee cards out. Audited.',
        tags: ['customers'],
        params: cardParams,
        body: cardKindBody,
        success: { status: 200, description: '`{ cardKind }`' },
        errors: { REFILL_CUSTOMER_NOT_FOUND: 'No customer with this card' },
    }),
    createToken: adminRoute({
        method: 'post',
        path: '/tokens',
        roles: ['admin'],
        summary: 'Create an API token',
        description:
            'The token acts for the person creating it. It is in this answer once and never again. Audited.',
        tags: ['tokens'],
        body: tokenBody,
        success: { status: 201, description: '`{ name, role, token }`' },
    }),
    revokeToken: adminRoute({
        method: 'delete',
        path: '/tokens/:code',
        roles: ['admin'],
        summary: 'Revoke every live token of this name',
        description: 'Audited.',
        tags: ['tokens'],
        params: codeParams,
        success: { status: 204, description: 'Revoked', mediaTypes: [] },
        errors: { REFILL_NOT_FOUND: 'No live token of this name' },
    }),
};

/**
 * Chronic categories with their reach (list, read, create or change —
 * audited) and the rebuild of their lines and statistics from the stored
 * history (progress; start or resume — audited), marking test and employee
 * cards, and API tokens (admins only; the token is in the response once and
 * never again).
 */
export function adminCatalogRoutes(s: CatalogAdminServices): Router {
    const router = Router();
    const table = adminCatalogRouteTable;
    mountRoute(router, table.listCategories, async (_req, res) => {
        const { reach } = res.locals.query as { reach: boolean };
        res.json({ categories: await s.categories.list(reach) });
    });
    mountRoute(router, table.getCategory, async (_req, res) => {
        res.json({ category: await s.categories.get((res.locals.params as { code: string }).code) });
    });
    mountRoute(router, table.putCategory, async (_req, res) => {
        const { code } = res.locals.params as { code: string };
        const { marginPct, ...body } = res.locals.body as Record<string, unknown> & {
            marginPct: number | null;
        };
        const category = await s.categories.upsert(
            { ...body, code, marginBp: marginPct === null ? null : percentToBasisPoints(marginPct) } as never,
            adminPrincipal(res).username,
        );
        res.json({ category });
    });
    mountRoute(router, table.categoryRebuildProgress, async (_req, res) => {
        const { code } = res.locals.params as { code: string };
        res.json({ rebuild: await s.categoryRebuilds.progress(code) });
    });
    mountRoute(router, table.rebuildCategory, async (_req, res) => {
        const { code } = res.locals.params as { code: string };
        res.status(202).json({
            rebuild: await s.categoryRebuilds.rebuild(code, adminPrincipal(res).username),
        });
    });
    mountRoute(router, table.atcSuggestions, async (_req, res) => {
        const { prefix, limit } = res.locals.query as { prefix: string; limit: number };
        res.json({ suggestions: await s.catalog.atcSuggestions(prefix, limit) });
    });
    mountRoute(router, table.setCardKind, async (_req, res) => {
        const { card } = res.locals.params as { card: string };
        const { cardKind } = res.locals.body as { cardKind: CardKind };
        await s.customers.setCardKind(card, cardKind, adminPrincipal(res).username);
        res.json({ cardKind });
    });
    mountRoute(router, table.createToken, async (_req, res) => {
        const { name, role } = res.locals.body as { name: string; role: AdminRole };
        // The new token acts for the person creating it (none when a token of no person creates it).
        const { username, userId } = adminPrincipal(res);
        const token = await s.adminTokens.create(name, role, username, userId === null ? null : username);
        res.status(201).json({ name, role, token });
    });
    mountRoute(router, table.revokeToken, async (_req, res) => {
        await s.adminTokens.revoke(
            (res.locals.params as { code: string }).code,
            adminPrincipal(res).username,
        );
        res.status(204).end();
    });
    return router;
}
