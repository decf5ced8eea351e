import type { EarnReason } from '../rules/accrual.rules.js';
import type { RedeemCapReason } from '../rules/redemption.rules.js';

/** A basket line as the POS sends it (quantity as a number of packs, up to 3 decimals). */
export interface BasketLineInput {
    sku: string;
    name: string;
    atc?: string | null;
    quantity: number;
    amount: number;
}

/** A sale to commit. */
export interface PurchaseInput {
    receiptId: string;
    cardNumber: string;
    storeCode: string;
    purchasedAt: Date;
    lines: BasketLineInput[];
    /** Bonuses to spend on it. */
    redeem: number;
}

/** A sale as a host passes it to the in-process hook: like the POS body, times as Date or ISO text. */
export type PurchaseRequest = Omit<PurchaseInput, 'redeem' | 'purchasedAt'> & {
    redeem?: number;
    purchasedAt: Date | string;
};

/** A basket to price without committing. */
export interface PreviewInput {
    cardNumber?: string;
    lines: BasketLineInput[];
    redeem?: number;
}

/** What one line earns (and was paid with bonuses). */
export interface LineResult {
    lineNo: number;
    sku: string;
    category: string | null;
    amount: number;
    redeemed: number;
    earned: number;
    offerEarned: number;
    reason: EarnReason;
}

/** An offer that applies (preview) or applied (commit) to a basket. */
export interface AppliedOffer {
    id: number;
    kind: 'multiplier' | 'gift';
    category: string | null;
    earned: number;
    /** When the bonuses it grants burn. */
    bonusExpiresAt: string;
}

/** Balances after an operation. */
export interface BalanceAfter {
    available: number;
    pending: number;
    debt: number;
}

/** The answer to a committed sale; replayed unchanged for a retry. */
export interface PurchaseResult {
    receiptId: string;
    storeCode: string;
    purchasedAt: string;
    /** True when this call enrolled the card. */
    enrolled: boolean;
    total: number;
    redeemed: number;
    earned: number;
    lines: LineResult[];
    offers: AppliedOffer[];
    balance: BalanceAfter;
}

/** The answer to a preview. */
export interface PreviewResult {
    known: boolean;
    total: number;
    eligibleForRedemption: number;
    available: number;
    maxRedeemable: number;
    /** The redeem the earnings below assume (the requested one, capped at `maxRedeemable`). */
    redeem: number;
    /** The redeem the till asked for. */
    requestedRedeem: number;
    /** True when `redeem` is less than asked: committing the request as sent would answer 422. */
    redeemCapped: boolean;
    /** The limit that capped it: no eligible lines, the share cap, or the balance. */
    redeemCapReason: RedeemCapReason | null;
    earned: number;
    lines: LineResult[];
    offers: AppliedOffer[];
}

/** The answer to a return; replayed unchanged for a retry. */
export interface ReturnResult {
    returnId: string;
    receiptId: string;
    amount: number;
    reversed: number;
    refunded: number;
    shortfall: number;
    lines: Array<{
        lineNo: number;
        sku: string;
        quantity: number;
        amount: number;
        reversed: number;
        refunded: number;
    }>;
    balance: BalanceAfter;
}
