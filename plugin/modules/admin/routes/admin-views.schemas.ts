import Joi from 'joi';
import { isoTime } from '../../../kernel/http/page.js';
import { ADMIN_ROLES } from '../../../kernel/vocabulary/admin-roles.js';

/*
 * The answers of the admin module's routes (session, users, stores, POS
 * keys, audit), as joi schemas for the OpenAPI document and the admin UI's
 * generated types. Named with `.id()` so the document lists each once.
 */

const role = Joi.string().valid(...ADMIN_ROLES);
const storeIds = Joi.array()
    .items(Joi.number().integer())
    .description('The stores of a manager; empty for other roles');

/** The signed-in person. */
export const sessionUserSchema = Joi.object({
    id: Joi.number().integer().required(),
    username: Joi.string().required(),
    displayName: Joi.string().allow(null).required(),
    role: role.required(),
    storeIds: storeIds.required(),
}).id('SessionUser');

/** `GET /session` and `POST /session`. */
export const sessionAnswer = Joi.object({
    user: sessionUserSchema.required(),
    csrfToken: Joi.string().required().description('Send it in `X-CSRF-Token` with every change'),
    expiresAt: isoTime.required().description('When the session ends unless used again'),
    chain: Joi.object({
        timezone: Joi.string().required().description('IANA timezone of day boundaries and schedules'),
        currency: Joi.string()
            .required()
            .description('ISO 4217 currency; amounts and bonuses in its minor units'),
    })
        .required()
        .description('What a client needs to show money and times as the chain does'),
}).id('Session');

/** An admin user. */
export const adminUserViewSchema = Joi.object({
    id: Joi.number().integer().required(),
    username: Joi.string().required(),
    displayName: Joi.string().allow(null).required(),
    role: role.required(),
    storeIds: storeIds.required(),
    disabled: Joi.boolean().required(),
    lastLoginAt: isoTime.allow(null).required(),
    createdAt: isoTime.required(),
}).id('AdminUserView');

/** A point in degrees (WGS 84), kept to six decimals (about 0.1 m). */
export const geoPointSchema = Joi.object({
    lat: Joi.number().min(-90).max(90).required().description('Latitude, degrees'),
    lon: Joi.number().min(-180).max(180).required().description('Longitude, degrees'),
}).id('GeoPoint');

/** A store as the admin API answers it. */
export const storeViewSchema = Joi.object({
    id: Joi.number().integer().required(),
    code: Joi.string().required(),
    name: Joi.string().required(),
    timezone: Joi.string().allow(null).required().description('IANA timezone; the chain’s when null'),
    address: Joi.string().allow(null).required(),
    location: geoPointSchema.allow(null).required().description('Where the store is; null when not given'),
    createdAt: isoTime.required(),
    activeKeys: Joi.number().integer().required().description('Unrevoked POS keys'),
}).id('StoreView');

/** A POS key, never the key itself. */
export const posKeyViewSchema = Joi.object({
    id: Joi.number().integer().required(),
    hint: Joi.string().required().description('The first characters of the key'),
    label: Joi.string().allow(null).required(),
    createdAt: isoTime.required(),
    revokedAt: isoTime.allow(null).required(),
    lastUsedAt: isoTime.allow(null).required().description('Recorded at most once a minute'),
    lastUsedIp: Joi.string().allow(null).required(),
}).id('PosKeyView');

/** An audit entry. */
export const auditViewSchema = Joi.object({
    id: Joi.number().integer().required(),
    actor: Joi.string().required(),
    action: Joi.string().required(),
    entityType: Joi.string().required(),
    entityId: Joi.string().allow(null).required(),
    details: Joi.object().unknown(true).allow(null).required(),
    createdAt: isoTime.required(),
}).id('AuditView');
