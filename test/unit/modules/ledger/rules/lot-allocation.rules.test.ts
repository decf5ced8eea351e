import { describe, expect, it } from 'vitest';
import {
    reversalOrder,
    spendOrder,
    takeFromLots,
    type LotView,
} from '../../../../../plugin/modules/ledger/rules/lot-allocation.rules.js';

const lot = (seq: number, expires: string, extra: Partial<LotView> = {}): LotView => ({
    seq,
    remaining: 100,
    state: 'active',
    activeFrom: new Date('2026-01-01'),
    expiresAt: new Date(expires),
    purchaseId: null,
    ...extra,
});

describe('lot allocation', () => {
    it('spends the soonest-expiring active lots first', () => {
        const lots = [
            lot(1, '2026-09-01'),
            lot(2, '2026-05-01'),
            lot(3, '2026-04-01', { state: 'pending' }),
            lot(4, '2026-05-01'),
        ];
        expect(spendOrder(lots).map((l) => l.seq)).toEqual([2, 4, 1]);
        const { takes, shortfall } = takeFromLots(spendOrder(lots), 150);
        expect(takes.map((t) => [t.lot.seq, t.amount])).toEqual([
            [2, 100],
            [4, 50],
        ]);
        expect(shortfall).toBe(0);
    });

    it("reverses from the purchase's own lots, then active, then pending", () => {
        const lots = [
            lot(1, '2026-05-01'),
            lot(2, '2026-09-01', { purchaseId: 9 }),
            lot(3, '2026-04-01', { state: 'pending' }),
            lot(4, '2026-06-01', { state: 'spent', remaining: 0 }),
        ];
        expect(reversalOrder(lots, 9).map((l) => l.seq)).toEqual([2, 1, 3]);
        expect(takeFromLots(reversalOrder(lots, 9), 350).shortfall).toBe(50);
    });
});
