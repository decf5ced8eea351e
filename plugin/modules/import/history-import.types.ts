import type { ConsentChannel } from '../../kernel/vocabulary/channels.js';

/**
 * One record of a history import (and of the demo chain generator's output):
 * a customer, or a past receipt. Amounts are integers in minor units.
 */
export type ImportRecord = CustomerImportRecord | ReceiptImportRecord;

/** A customer to create or update, optionally with an opening balance from the previous system. */
export interface CustomerImportRecord {
    type: 'customer';
    /** Where the record starts in its file (1-based), for error reports; the record's position when absent. */
    line?: number;
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
    /** Where the record starts in its file (1-based), for error reports; the record's position when absent. */
    line?: number;
    receiptId: string;
    cardNumber: string;
    storeCode: string;
    purchasedAt: Date;
    lines: Array<{ sku: string; name: string; atc?: string | null; quantity: number; amount: number }>;
}

/**
 * What a file reader yields for input it could not turn into a record (a line
 * that is not JSON, CSV rows of one receipt that disagree). The importer
 * counts it as rejected and goes on.
 */
export interface UnreadableRecord {
    type: 'unreadable';
    /** Where the input starts in its file (1-based). */
    line: number;
    /** Why it could not be read; never contains the input itself. */
    message: string;
}

/** What the importer accepts: records, and the readers' reports of unreadable input. */
export type ImportInput = ImportRecord | UnreadableRecord;

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
    /** Purchase lines of the receipts imported. Like the other counts, this run's only (the checkpoint keeps totals over runs). */
    receiptLinesImported?: number;
    /** Records skipped at the start because a checkpoint showed them done. */
    recordsSkippedOnResume?: number;
}
