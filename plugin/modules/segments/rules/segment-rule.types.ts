import type { Channel } from '../../../kernel/vocabulary/channels.js';
import type { LifecycleSegment } from '../../../kernel/vocabulary/lifecycle-segments.js';
import type { CardForm, CardKind, ConsentPurpose } from '../../customers/index.js';

/*
 * The custom segment rule language: a tree of groups (`all`, `any`, `not`)
 * over conditions on what Refill knows about a customer. Money in minor
 * units, spans in whole days before the moment the rule is evaluated.
 * `segment-rule.schema.ts` validates it; `segment-rule.compiler.ts` turns it
 * into SQL.
 */

/** Receipts in a span, optionally only those with a line of the given categories, SKUs or ATC prefixes. */
export interface PurchasesCondition {
    type: 'purchases';
    /** Lines in any of these categories (ids). */
    categoryIds?: number[];
    /** Lines of any of these SKUs (exact). */
    skus?: string[];
    /** Lines whose ATC code starts with any of these (upper case). */
    atcPrefixes?: string[];
    /** Only receipts of the last N days (all time when absent). */
    withinDays?: number;
    /** How many receipts (with such a line): at least / at most. Default: at least one. */
    countMin?: number;
    countMax?: number;
    /** What they spent (on such lines, less returns; whole receipts otherwise), minor units. */
    amountMin?: number;
    amountMax?: number;
}

/** Days since the last purchase, between `minDays` and `maxDays` (customers who never bought never match). */
export interface RecencyCondition {
    type: 'recency';
    minDays?: number;
    maxDays?: number;
}

/** Lifetime receipt count. */
export interface PurchaseCountCondition {
    type: 'purchaseCount';
    min?: number;
    max?: number;
}

/** Bonuses available now, minor units. */
export interface BalanceCondition {
    type: 'balance';
    min?: number;
    max?: number;
}

/** At least `amountMin` of active bonuses expire within `withinDays` days. */
export interface BurningCondition {
    type: 'burning';
    amountMin: number;
    withinDays: number;
}

/** The customer's consent of a purpose in a channel is (or is not) granted. */
export interface ConsentCondition {
    type: 'consent';
    purpose: ConsentPurpose;
    channel: Channel;
    granted: boolean;
}

/** The customer can be reached in any of these channels: has the contact and the consent of `purpose`. */
export interface ReachableCondition {
    type: 'reachable';
    purpose: ConsentPurpose;
    channels: Channel[];
}

/** The card's form is one of these. */
export interface CardFormCondition {
    type: 'cardForm';
    forms: CardForm[];
}

/** The card's kind (regular, test, employee) is one of these. */
export interface CardKindCondition {
    type: 'cardKind';
    kinds: CardKind[];
}

/** The customer's home store is one of these (store ids). */
export interface HomeStoreCondition {
    type: 'homeStore';
    storeIds: number[];
}

/** The customer's home store lies within `km` of store `storeId` (great-circle distance). */
export interface HomeStoreNearCondition {
    type: 'homeStoreNear';
    storeId: number;
    km: number;
}

/** The customer is now in one of these lifecycle segments. */
export interface LifecycleCondition {
    type: 'lifecycle';
    segments: LifecycleSegment[];
}

/** One leaf of a rule. */
export type SegmentCondition =
    | PurchasesCondition
    | RecencyCondition
    | PurchaseCountCondition
    | BalanceCondition
    | BurningCondition
    | ConsentCondition
    | ReachableCondition
    | CardFormCondition
    | CardKindCondition
    | HomeStoreCondition
    | HomeStoreNearCondition
    | LifecycleCondition;

/** The `type` of a condition. */
export type SegmentConditionType = SegmentCondition['type'];

/** A segment rule: every rule of `all`, any of `any`, not `not`, or a condition. */
export type SegmentRule =
    { all: SegmentRule[] } | { any: SegmentRule[] } | { not: SegmentRule } | SegmentCondition;

/** How deep groups may nest (the root group is level 1). */
export const SEGMENT_RULE_MAX_DEPTH = 5;
/** How many rules one group may hold. */
export const SEGMENT_RULE_MAX_GROUP = 20;
/** How many nodes (groups and conditions) a whole rule may hold. */
export const SEGMENT_RULE_MAX_NODES = 60;
/** How many values one list of a condition may hold. */
export const SEGMENT_RULE_MAX_LIST = 100;
/** The longest span in days a condition may look back or ahead. */
export const SEGMENT_RULE_MAX_DAYS = 3660;
