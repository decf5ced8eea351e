import type { ConsentChannel } from '../../kernel/vocabulary/channels.js';
import type { CustomerProfile } from '../customers/index.js';
import type { ImportedLine } from '../ledger/index.js';

/** A customer record, validated and resolved (phone in E.164, home store as an id). */
export interface PreparedCustomer {
    line: number;
    cardNumber: string;
    /** Only the fields the record carries; null clears. */
    profile: CustomerProfile;
    enrolledAt: Date | null;
    consents: Array<{ channel: ConsentChannel; granted: boolean; at: Date }>;
    /** An opening balance to credit once, if it has not expired. */
    opening: { amount: number; expiresAt: Date } | null;
}

/** A receipt record, validated, with its store id and its lines placed in the catalogue. */
export interface PreparedReceipt {
    line: number;
    receiptId: string;
    cardNumber: string;
    storeId: number;
    purchasedAt: Date;
    total: number;
    lines: Array<Omit<ImportedLine, 'purchaseId'>>;
    /** Amount per category id (lines without a category are left out). */
    categoryAmounts: Map<number, number>;
}

/** One batch of input, ready to write in one transaction. */
export interface PreparedBatch {
    /** Records consumed from the input up to the end of this batch (the checkpoint's `lines_done`). */
    position: number;
    customers: PreparedCustomer[];
    /** First occurrence of each receipt id in the batch. */
    receipts: PreparedReceipt[];
    /** Later occurrences of a receipt id already in the batch. */
    duplicateReceipts: number;
    /** Customer ids found before the transaction, by card (cards missing here are enrolled). */
    knownIds: Map<string, number>;
    /**
     * Receipts of the batch found in the database before the transaction, by
     * `receiptKey(storeId, receiptId)` (receipt ids are unique per store).
     * A receipt committed after this look-up makes the insert fail on its
     * unique key; the batch is then written again, looking inside the transaction.
     */
    presentReceipts: Set<string>;
    /** Records rejected, with their line numbers. */
    rejected: Array<{ line: number; message: string }>;
}

/** What writing a batch changed. */
export interface BatchOutcome {
    customersImported: number;
    receiptsImported: number;
    receiptsSkipped: number;
    receiptLinesImported: number;
}
