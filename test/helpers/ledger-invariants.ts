import { expect } from 'vitest';
import type { Refill } from '../../plugin/index.js';
import { refillInternals } from '../../plugin/testing.js';

/**
 * Asserts the ledger's invariants for one customer: cached balance = sum of
 * remaining active lots, cached pending = sum of remaining pending lots,
 * balance + pending = sum of ledger amounts, debt = sum of debt changes ≥ 0,
 * and every lot's remaining within [0, amount].
 */
export async function expectLedgerConsistent(refill: Refill, cardNumber: string): Promise<void> {
    const { customers, lots, entries } = refillInternals(refill).repositories;
    const customer = await customers.findByCard(refillInternals(refill).database, cardNumber);
    if (!customer) return;
    const all = await lots.findAll(refillInternals(refill).database, customer.id);
    const active = all.filter((l) => l.state === 'active').reduce((s, l) => s + l.remaining, 0);
    const pending = all.filter((l) => l.state === 'pending').reduce((s, l) => s + l.remaining, 0);
    const closed = all
        .filter((l) => l.state === 'spent' || l.state === 'expired')
        .reduce((s, l) => s + l.remaining, 0);
    const totals = await entries.totals(refillInternals(refill).database, customer.id);
    for (const lot of all) {
        expect(lot.remaining).toBeGreaterThanOrEqual(0);
        expect(lot.remaining).toBeLessThanOrEqual(lot.amount);
    }
    expect(closed).toBe(0);
    expect(customer.balance).toBe(active);
    expect(customer.pending).toBe(pending);
    expect(customer.balance).toBeGreaterThanOrEqual(0);
    expect(totals.amount).toBe(customer.balance + customer.pending);
    expect(totals.debt).toBe(customer.debt);
    expect(customer.debt).toBeGreaterThanOrEqual(0);
}
