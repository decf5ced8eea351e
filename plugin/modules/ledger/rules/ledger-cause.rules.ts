import type { LedgerEntry } from '../entities/ledger-entry.entity.js';

/** What a ledger line is shown to come from at the store desk. */
export type LedgerCauseType = 'receipt' | 'return' | 'expiry' | 'offer' | 'adjustment' | 'import' | 'other';

/** A ledger line's cause: its type, the till's ids and the campaign it names, and a label in words. */
export interface LedgerCause {
    type: LedgerCauseType;
    receiptId?: string;
    returnId?: string;
    campaignId?: number;
    reason?: string;
    author?: string;
    /** One line in English, for a reader of the raw answer; the UI words it from the fields. */
    label: string;
}

/** The till's ids and the campaign behind an entry's references, as its reader looked them up. */
export interface CauseRefs {
    /** The till's receipt id of the entry's purchase (of the returned purchase, for a return). */
    receiptId: string | null;
    /** The till's return id of the entry's return. */
    returnId: string | null;
    /** The campaign of the entry's offer. */
    campaignId: number | null;
}

type EntryFacts = Pick<LedgerEntry, 'kind' | 'reason' | 'author' | 'returnId' | 'offerId' | 'purchaseId'>;

/**
 * Where a ledger entry came from, read from how the ledger records it: its
 * kind (accrual and redemption on a receipt, an offer's accrual, the
 * reversal and refund of a return, expiry, a manual credit or debit, an
 * import) and the references it carries. A debt settlement takes the cause
 * of the credit that settled it.
 */
export function ledgerCauseOf(entry: EntryFacts, refs: CauseRefs): LedgerCause {
    const receipt = refs.receiptId ?? undefined;
    const onReceipt = receipt ? ` on receipt ${receipt}` : '';
    const campaignId = refs.campaignId ?? undefined;
    const who = {
        ...(entry.reason ? { reason: entry.reason } : {}),
        ...(entry.author ? { author: entry.author } : {}),
    };
    switch (entry.kind) {
        case 'expiry':
            return { type: 'expiry', label: 'Bonuses expired' };
        case 'manual_credit':
        case 'manual_debit':
            return {
                type: 'adjustment',
                ...who,
                label: `${entry.kind === 'manual_credit' ? 'Credit' : 'Debit'} by hand${entry.reason ? `: ${entry.reason}` : ''}`,
            };
        case 'import':
            return { type: 'import', ...who, label: 'Opening balance imported' };
        case 'offer_accrual':
            return {
                type: 'offer',
                receiptId: receipt,
                campaignId,
                label: `Personal offer${campaignId ? ` of campaign ${campaignId}` : ''}${onReceipt}`,
            };
        case 'accrual':
        case 'redemption':
            return {
                type: 'receipt',
                receiptId: receipt,
                label: `${entry.kind === 'accrual' ? 'Earned' : 'Spent'}${onReceipt}`,
            };
        case 'return_reversal':
        case 'return_refund':
            return returnCause(entry, refs);
        default:
            return settlementCause(entry, refs);
    }
}

function returnCause(entry: EntryFacts, refs: CauseRefs): LedgerCause {
    const what = entry.kind === 'return_refund' ? 'Spent bonuses given back' : 'Earned bonuses taken back';
    const detail = entry.reason ? ` (${entry.reason})` : '';
    return {
        type: 'return',
        returnId: refs.returnId ?? undefined,
        receiptId: refs.receiptId ?? undefined,
        label: `${what} by return ${refs.returnId ?? '?'}${refs.receiptId ? ` of receipt ${refs.receiptId}` : ''}${detail}`,
    };
}

/** A debt settlement (or a kind this reader does not know), by the credit it came with. */
function settlementCause(entry: EntryFacts, refs: CauseRefs): LedgerCause {
    const what = entry.kind === 'debt_settlement' ? 'Debt settled' : `Ledger entry (${entry.kind})`;
    if (entry.returnId !== null)
        return { ...returnCause(entry, refs), label: `${what} by return ${refs.returnId ?? '?'}` };
    if (entry.offerId !== null)
        return {
            type: 'offer',
            receiptId: refs.receiptId ?? undefined,
            campaignId: refs.campaignId ?? undefined,
            label: `${what} from a personal offer`,
        };
    if (entry.purchaseId !== null)
        return {
            type: 'receipt',
            receiptId: refs.receiptId ?? undefined,
            label: `${what} from receipt ${refs.receiptId ?? '?'}`,
        };
    if (entry.author === 'import')
        return { type: 'import', author: 'import', label: `${what} from an import` };
    if (entry.author)
        return {
            type: 'adjustment',
            author: entry.author,
            ...(entry.reason ? { reason: entry.reason } : {}),
            label: `${what} by hand`,
        };
    return { type: 'other', label: what };
}
