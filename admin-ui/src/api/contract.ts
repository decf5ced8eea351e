/**
 * Shapes from the admin API contract (docs: /work/notes/ui-contract.md) that
 * the generated OpenAPI types do not carry yet: routes being built in
 * parallel, or answers whose joi response schema is still missing. Once a
 * path appears in the generated `paths`, the generated one wins (see
 * `AdminPaths` in client.ts) and its entry here can go.
 */

/** The admin roles, as the API names them. */
export const ADMIN_ROLES = ['admin', 'marketer', 'manager', 'analyst'] as const;

/** One admin role. */
export type Role = (typeof ADMIN_ROLES)[number];

/** The signed-in user (`GET /session`). */
export interface SessionUser {
    id: number;
    username: string;
    displayName: string | null;
    role: Role;
    /** The stores a manager is bound to; empty for other roles. */
    storeIds: number[];
}

/** `GET /session` and `POST /session`. */
export interface SessionView {
    user: SessionUser;
    csrfToken: string;
    expiresAt: string;
    /** The chain's settings, if the API sends them (else the UI takes them from the dashboard). */
    chain?: ChainSettings;
}

/** What the UI needs to know about the chain to show money and times. */
export interface ChainSettings {
    /** IANA timezone of the chain (day boundaries, schedules). */
    timezone: string;
    /** ISO 4217 currency of the chain's money (amounts are in its minor units). */
    currency: string;
}

/** Figures for the dashboard (`GET /dashboard`). */
export interface DashboardView {
    asOf: string;
    timezone: string;
    currency: string;
    members: { total: number; active30d: number; newThisMonth: number };
    liability: { outstanding: number; burnsNext30d: number };
    bonusFlow: { day: string; accrued: number; redeemed: number }[];
    receipts: { day: string; storeId: number; storeCode: string; receipts: number; revenue: number }[];
    campaigns: {
        id: number;
        name: string;
        status: string;
        members: number;
        uplift: { estimate: number; low: number; high: number } | null;
    }[];
    messagesToday: { channel: string; sent: number; delivered: number; failed: number }[];
    failedJobs: { name: string; failedAt: string; error: string | null }[];
}

/** A store as `GET /stores` lists it. */
export interface StoreView {
    id: number;
    code: string;
    name: string;
    timezone: string | null;
    address: string | null;
    createdAt: string;
    activeKeys: number;
}

/** A page of a keyset-paginated list. */
export interface Page<T> {
    data: T[];
    meta: { pagination: { limit: number; nextCursor: string | null } };
}

type Json<T> = { content: { 'application/json': T } };
type NoContent = { content?: never };
type NoParams = { query?: never; header?: never; path?: never; cookie?: never };

/** Contract paths missing from the generated document, in openapi-typescript's shape. */
export interface PendingPaths {
    '/session/password': {
        post: {
            parameters: NoParams;
            requestBody: Json<{ currentPassword: string; newPassword: string }>;
            responses: { 204: NoContent };
        };
    };
    '/dashboard': {
        get: {
            parameters: { query?: { storeId?: number } };
            responses: { 200: Json<DashboardView> };
        };
    };
    '/stores': {
        get: {
            parameters: { query?: { cursor?: string; limit?: number } };
            responses: { 200: Json<Page<StoreView>> };
        };
    };
}
