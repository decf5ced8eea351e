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

/** How a card is used: campaigns leave test and employee cards out. */
export type CardKind = 'regular' | 'test' | 'employee';

/** A consent's purpose: offers (`marketing`) or bonus expiry, balance, welcome (`service`). */
export type ConsentKind = 'marketing' | 'service';

/** The channels a customer grants or withdraws consent for, in the API's order. */
export const CONSENT_CHANNELS = ['sms', 'email', 'push', 'telegram', 'viber', 'whatsapp'] as const;

/** One consent channel. */
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];

/** A store beside a customer. */
export interface StoreRef {
    id: number;
    code: string;
    name: string;
}

/** A customer in the search results (`GET /customers`). */
export interface CustomerSummary {
    id: number;
    cardNumber: string;
    name: string | null;
    /** E.164. */
    phone: string | null;
    email: string | null;
    /** Bonuses available now. */
    balance: number;
    cardKind: CardKind;
    blocked: boolean;
    lastPurchaseAt: string | null;
    homeStore: StoreRef | null;
}

/** The customer's profile on the card (`GET /customers/:cardNumber`). */
export interface CustomerProfile extends CustomerSummary {
    /** IANA timezone; the chain's when null. */
    timezone: string | null;
    locale: string | null;
    hasTelegram: boolean;
    hasPush: boolean;
    blockedAt: string | null;
    blockReason: string | null;
    enrolledAt: string;
    updatedAt: string;
    /** Bonuses credited but not active yet. */
    pending: number;
    /** What returns took back after it had been spent. */
    debt: number;
    purchaseCount: number;
    purchaseTotal: number;
    firstPurchaseAt: string | null;
    previousCards: { cardNumber: string; replacedAt: string }[];
}

/** A consent as it stands now. */
export interface ConsentView {
    channel: ConsentChannel;
    kind: ConsentKind;
    granted: boolean;
    changedAt: string;
    /** A store code, `import`, `admin`, `sms-stop`… */
    source: string | null;
}

/** One change of a consent, newest first. */
export interface ConsentHistoryView {
    channel: ConsentChannel;
    kind: ConsentKind;
    granted: boolean;
    at: string;
    source: string | null;
    /** `admin:<username>` for a desk change. */
    actor: string | null;
}

/** The customer card (`GET /customers/:cardNumber`, and the answer of the desk actions). */
export interface CustomerCard {
    customer: CustomerProfile;
    consents: ConsentView[];
    consentHistory: ConsentHistoryView[];
    /** Set when the card asked for was replaced: the customer's current card. */
    replacedBy?: { cardNumber: string; replacedAt: string } | null;
}

/** A bonus lot (`GET /customers/:cardNumber/lots`). */
export interface BonusLotView {
    id: number;
    amount: number;
    remaining: number;
    activeFrom: string;
    expiresAt: string;
    status: 'pending' | 'active' | 'spent' | 'expired';
    /** Why it was credited: accrual, offer, refund, manual, import. */
    source: string;
}

/** Why a ledger line happened. */
export interface LedgerCause {
    type: 'receipt' | 'return' | 'expiry' | 'offer' | 'adjustment' | 'import' | 'other';
    receiptId?: string;
    returnId?: string;
    campaignId?: number;
    reason?: string;
    author?: string;
    /** One line in English (the UI words it itself from `type` and the ids). */
    label: string;
}

/** One line of the customer's ledger, newest first. */
export interface LedgerLine {
    id: number;
    at: string;
    /** Signed change of the customer's bonuses. */
    amount: number;
    kind: string;
    cause: LedgerCause;
}

/** A receipt with its lines and returns (`GET /customers/:cardNumber/receipts`). */
export interface ReceiptView {
    id: number;
    /** The till's receipt id. */
    receiptId: string;
    storeCode: string;
    at: string;
    total: number;
    bonusSpent: number;
    bonusAccrued: number;
    lines: { sku: string; name: string; quantity: number; amount: number }[];
    returns: {
        id: number;
        returnId: string;
        at: string;
        amount: number;
        bonusReturned: number;
        lines: { sku: string; quantity: number; amount: number }[];
    }[];
}

/** A personal offer (`GET /customers/:cardNumber/offers`). */
export interface OfferView {
    id: number;
    campaignId: number;
    campaignName: string;
    kind: 'multiplier' | 'gift';
    value: number;
    status: 'active' | 'used' | 'expired';
    validFrom: string;
    validUntil: string;
    usedAt: string | null;
}

/** A campaign membership (`GET /customers/:cardNumber/campaigns`). */
export interface CampaignMembershipView {
    campaignId: number;
    campaignName: string;
    group: 'test' | 'control';
    assignedAt: string;
    status: string;
}

/** The contact policy's decision on a message. */
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
export interface CustomerMessageView {
    key: string;
    campaignId: number | null;
    kind: string;
    step: number;
    channel: string;
    /** `marketing` or `service`. */
    traffic: string;
    status: string;
    verdict: ContactVerdictView | null;
    segments: number | null;
    cost: number;
    failureReason: string | null;
    createdAt: string;
    /** The verdict in English words, in the customer's timezone. */
    explanation: string | null;
}

/** A reminder cascade of the customer. */
export interface CustomerCascadeView {
    key: string;
    kind: string;
    status: string;
    step: number;
    channel: string | null;
    outcome: string | null;
    nextAt: string;
    deadlineAt: string | null;
}

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
export interface AuditView {
    id: number;
    actor: string;
    action: string;
    entityType: string;
    entityId: string | null;
    /** What the action recorded (a desk action's `reason`, an adjustment's `amount`…); never contacts. */
    details: Record<string, unknown> | null;
    createdAt: string;
}

/** A page of a keyset-paginated list. */
export interface Page<T> {
    data: T[];
    meta: { pagination: { limit: number; nextCursor: string | null } };
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
