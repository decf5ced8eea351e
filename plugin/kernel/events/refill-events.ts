/**
 * The events Refill's modules publish on the in-process bus, each defined
 * once here: the map {@link RefillEvents} keys every payload by its event
 * name, so publishing and subscribing are type-checked. Payloads are plain
 * data (ids, amounts in minor units, moments) so the kernel knows no
 * module's entities; a module that needs more reads it through its own
 * repositories inside the same transaction.
 */

import type { LifecycleSegment } from '../vocabulary/lifecycle-segments.js';

/** A customer's bonuses after a ledger write (minor units). */
export interface BalanceAfter {
    /** Bonuses the customer can spend now. */
    available: number;
    /** Bonuses credited but not active yet. */
    pending: number;
    /** Outstanding debt from returns of spent bonuses. */
    debt: number;
}

/** The ledger committed a sale at the till (published inside the sale's transaction). */
export interface PurchaseCommitted {
    /** Row id of the purchase. */
    purchaseId: number;
    /** The till's receipt id (unique per store). */
    receiptId: string;
    customerId: number;
    storeId: number;
    storeCode: string;
    /** The categories on the receipt (ids, each once), whatever they earned. */
    categoryIds: readonly number[];
    /** When the till says the sale happened. */
    purchasedAt: Date;
    /** The clock's moment of the commit: what the sale's own rows are stamped with. */
    committedAt: Date;
    /** Receipt total, minor units. */
    total: number;
    /** Bonuses earned (accrual and offers), minor units. */
    earned: number;
    /** Bonuses spent on the receipt, minor units. */
    redeemed: number;
    /** True when the card was enrolled by this sale. */
    enrolled: boolean;
    balance: BalanceAfter;
}

/** The ledger recorded a return of (part of) a committed sale (published inside the return's transaction). */
export interface PurchaseReturned {
    /** Row id of the return. */
    returnRowId: number;
    /** The till's return id (unique per store). */
    returnId: string;
    /** Row id and receipt id of the returned sale. */
    purchaseId: number;
    receiptId: string;
    customerId: number;
    /** The store that took the return. */
    storeId: number;
    /** When the till says the return happened. */
    returnedAt: Date;
    /** The clock's moment of the recording. */
    recordedAt: Date;
    /** Amount of the returned lines, minor units. */
    amount: number;
    /** Earned bonuses taken back, bonuses given back, and what could not be taken back. */
    reversed: number;
    refunded: number;
    shortfall: number;
    balance: BalanceAfter;
}

/** One customer a campaign's selection assigned to a group. */
export interface AssignedMember {
    customerId: number;
    /** `test` members got the campaign's offer; `control` members got nothing. */
    group: 'test' | 'control';
}

/**
 * A campaign's daily selection assigned members (published inside the
 * transaction that writes them and the test group's offers). One event
 * carries one page of assignments, the unit the selection writes in one
 * transaction, so subscribers write in batches too.
 */
export interface MemberAssigned {
    campaignId: number;
    /** The category the campaign wins back. */
    categoryId: number;
    /** The chain-local day of the selection run, `YYYY-MM-DD`. */
    assignmentDay: string;
    /** The moment of the assignment: members and offers are stamped with it. */
    assignedAt: Date;
    /** When the test group's offers end. */
    offerEndsAt: Date;
    /** The page's members in assignment order, both groups. */
    members: readonly AssignedMember[];
}

/** One customer who moved between lifecycle segments. */
export interface LifecycleTransition {
    customerId: number;
    /** The segment they left (NULL: first classified). */
    from: LifecycleSegment | null;
    to: LifecycleSegment;
}

/**
 * The daily segment job moved customers between lifecycle segments
 * (published inside the transaction that records the transitions, once per
 * page of customers, so subscribers write in batches too).
 */
export interface LifecycleChanged {
    /** The chain-local day the transitions are recorded for, `YYYY-MM-DD`. */
    day: string;
    /** The moment of the classification. */
    classifiedAt: Date;
    transitions: readonly LifecycleTransition[];
}

/**
 * Customers withdrew marketing consent for a channel: a STOP reply, an
 * unsubscribe link, an email complaint (published inside the transaction
 * that records the consent change). Chains stop runs on `unsubscribed`.
 */
export interface MarketingWithdrawn {
    customerIds: readonly number[];
    /** The channel whose marketing consent was withdrawn. */
    channel: string;
    /** How (`stop-reply`, `unsubscribe-link`, `email-complaint`). */
    source: string;
    withdrawnAt: Date;
}

/** Every event of the bus, keyed by its name. */
export interface RefillEvents {
    PurchaseCommitted: PurchaseCommitted;
    PurchaseReturned: PurchaseReturned;
    MemberAssigned: MemberAssigned;
    LifecycleChanged: LifecycleChanged;
    MarketingWithdrawn: MarketingWithdrawn;
}

/** The name of a Refill event. */
export type RefillEventName = keyof RefillEvents;
