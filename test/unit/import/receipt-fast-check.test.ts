import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveDemoChain } from '../../../plugin/demo/demo-chain.js';
import { demoCustomerHistory } from '../../../plugin/demo/demo-history.js';
import { checkWithSchema } from '../../../plugin/import/import-record.schema.js';
import { acceptPlainReceipt } from '../../../plugin/import/receipt-fast-check.js';

/** Receipts near the edges of every rule: ids, cards, ATC codes, quantities, amounts, extra keys. */
const receipts = fc.record(
    {
        type: fc.constantFrom('receipt', 'customer', 'Receipt'),
        line: fc.option(fc.integer({ min: -1, max: 5 }), { nil: undefined }),
        receiptId: fc.oneof(fc.constantFrom('R-1', '', 'a b', 'x'.repeat(65), 'R/1:2#3'), fc.string()),
        cardNumber: fc.oneof(fc.constantFrom('1000001', '123', 'AB-12', '+7916'), fc.string()),
        storeCode: fc.constantFrom('S1', '', 'S 1'),
        purchasedAt: fc.constantFrom<unknown>(
            new Date('2025-01-01T00:00:00Z'),
            new Date(Number.NaN),
            '2025-01-01',
        ),
        lines: fc.array(
            fc.record(
                {
                    sku: fc.constantFrom('A', '', 'A B', 'x'.repeat(64), 'x'.repeat(65)),
                    name: fc.oneof(fc.constantFrom('', 'n', 'x'.repeat(255), 'x'.repeat(256)), fc.string()),
                    atc: fc.constantFrom<unknown>(undefined, null, 'C09CA01', 'c09ca01', 'C0', 'C09', 7),
                    quantity: fc.oneof(
                        fc.constantFrom<unknown>(0, -1, 0.5, 1.1, 0.0005, 100_000, 100_001, '1', Number.NaN),
                        fc.double(),
                    ),
                    amount: fc.oneof(
                        fc.constantFrom<unknown>(0, -1, 1.5, 1_000_000_000, 1_000_000_001, '10'),
                        fc.integer(),
                    ),
                    extra: fc.constantFrom<unknown>(undefined, 1),
                },
                { requiredKeys: ['sku', 'name', 'quantity', 'amount'] },
            ),
            { minLength: 0, maxLength: 4 },
        ),
        note: fc.constantFrom<unknown>(undefined, 'x'),
    },
    { requiredKeys: ['type', 'receiptId', 'cardNumber', 'storeCode', 'purchasedAt', 'lines'] },
);

describe('plain receipt fast path', () => {
    it('never accepts a receipt the joi schema rejects, nor changes what it accepts', () => {
        fc.assert(
            fc.property(receipts, (record) => {
                const fast = acceptPlainReceipt(record);
                if (!fast) return;
                const joi = checkWithSchema(record);
                expect(joi.error).toBeUndefined();
                expect(joi.value).toEqual(record);
            }),
            { numRuns: 3000 },
        );
    });

    it('accepts the demo generator’s receipts (the usual history) without joi', () => {
        const chain = resolveDemoChain({ customers: 50, seed: 7, now: new Date('2026-03-01T10:00:00Z') });
        const all = Array.from({ length: 50 }, (_, i) => demoCustomerHistory(chain, i).receipts).flat();
        expect(all.length).toBeGreaterThan(50);
        for (const r of all) expect(acceptPlainReceipt(r)).toBe(r);
    });
});
