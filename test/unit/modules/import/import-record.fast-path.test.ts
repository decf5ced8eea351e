import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveDemoChain } from '../../../../plugin/demo/demo-chain.js';
import { demoCustomerHistory } from '../../../../plugin/demo/demo-history.js';
import { checkWithSchema } from '../../../../plugin/modules/import/import-record.schema.js';
import {
    acceptPlainCustomer,
    acceptPlainReceipt,
} from '../../../../plugin/modules/import/import-record.fast-path.js';

type Rec = Record<string, unknown>;
const NAN = new Date(Number.NaN);
const DAY = new Date('2024-01-01T00:00:00Z');

/** Sets `value` at a dotted path (`lines.0.sku`); an earlier edit may have left no object there. */
function mutate(record: Rec, path: string, value: unknown): Rec {
    const copy = structuredClone(record);
    const keys = path.split('.');
    let target = copy as Rec;
    for (const k of keys.slice(0, -1)) {
        target = (target[k] ??= {}) as Rec;
        if (!target || typeof target !== 'object') return copy;
    }
    target[keys.at(-1) as string] = value;
    return copy;
}

/** Valid records with up to two edits each, every edit near the edge of one rule. */
function nearValid(valid: fc.Arbitrary<Rec>, edits: Array<[string, unknown[]]>): fc.Arbitrary<Rec> {
    const edit = fc
        .constantFrom(...edits)
        .chain(([path, values]) => fc.constantFrom(...values).map((value) => [path, value] as const));
    return fc
        .tuple(valid, fc.array(edit, { maxLength: 2 }))
        .map(([record, list]) => list.reduce((r, [path, value]) => mutate(r, path, value), record));
}

const validReceipt = fc.record({
    type: fc.constant('receipt'),
    receiptId: fc.constantFrom('R-1', 'R/1:2#3', 'x'.repeat(64)),
    cardNumber: fc.constantFrom('1000001', 'AB-12', '2001000000014'),
    storeCode: fc.constantFrom('S1', 'MSK-001'),
    purchasedAt: fc.constant(DAY),
    lines: fc.array(
        fc.record({
            sku: fc.constantFrom('A', 'LOS-50'),
            name: fc.constantFrom('n', 'Лозартан 50 мг'),
            atc: fc.constantFrom(null, 'C09CA01', 'C09'),
            quantity: fc.constantFrom(1, 0.5, 2, 0.001),
            amount: fc.constantFrom(0, 45_000),
        }),
        { minLength: 1, maxLength: 3 },
    ),
});
const receiptEdits: Array<[string, unknown[]]> = [
    ['type', ['customer', 'Receipt', undefined]],
    ['line', [undefined, 0, -1, 1.5, 3, '3']],
    ['receiptId', ['', 'a b', 'x'.repeat(65), 5, undefined]],
    ['cardNumber', ['123', '+7916', 'x'.repeat(65), undefined]],
    ['storeCode', ['', 'S 1']],
    ['purchasedAt', [NAN, '2024-01-01', 0, undefined]],
    ['lines', [[], 'x', undefined]],
    ['note', ['x', undefined]],
    ['lines.0.sku', ['', 'A B', 'x'.repeat(65)]],
    ['lines.0.name', ['', 'x'.repeat(255), 'x'.repeat(256), 7]],
    ['lines.0.atc', ['c09ca01', 'C0', 7, undefined]],
    ['lines.0.quantity', [0, -1, 1.1, 0.0005, 100_000, 100_001, '1', Number.NaN, Infinity]],
    ['lines.0.amount', [-1, 1.5, 1_000_000_000, 1_000_000_001, '10', -0]],
    ['lines.0.extra', [1, undefined]],
];

const validCustomer = fc.record(
    {
        type: fc.constant('customer'),
        cardNumber: fc.constantFrom('1000001', 'AB-12'),
        phone: fc.constantFrom(null, '+79161234567', '8 916 123-45-67'),
        email: fc.oneof(fc.constantFrom(null, 'a@example.com', 'a.b+c@ex-ample.co.uk'), fc.emailAddress()),
        name: fc.constantFrom(null, 'Anna'),
        timezone: fc.constantFrom(null, 'Europe/Moscow', 'UTC'),
        homeStore: fc.constantFrom(null, 'S1'),
        enrolledAt: fc.constant(DAY),
        openingBalanceExpiresAt: fc.constant(DAY),
        openingBalance: fc.constantFrom(0, 1500),
        consents: fc.constantFrom({}, { sms: { granted: true, at: DAY }, email: { granted: false } }),
    },
    { requiredKeys: ['type', 'cardNumber'] },
);
const customerEdits: Array<[string, unknown[]]> = [
    ['type', ['receipt', undefined]],
    ['line', [0, 2.5, 4]],
    ['cardNumber', ['123', '+7916', undefined]],
    ['phone', ['', 'x'.repeat(33), 5]],
    [
        'email',
        [
            '',
            'a@b',
            'a@b.c',
            'a..b@example.com',
            '.a@example.com',
            'a@-example.com',
            'a@example-.com',
            'a@example.123',
            'a b@example.com',
            'Anna@Example.COM',
            `${'x'.repeat(65)}@example.com`,
            `a@${'x'.repeat(64)}.com`,
            'a@@example.com',
            'я@пример.рф',
        ],
    ],
    ['name', ['', 'x'.repeat(256)]],
    ['timezone', ['', 'Mars/Base', 'x'.repeat(65)]],
    ['homeStore', ['', 'S 1']],
    ['enrolledAt', [NAN, '2024-01-01']],
    ['openingBalance', [-1, -0, 1.5, 1_000_000_001, '10']],
    ['consents', [null, [], 'x']],
    ['consents.fax', [{ granted: true }]],
    ['consents.sms', [null, true, { granted: 1 }, { granted: true, at: NAN }, { granted: true, by: 'x' }]],
    ['note', ['x']],
];

/** Asserts that every record the fast path takes, joi takes unchanged; and that it takes some. */
function keepsInStep(records: fc.Arbitrary<Rec>, accept: (r: unknown) => unknown): void {
    let accepted = 0;
    let declined = 0;
    fc.assert(
        fc.property(records, (record) => {
            if (!accept(record)) {
                declined++;
                return;
            }
            accepted++;
            const joi = checkWithSchema(record);
            expect(joi.error).toBeUndefined();
            expect(joi.value).toEqual(record);
        }),
        { numRuns: 4000 },
    );
    expect(accepted).toBeGreaterThan(200);
    expect(declined).toBeGreaterThan(200);
}

describe('import record fast paths', () => {
    it('never accept a receipt the joi schema rejects, nor change one it accepts', () => {
        keepsInStep(nearValid(validReceipt, receiptEdits), acceptPlainReceipt);
    });

    it('never accept a customer the joi schema rejects, nor change one it accepts', () => {
        keepsInStep(nearValid(validCustomer as fc.Arbitrary<Rec>, customerEdits), acceptPlainCustomer);
    });

    it('take the demo generator’s records (the usual history) without joi', () => {
        const chain = resolveDemoChain({ customers: 100, seed: 7, now: new Date('2026-03-01T10:00:00Z') });
        let receipts = 0;
        for (let i = 0; i < 100; i++) {
            const { customer, receipts: list } = demoCustomerHistory(chain, i);
            expect(acceptPlainCustomer(customer)).toBe(customer);
            for (const r of list) expect(acceptPlainReceipt(r)).toBe(r);
            receipts += list.length;
        }
        expect(receipts).toBeGreaterThan(100);
    });
});
