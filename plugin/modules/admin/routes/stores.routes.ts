import { Router, type Response } from 'express';
import Joi from 'joi';
import { codeParams, idParams } from '../../../kernel/http/admin.schemas.js';
import { pageAnswer, pageQueryKeys, type PageRequest } from '../../../kernel/http/page.js';
import { ianaTimezone } from '../../../kernel/http/pos.schemas.js';
import { mountRoute } from '../../../kernel/http/route-table.js';
import { isStoreBound, READER_ROLES } from '../../../kernel/vocabulary/admin-roles.js';
import type { PosKey } from '../entities/pos-key.entity.js';
import type { Store } from '../entities/store.entity.js';
import { storeLocation, type StoreFields } from '../repositories/store.repository.js';
import type { PosKeyService } from '../services/pos-key.service.js';
import type { StoreService } from '../services/store.service.js';
import { adminPrincipal } from './admin-session.middleware.js';
import { adminRoute } from './api-security.js';
import { geoPointSchema, posKeyViewSchema, storeViewSchema } from './admin-views.schemas.js';

const storeBody = Joi.object({
    name: Joi.string().trim().min(1).max(255).required(),
    timezone: ianaTimezone.allow(null).description('IANA timezone; null for the chain’s; kept when absent'),
    address: Joi.string().trim().max(500).allow(null).description('Kept when absent'),
    location: geoPointSchema
        .allow(null)
        .description('Where the store is (WGS 84); null clears; kept when absent'),
});
const keyBody = Joi.object({ label: Joi.string().trim().max(255).allow(null) });
const unknownStore = { REFILL_STORE_NOT_FOUND: 'No store with this code' } as const;

/** The stores and POS keys routes: what each validates, who may call it, what it answers. */
export const adminStoreRouteTable = {
    listStores: adminRoute({
        method: 'get',
        path: '/stores',
        roles: READER_ROLES,
        summary: 'Stores, by id, with their active POS key counts',
        description: 'A manager sees only their stores.',
        tags: ['stores'],
        query: Joi.object(pageQueryKeys),
        success: { status: 200, description: 'A page of stores', schema: pageAnswer(storeViewSchema) },
    }),
    putStore: adminRoute({
        method: 'put',
        path: '/stores/:code',
        roles: ['admin'],
        summary: 'Create a store, or change its name, timezone, address and location',
        description: 'Audited (`store.upsert`).',
        tags: ['stores'],
        params: codeParams,
        body: storeBody,
        success: { status: 200, description: 'Changed', schema: storeViewSchema },
        answers: { 201: { description: 'Created', schema: storeViewSchema } },
    }),
    listPosKeys: adminRoute({
        method: 'get',
        path: '/stores/:code/pos-keys',
        roles: ['admin'],
        summary: 'A store’s POS keys, newest first, with when and from where each was last used',
        tags: ['stores'],
        params: codeParams,
        success: {
            status: 200,
            description: '`{ data }`',
            schema: Joi.object({ data: Joi.array().items(posKeyViewSchema).required() }),
        },
        errors: unknownStore,
    }),
    createPosKey: adminRoute({
        method: 'post',
        path: '/stores/:code/pos-keys',
        roles: ['admin'],
        summary: 'Create a POS key for a store',
        description: 'The secret is in this answer once and never again. Audited (`pos_key.create`).',
        tags: ['stores'],
        params: codeParams,
        body: keyBody,
        success: {
            status: 201,
            description: 'Created',
            schema: Joi.object({
                key: posKeyViewSchema.required(),
                secret: Joi.string().required().description('The key tills send; shown once'),
            }),
        },
        errors: unknownStore,
    }),
    revokePosKey: adminRoute({
        method: 'post',
        path: '/pos-keys/:id/revoke',
        roles: ['admin'],
        summary: 'Revoke a POS key',
        description:
            'It stops working within about half a second on every instance. Revoking a revoked key changes nothing. Audited (`pos_key.revoke`).',
        tags: ['stores'],
        params: idParams,
        success: { status: 200, description: 'Revoked', schema: posKeyViewSchema },
        errors: { REFILL_NOT_FOUND: 'No POS key with this id' },
    }),
};

/** The API view of a POS key. */
function keyView(k: PosKey) {
    return {
        id: k.id,
        hint: k.keyHint,
        label: k.label,
        createdAt: k.createdAt,
        revokedAt: k.revokedAt,
        lastUsedAt: k.lastUsedAt,
        lastUsedIp: k.lastUsedIp,
    };
}

/** The API view of a store. */
function storeView(s: Store, activeKeys: number) {
    const { id, code, name, timezone, address, createdAt } = s;
    return { id, code, name, timezone, address, location: storeLocation(s), createdAt, activeKeys };
}

const code = (res: Response) => (res.locals.params as { code: string }).code;

/** Stores (every role reads; a manager only theirs) and their POS keys (admin), audited. */
export function adminStoreRoutes(stores: StoreService, keys: PosKeyService): Router {
    const router = Router();
    mountRoute(router, adminStoreRouteTable.listStores, async (_req, res) => {
        const p = adminPrincipal(res);
        const page = await stores.page(
            res.locals.query as PageRequest,
            isStoreBound(p.role) ? p.storeIds : undefined,
        );
        res.json({ ...page, data: page.data.map((s) => storeView(s, s.activeKeys)) });
    });
    mountRoute(router, adminStoreRouteTable.putStore, async (_req, res) => {
        const body = res.locals.body as StoreFields;
        const { store, created } = await stores.put(code(res), body, adminPrincipal(res).username);
        const active = (await keys.listByStore(store.code)).filter((k) => !k.revokedAt).length;
        res.status(created ? 201 : 200).json(storeView(store, active));
    });
    mountRoute(router, adminStoreRouteTable.listPosKeys, async (_req, res) => {
        res.json({ data: (await keys.listByStore(code(res))).map(keyView) });
    });
    mountRoute(router, adminStoreRouteTable.createPosKey, async (_req, res) => {
        const { label } = res.locals.body as { label?: string | null };
        const created = await keys.create(code(res), label ?? null, adminPrincipal(res).username);
        res.status(201).json({ key: keyView(await keys.get(created.id)), secret: created.key });
    });
    mountRoute(router, adminStoreRouteTable.revokePosKey, async (_req, res) => {
        const { id } = res.locals.params as { id: number };
        const key = await keys.get(id);
        if (!key.revokedAt) await keys.revoke(id, adminPrincipal(res).username);
        res.json(keyView(await keys.get(id)));
    });
    return router;
}
