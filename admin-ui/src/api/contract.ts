import type { components, operations } from './schema';

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

/** The API's minimum length of a password (`MIN_PASSWORD_LENGTH` of the admin module): sign-up, reset and change. */
export const MIN_PASSWORD_LENGTH = 12;

/** `GET /session` and `POST /session`: the user, the CSRF token and the chain's timezone and currency. */
export type SessionView = components['schemas']['Session'];

/** A store as `GET /stores` lists it. */
export type StoreView = components['schemas']['StoreView'];

/** What the UI needs to know about the chain to show money and times. */
export type ChainSettings = SessionView['chain'];

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

type Schemas = components['schemas'];

/** A customer in the search results (`GET /customers`). */
export type CustomerSummary = Schemas['CustomerSummary'];

/** How a card is used: campaigns leave test and employee cards out. */
export type CardKind = CustomerSummary['cardKind'];

/** A store beside a customer. */
export type StoreRef = Schemas['StoreRef'];

/** The customer card (`GET /customers/:cardNumber`, and the answer of the desk actions). */
export type CustomerCard = Schemas['CustomerCard'];

/** The customer's profile on the card. */
export type CustomerProfile = Schemas['CustomerProfile'];

/** A consent as it stands now. */
export type ConsentView = CustomerCard['consents'][number];

/** One change of a consent, newest first. */
export type ConsentHistoryView = CustomerCard['consentHistory'][number];

/** One consent channel. */
export type ConsentChannel = ConsentView['channel'];

/** A consent's purpose: offers (`marketing`) or bonus expiry, balance, welcome (`service`). */
export type ConsentKind = ConsentView['kind'];

/** The channels a customer grants or withdraws consent for, in the API's order. */
export const CONSENT_CHANNELS = [
    'sms',
    'email',
    'push',
    'telegram',
    'viber',
    'whatsapp',
] as const satisfies readonly ConsentChannel[];

/** A bonus lot (`GET /customers/:cardNumber/lots`). */
export type BonusLotView = Schemas['BonusLotView'];

/** Why a ledger line happened. */
export type LedgerCause = Schemas['LedgerCause'];

/** One line of the customer's ledger, newest first. */
export type LedgerLine = Schemas['LedgerLine'];

/** A receipt with its lines and returns (`GET /customers/:cardNumber/receipts`). */
export type ReceiptView = Schemas['ReceiptView'];

/** A personal offer (`GET /customers/:cardNumber/offers`). */
export type OfferView = Schemas['CustomerOffer'];

/** A campaign membership (`GET /customers/:cardNumber/campaigns`). */
export type CampaignMembershipView = Schemas['CustomerMembership'];

/** The contact policy's decision on a message, with the figures of the rule that held it. */
export interface ContactVerdictView {
    decision: 'send' | 'hold' | 'drop';
    /** The rule that held or dropped it (`daily_cap`, `no_consent`…). */
    reason?: string;
    nextAllowedAt?: string;
    used?: number;
    cap?: number;
    gapMinutes?: number;
    /** The zone the rule was applied in. */
    timezone?: string;
    /** A service cap waived because the deadline would pass otherwise. */
    waived?: { reason: string; used: number; cap: number };
}

/** A message to the customer with its verdict (`GET /customers/:cardNumber/messages`). */
export type CustomerMessageView = Omit<Schemas['CustomerMessage'], 'verdict'> & {
    verdict: ContactVerdictView | null;
};

/** A reminder cascade of the customer. */
export type CustomerCascadeView = Schemas['CustomerCascade'];

/** `GET /customers/:cardNumber/messages`: the latest 50 messages and cascades, newest first. */
export interface CustomerMessagesView {
    messages: CustomerMessageView[];
    cascades: CustomerCascadeView[];
}

/** The answer of a manual adjustment. */
export interface AdjustmentResult {
    entryId: number;
    balance: { available: number; pending: number; debt: number };
    /** True for a retry with a used key: nothing changed. */
    replayed: boolean;
}

/** The editable contacts of a customer; a field left out stays, `null` clears it. */
export interface ContactsChange {
    name?: string | null;
    phone?: string | null;
    email?: string | null;
    timezone?: string | null;
    locale?: 'ru' | 'en' | null;
    reason: string;
}

/** An audit log entry (`GET /audit`), newest first. */
export type AuditView = Schemas['AuditView'];

/** A page of a keyset-paginated list. */
export interface Page<T> {
    data: T[];
    meta: { pagination: { limit: number; nextCursor: string | null } };
}

/** The JSON body an operation of the generated document takes. */
type JsonBody<Op extends keyof operations> = NonNullable<
    operations[Op]['requestBody']
>['content']['application/json'];

/** An admin user as `GET /users` lists it. */
export type AdminUserView = components['schemas']['AdminUserView'];

/** `POST /users`: a new admin user (a manager needs at least one store). */
export type NewAdminUser = JsonBody<'createUser'>;

/** `PATCH /users/:id`: what to change (at least one field). */
export type AdminUserPatch = JsonBody<'updateUser'>;

/** `PUT /stores/:code`: a store's name, timezone (`null`: the chain's) and address. */
export type StoreFields = JsonBody<'putStore'>;

/** A POS key of a store (never the secret itself). */
export type PosKeyView = components['schemas']['PosKeyView'];

/** `POST /stores/:code/pos-keys`: the new key and its secret, shown once. */
export type NewPosKey = operations['createPosKey']['responses'][201]['content']['application/json'];

/** The filters of `GET /audit` and `GET /audit/export`; `from` and `to` are ISO moments. */
export type AuditFilter = NonNullable<operations['exportAudit']['parameters']['query']>;

/*
 * The audit vocabulary comes from the plugin itself (plain `as const` lists
 * with no imports), so the action select and the readable names never fall
 * behind what the API records: a new action without a name in en.json and
 * ru.json fails the UI's typecheck.
 */
export { AUDIT_ACTIONS, type AuditAction } from '../../../plugin/kernel/vocabulary/audit-actions';
export {
    AUDIT_ENTITY_TYPES,
    type AuditEntityType,
} from '../../../plugin/kernel/vocabulary/audit-entity-types';

/** A job as `GET /jobs` lists it: schedule, state, last and next run, failures, recent runs. */
export type JobStatusView = components['schemas']['JobStatus'];

/** `POST /jobs/:name/run|pause|resume`: which job, and what to do with it. */
export interface JobActionView {
    job: string;
    action: 'run' | 'pause' | 'resume';
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
