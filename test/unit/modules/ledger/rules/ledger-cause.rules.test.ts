import { describe, expect, it } from 'vitest';
import type { LedgerEntry } from '../../../../../plugin/modules/ledger/entities/ledger-entry.entity.js';
import { ledgerCauseOf } from '../../../../../plugin/modules/ledger/rules/ledger-cause.rules.js';

const entry = (kind: LedgerEntry['kind'], refs: Partial<LedgerEntry> = {}) => ({
    kind,
    reason: null,
    author: null,
    purchaseId: null,
    returnId: null,
    offerId: null,
    ...refs,
});
const none = { receiptId: null, returnId: null, campaignId: null };

describe('the cause of a ledger line', () => {
    it('names the receipt of an accrual or a redemption', () => {
        expect(ledgerCauseOf(entry('accrual', { purchaseId: 7 }), { ...none, receiptId: 'R-1' })).toEqual({
            type: 'receipt',
            receiptId: 'R-1',
            label: 'Earned on receipt R-1',
        });
        expect(
            ledgerCauseOf(entry('redemption', { purchaseId: 7 }), { ...none, receiptId: 'R-1' }).type,
        ).toBe('receipt');
    });

    it('names the return and its receipt for a reversal or a refund', () => {
        const cause = ledgerCauseOf(entry('return_reversal', { returnId: 3 }), {
            ...none,
            receiptId: 'R-1',
            returnId: 'RT-1',
        });
        expect(cause).toMatchObject({ type: 'return', returnId: 'RT-1', receiptId: 'R-1' });
        expect(ledgerCauseOf(entry('return_refund', { returnId: 3 }), none).type).toBe('return');
    });

    it('names the campaign of an offer’s accrual', () => {
        expect(
            ledgerCauseOf(entry('offer_accrual', { purchaseId: 7, offerId: 2 }), {
                ...none,
                receiptId: 'R-1',
                campaignId: 4,
            }),
        ).toMatchObject({ type: 'offer', receiptId: 'R-1', campaignId: 4 });
    });

    it('gives the reason and author of an adjustment, and of an import', () => {
        expect(
            ledgerCauseOf(entry('manual_credit', { reason: 'goodwill', author: 'admin:olga' }), none),
        ).toMatchObject({ type: 'adjustment', reason: 'goodwill', author: 'admin:olga' });
        expect(ledgerCauseOf(entry('import', { author: 'import' }), none)).toMatchObject({
            type: 'import',
            author: 'import',
        });
    });

    it('shows expiry, and a debt settlement as the credit it came with', () => {
        expect(ledgerCauseOf(entry('expiry'), none)).toEqual({ type: 'expiry', label: 'Bonuses expired' });
        expect(
            ledgerCauseOf(entry('debt_settlement', { purchaseId: 7 }), { ...none, receiptId: 'R-2' }),
        ).toMatchObject({
            type: 'receipt',
            receiptId: 'R-2',
        });
        expect(ledgerCauseOf(entry('debt_settlement', { author: 'admin:olga' }), none).type).toBe(
            'adjustment',
        );
        expect(ledgerCauseOf(entry('debt_settlement'), none).type).toBe('other');
    });
});
