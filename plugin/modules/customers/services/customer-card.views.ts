import type { CardForm, CardKind } from '../entities/customer.entity.js';
import type { CustomerConsent } from '../entities/customer-consent.entity.js';
import type { ConsentEvent } from '../entities/consent-event.entity.js';
import type { ConsentPurpose } from '../rules/consent.rules.js';
import type { FoundCustomer } from '../repositories/customer-search.query.js';
import type { CardReplacement } from '../entities/card-replacement.entity.js';

/** A store as the desk shows it beside a customer. */
export interface StoreRef {
    id: number;
    code: string;
    name: string;
}

/** A customer in the desk's search results. Contacts are whole: staff see them. */
export interface CustomerSummary {
    id: number;
    cardNumber: string;
    name: string | null;
    phone: string | null;
    email: string | null;
    balance: number;
    cardKind: CardKind;
    blocked: boolean;
    lastPurchaseAt: string | null;
    homeStore: StoreRef | null;
}

/** The customer card's profile: contacts, balances, purchase figures and earlier cards. */
export interface CustomerProfileView extends Omit<CustomerSummary, 'lastPurchaseAt'> {
    timezone: string | null;
    locale: string | null;
    hasTelegram: boolean;
    hasPush: boolean;
    /** `YYYY-MM-DD`; null when unknown. */
    birthDate: string | null;
    cardForm: CardForm;
    blockedAt: string | null;
    blockReason: string | null;
    /** When Telegram said the customer blocked the bot (messages skip Telegram until a new chat id). */
    telegramBlockedAt: string | null;
    /** When the email address hard-bounced (messages skip email until it changes). */
    emailUndeliverableAt: string | null;
    enrolledAt: string;
    updatedAt: string;
    pending: number;
    debt: number;
    purchaseCount: number;
    purchaseTotal: number;
    firstPurchaseAt: string | null;
    lastPurchaseAt: string | null;
    previousCards: Array<{ cardNumber: string; replacedAt: string }>;
}

/** The customer card: profile, current consents and their history. */
export interface CustomerCard {
    customer: CustomerProfileView;
    consents: Array<{
        channel: string;
        kind: ConsentPurpose;
        granted: boolean;
        changedAt: string;
        source: string | null;
    }>;
    consentHistory: Array<{
        channel: string;
        kind: ConsentPurpose;
        granted: boolean;
        at: string;
        source: string | null;
        actor: string | null;
    }>;
    /** Set when the card asked for was replaced: the customer's current card and when. */
    replacedBy: { cardNumber: string; replacedAt: string } | null;
}

const iso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);

/** A found customer as a search result. */
export function customerSummary({ customer: c, homeStore }: FoundCustomer): CustomerSummary {
    return {
        id: c.id,
        cardNumber: c.cardNumber,
        name: c.name,
        phone: c.phone,
        email: c.email,
        balance: c.balance,
        cardKind: c.cardKind,
        blocked: c.blockedAt !== null,
        lastPurchaseAt: iso(c.lastPurchaseAt),
        homeStore,
    };
}

/** A found customer as the card's profile, with their earlier cards (their replacements, newest first). */
export function customerProfile(
    found: FoundCustomer,
    replacements: readonly CardReplacement[],
): CustomerProfileView {
    const c = found.customer;
    return {
        ...customerSummary(found),
        timezone: c.timezone,
        locale: c.locale,
        hasTelegram: c.telegramChatId !== null,
        hasPush: c.pushToken !== null,
        birthDate: c.birthDate ?? null,
        cardForm: c.cardForm ?? 'physical',
        blockedAt: iso(c.blockedAt),
        blockReason: c.blockReason,
        telegramBlockedAt: iso(c.telegramBlockedAt ?? null),
        emailUndeliverableAt: iso(c.emailUndeliverableAt ?? null),
        enrolledAt: c.enrolledAt.toISOString(),
        updatedAt: c.updatedAt.toISOString(),
        pending: c.pending,
        debt: c.debt,
        purchaseCount: c.purchaseCount,
        purchaseTotal: c.purchaseTotal,
        firstPurchaseAt: iso(c.firstPurchaseAt),
        lastPurchaseAt: iso(c.lastPurchaseAt),
        previousCards: replacements.map((p) => ({
            cardNumber: p.oldCardNumber,
            replacedAt: p.replacedAt.toISOString(),
        })),
    };
}

/** Current consents of one purpose, by channel. */
export function consentViews(
    consents: readonly CustomerConsent[],
    kind: ConsentPurpose,
): CustomerCard['consents'] {
    return consents.map((k) => ({
        channel: k.channel,
        kind,
        granted: k.granted,
        changedAt: k.changedAt.toISOString(),
        source: k.source,
    }));
}

/**
 * History entries; one recorded before marketing and service parted spoke
 * for both and shows as marketing. The actor is the admin of a change made
 * at the store desk, else null (tills and imports name themselves in `source`).
 */
export function consentHistoryViews(events: readonly ConsentEvent[]): CustomerCard['consentHistory'] {
    return events.map((e) => ({
        channel: e.channel,
        kind: e.purpose === 'service' ? 'service' : 'marketing',
        granted: e.granted,
        at: e.changedAt.toISOString(),
        source: e.source,
        actor: e.actor ?? null,
    }));
}
