import type { components } from './schema';

/**
 * The admin API's shapes the UI names: aliases of the generated OpenAPI
 * types, and shapes from the contract (/work/notes/ui-contract.md) of routes
 * not in the generated document yet (built in parallel). Once a path appears
 * in the generated `paths`, the generated one wins (see `AdminPaths` in
 * client.ts) and its entry here can go.
 */

/** The signed-in user (`GET /session`). */
export type SessionUser = components['schemas']['SessionUser'];

/** One admin role. */
export type Role = SessionUser['role'];

/** The admin roles, most powerful first (the API's vocabulary; the compiler checks they are roles). */
export const ADMIN_ROLES = ['admin', 'marketer', 'manager', 'analyst'] as const satisfies readonly Role[];

/** `GET /session` and `POST /session`, and the chain's settings if the API sends them (else the dashboard's). */
export type SessionView = components['schemas']['Session'] & { chain?: ChainSettings };

/** A store as `GET /stores` lists it. */
export type StoreView = components['schemas']['StoreView'];

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

type Json<T> = { content: { 'application/json': T } };

/** Contract paths missing from the generated document, in openapi-typescript's shape. */
export interface PendingPaths {
    '/dashboard': {
        get: {
            parameters: { query?: { storeId?: number } };
            responses: { 200: Json<DashboardView> };
        };
    };
}
