import { Router } from 'express';
import Joi from 'joi';
import { idParams } from '../../../kernel/http/admin.schemas.js';
import { pageAnswer, pageQueryKeys, type PageRequest } from '../../../kernel/http/page.js';
import { mountRoute } from '../../../kernel/http/route-table.js';
import { ADMIN_ROLES, STORE_BOUND_ROLES } from '../../../kernel/vocabulary/admin-roles.js';
import { MIN_PASSWORD_LENGTH } from '../services/admin-auth.service.js';
import type { AdminUserPatch, AdminUserService, NewAdminUser } from '../services/admin-user.service.js';
import { adminPrincipal } from './admin-session.middleware.js';
import { adminRoute } from './api-security.js';
import { adminUserViewSchema } from './admin-views.schemas.js';

const password = Joi.string().min(MIN_PASSWORD_LENGTH).max(1024);
const role = Joi.string().valid(...ADMIN_ROLES);
const displayName = Joi.string().trim().min(1).max(255).allow(null);
const storeIds = Joi.array().items(Joi.number().integer().min(1).max(2_147_483_647)).max(1000).unique();

const userQuery = Joi.object({ ...pageQueryKeys, q: Joi.string().trim().max(64).allow('') });
const createBody = Joi.object({
    username: Joi.string().max(64).required(),
    displayName,
    role: role.required(),
    storeIds: storeIds.when('role', {
        is: Joi.valid(...STORE_BOUND_ROLES),
        then: Joi.array().min(1).required(),
    }),
    password: password.required(),
});
const patchBody = Joi.object({ displayName, role, storeIds, disabled: Joi.boolean() }).min(1);
const resetBody = Joi.object({ password: password.required() });

/** The users routes: what each validates, who may call it, what it answers. */
export const adminUserRouteTable = {
    listUsers: adminRoute({
        method: 'get',
        path: '/users',
        roles: ['admin'],
        summary: 'Admin users, by id',
        description: '`q` keeps those whose username or display name contains it.',
        tags: ['users'],
        query: userQuery,
        success: { status: 200, description: 'A page of users', schema: pageAnswer(adminUserViewSchema) },
    }),
    createUser: adminRoute({
        method: 'post',
        path: '/users',
        roles: ['admin'],
        summary: 'Create an admin user',
        description: 'A manager needs at least one store. Audited (`admin_user.create`).',
        tags: ['users'],
        body: createBody,
        success: { status: 201, description: 'Created', schema: adminUserViewSchema },
        errors: { REFILL_CONFLICT: 'The username is taken' },
    }),
    updateUser: adminRoute({
        method: 'patch',
        path: '/users/:id',
        roles: ['admin'],
        summary: 'Change a user’s display name, role, stores, or disable them',
        description:
            'Disabling ends the user’s sessions and tokens. An admin cannot disable or demote themself. Audited (`admin_user.update`).',
        tags: ['users'],
        params: idParams,
        body: patchBody,
        success: { status: 200, description: 'Changed', schema: adminUserViewSchema },
        errors: {
            REFILL_NOT_FOUND: 'No user with this id',
            REFILL_UNPROCESSABLE: 'An admin tried to disable or demote themself',
        },
    }),
    resetPassword: adminRoute({
        method: 'post',
        path: '/users/:id/password',
        roles: ['admin'],
        summary: 'Set a user’s password',
        description: 'Ends the user’s sessions. Audited (`admin_user.password_reset`).',
        tags: ['users'],
        params: idParams,
        body: resetBody,
        success: { status: 204, description: 'Set', mediaTypes: [] },
        errors: { REFILL_NOT_FOUND: 'No user with this id' },
    }),
};

/** Admin users for admins: list, create, change, reset a password (each audited). */
export function adminUserRoutes(users: AdminUserService): Router {
    const router = Router();
    const id = (res: { locals: Record<string, unknown> }) => (res.locals.params as { id: number }).id;
    mountRoute(router, adminUserRouteTable.listUsers, async (_req, res) => {
        const { q, ...page } = res.locals.query as PageRequest & { q?: string };
        res.json(await users.page({ ...page, q: q || undefined }));
    });
    mountRoute(router, adminUserRouteTable.createUser, async (_req, res) => {
        const body = res.locals.body as NewAdminUser;
        res.status(201).json(await users.create(body, adminPrincipal(res).username));
    });
    mountRoute(router, adminUserRouteTable.updateUser, async (_req, res) => {
        res.json(await users.update(id(res), res.locals.body as AdminUserPatch, adminPrincipal(res)));
    });
    mountRoute(router, adminUserRouteTable.resetPassword, async (_req, res) => {
        const { password: next } = res.locals.body as { password: string };
        await users.resetPassword(id(res), next, adminPrincipal(res));
        res.status(204).end();
    });
    return router;
}
