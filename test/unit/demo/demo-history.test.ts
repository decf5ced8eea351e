import { describe, expect, it } from 'vitest';
import { cardNumber } from '../../../plugin/kernel/http/pos.schemas.js';
import { customerBody } from '../../../plugin/modules/customers/routes/customer.schemas.js';
import { receiptBody } from '../../../plugin/modules/ledger/routes/receipt.schemas.js';
import { resolveDemoChain } from '../../../plugin/demo/demo-chain.js';
import {
    demoCustomerHistory,
    demoRecords,
    type DemoCustomerHistory,
} from '../../../plugin/demo/demo-history.js';
import { normalisePhone } from '../../../plugin/modules/customers/rules/phone.js';
import type { ImportRecord } from '../../../plugin/modules/import/history-import.types.js';
import { DAY, demoSnapshot, NOW } from './demo-test-chain.js';

const take = (n: number, records: Iterable<ImportRecord>) => {
    const out: ImportRecord[] = [];
    for (const r of records) {
        if (out.length >= n) break;
        out.push(r);
    }
    return out;
};

describe('demo history: determinism', () => {
    it('gives the same records for the same seed, size and now', () => {
        const a = [...demoRecords({ customers: 300, seed: 7, now: NOW })];
        const b = [...demoRecords({ customers: 300, seed: 7, now: NOW })];
        expect(a.length).toBeGreaterThan(300);
        expect(b).toEqual(a);
    });

    it('gives different records for another seed', () => {
        const a = JSON.stringify(take(500, demoRecords({ customers: 200, seed: 1, now: NOW })));
        const b = JSON.stringify(take(500, demoRecords({ customers: 200, seed: 2, now: NOW })));
        expect(b).not.toEqual(a);
    });

    it('keeps each customer the same whatever the size of the chain', () => {
        const small = resolveDemoChain({ customers: 10, stores: 5, seed: 3, now: NOW });
        const large = resolveDemoChain({ customers: 10_000, stores: 5, seed: 3, now: NOW });
        expect(demoCustomerHistory(large, 4).receipts).toEqual(demoCustomerHistory(small, 4).receipts);
    });

    it('rejects sizes it cannot generate', () => {
        expect(() => resolveDemoChain({ customers: -1 })).toThrow(/customers/);
        expect(() => resolveDemoChain({ customers: 10, historyDays: 5 })).toThrow(/historyDays/);
    });
});

describe('demo history: a chain of 5,000 customers', () => {
    const chain = resolveDemoChain({ customers: 5000, seed: 1, now: NOW });
    const histories: DemoCustomerHistory[] = Array.from({ length: chain.customers }, (_, i) =>
        demoCustomerHistory(chain, i),
    );
    const receipts = histories.flatMap((h) => h.receipts);
    const snapshot = demoSnapshot();
    const now = NOW.getTime();

    it('has about 30% chronic buyers on 1–3 groups', () => {
        const chronic = histories.filter((h) => h.plan.chronic.length > 0);
        expect(chronic.length / chain.customers).toBeGreaterThan(0.25);
        expect(chronic.length / chain.customers).toBeLessThan(0.35);
        expect(chronic.every((h) => h.plan.chronic.length <= 3)).toBe(true);
    });

    it('has chronic buyers who buy their group regularly', () => {
        const active = histories.flatMap((h) =>
            h.plan.chronic
                .filter((p) => p.stoppedDaysAgo === null && p.sinceDaysAgo > 300)
                .map((p) => ({ h, p })),
        );
        const regular = active.filter(({ h, p }) => {
            const days = h.receipts.filter(
                (r) =>
                    r.purchasedAt.getTime() >= now - 365 * DAY &&
                    r.lines.some((l) => inGroup(l, p.group.code)),
            );
            return days.length >= 3;
        });
        expect(regular.length / active.length).toBeGreaterThan(0.9);
    });

    it('has lapsed pairs (about 10% of customers): none in the last 60 days, at least 3 in the year before', () => {
        const lapsed = histories.flatMap((h) =>
            h.plan.chronic.filter((p) => p.stoppedDaysAgo !== null).map((p) => ({ h, code: p.group.code })),
        );
        const customers = new Set(lapsed.map((l) => l.h.plan.index)).size;
        expect(customers / chain.customers).toBeGreaterThan(0.07);
        expect(customers / chain.customers).toBeLessThan(0.13);
        for (const { h, code } of lapsed) {
            const times = h.receipts
                .filter((r) => r.lines.some((l) => inGroup(l, code)))
                .map((r) => r.purchasedAt.getTime());
            expect(times.filter((t) => t >= now - 60 * DAY)).toEqual([]);
            const lastYear = new Set(
                times.filter((t) => t >= now - 365 * DAY).map((t) => Math.floor(t / DAY)),
            );
            expect(lastYear.size).toBeGreaterThanOrEqual(3);
        }
    });

    it('has receipts of 1–5 lines, about 3 on average, about 12 lines per customer', () => {
        const lines = receipts.reduce((s, r) => s + r.lines.length, 0);
        expect(receipts.every((r) => r.lines.length >= 1 && r.lines.length <= 5)).toBe(true);
        expect(lines / receipts.length).toBeGreaterThan(2.7);
        expect(lines / receipts.length).toBeLessThan(3.3);
        expect(lines / chain.customers).toBeGreaterThan(10);
        expect(lines / chain.customers).toBeLessThan(14);
    });

    it('has unique, deterministic receipt ids', () => {
        const ids = receipts.map((r) => r.receiptId);
        expect(new Set(ids).size).toBe(ids.length);
        expect(ids[0]).toMatch(/^D1-\d+-1$/);
    });

    it('places every line with an ATC code in a category', () => {
        const lines = receipts.flatMap((r) => r.lines);
        expect(lines.filter((l) => l.atc && !snapshot.categoryOf(l.sku, l.atc))).toEqual([]);
        expect(lines.filter((l) => !Number.isInteger(l.amount) || l.amount <= 0)).toEqual([]);
    });

    it('dates every receipt inside the window, never in the future, oldest first per customer', () => {
        const from = now - chain.historyDays * DAY;
        for (const h of histories) {
            let previous = -Infinity;
            for (const r of h.receipts) {
                const t = r.purchasedAt.getTime();
                expect(t).toBeGreaterThanOrEqual(from);
                expect(t).toBeLessThanOrEqual(now);
                expect(t).toBeGreaterThanOrEqual(previous);
                previous = t;
            }
            expect(h.customer.enrolledAt!.getTime()).toBeLessThanOrEqual(
                h.receipts[0]?.purchasedAt.getTime() ?? now,
            );
        }
    });

    it('writes customers and receipts the POS API would accept', () => {
        const phones = histories.filter((h) => h.customer.phone).length;
        expect(phones / chain.customers).toBeGreaterThan(0.8);
        for (const h of histories.slice(0, 500)) {
            const { cardNumber: card, phone, email, name, timezone, consents } = h.customer;
            expect(cardNumber.validate(card).error).toBeUndefined();
            expect(customerBody.validate({ phone, email, name, timezone, consents }).error).toBeUndefined();
            if (phone) expect(normalisePhone(phone, 'RU')).toBe(phone);
            for (const r of h.receipts) {
                const { type: _type, ...body } = r;
                expect(receiptBody(500).validate(body).error).toBeUndefined();
            }
        }
        const sms = histories.filter((h) => h.customer.consents?.sms?.granted).length / chain.customers;
        expect(sms).toBeGreaterThan(0.5);
        expect(sms).toBeLessThan(0.75);
    });

    function inGroup(line: { sku: string; atc?: string | null }, code: string): boolean {
        return snapshot.categoryOf(line.sku, line.atc ?? null)?.code === code;
    }
});
