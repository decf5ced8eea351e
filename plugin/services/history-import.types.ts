import type { ConsentChannel } from './customer.service.js';

/**
 * One record of a history import (and of the demo chain generator's output):
 * a customer, or a past receipt. Amounts are integers in minor units.
 */
export type ImportRecord = CustomerImportRecord | ReceiptImportRecord;

/** A customer to create or update, optionally with an opening balance from the previous system. */
export interface CustomerImportRecord {
    type: 'customer';
    cardNumber: string;
    phone?: string | null;
    email?: string | null;
    name?: string | null;
    timezone?: string | null;
    /** Code of the customer's usual store. */
    homeStore?: string | null;
    enrolledAt?: Date;
    consents?: Partial<Record<ConsentChannel, { granted: boolean; at?: Date }>>;
    /** Opening bonus balance carried over (credited once, as an `import` lot). */
    openingBalance?: number;
    /** When the opening balance expires (the accrual lifetime from import time by default). */
    openingBalanceExpiresAt?: Date;
}

/** A past receipt. Imported receipts earn nothing; they feed the statistics lapse detection reads. */
export interface ReceiptImportRecord {
    type: 'receipt';
    receiptId: string;
    cardNumber: string;
    storeCode: string;
    purchasedAt: Date;
    lines: Array<{ sku: string; name: string; atc?: string | null; quantity: number; amount: number }>;
}

/** Totals of an import run. */
export interface ImportSummary {
    /** Input lines (records) read, including those skipped on resume. */
    linesRead: number;
    customersImported: number;
    receiptsImported: number;
    /** Receipts already present (idempotency on receipt id). */
    receiptsSkipped: number;
    /** Records rejected as invalid (with their line numbers in `errors`). */
    rejected: number;
    errors: Array<{ line: number; message: string }>;
    /** True when the run resumed from a checkpoint of an earlier, interrupted run. */
    resumed: boolean;
}
