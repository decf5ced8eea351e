import { describe, expect, it } from 'vitest';
import { validateOptions } from '../../../../../plugin/config/validate-options.js';
import type { SqlExecutor } from '../../../../../plugin/kernel/db/sql-executor.js';
import type { Customer, CustomerState } from '../../../../../plugin/modules/customers/index.js';
import type { BonusLot } from '../../../../../plugin/modules/ledger/entities/bonus-lot.entity.js';
import type {
    LotChange,
    NewLot,
} from '../../../../../plugin/modules/ledger/repositories/bonus-lot.repository.js';
import type { NewLedgerEntry } from '../../../../../plugin/modules/ledger/repositories/ledger-entry.repository.js';
import type { LedgerDatabase } from '../../../../../plugin/modules/ledger/services/ledger-database.port.js';
import {
    LedgerAdjustmentService,
    type LedgerAdjustmentPorts,
} from '../../../../../plugin/modules/ledger/services/ledger-adjustment.service.js';

const NOW = new Date('2026-03-01T10:00:00Z');
const config = validateOptions({ databaseUrl: 'sqlite::memory:' });

/** A transaction handle that refuses SQL: every read and write goes through the fake ports. */
const tx: SqlExecutor = {
    dialect: 'sqlite',
    all: () => Promise.reject(new Error('no SQL in a unit test')),
    run: () => Promise.reject(new Error('no SQL in a unit test')),
};

/** A transaction runner that logs how each unit of work ended. */
function fakeDb(log: string[]): LedgerDatabase {
    return {
        ...tx,
        async transaction<T>(work: (t: SqlExecutor) => Promise<T>): Promise<T> {
            log.push('begin');
            try {
                const result = await work(tx);
                log.push('commit');
                return result;
            } catch (error) {
                log.push('rollback');
                throw error;
            }
        },
    };
}

function customer(balance: number): Customer {
    return {
        id: 7,
        cardNumber: '2000000000017',
        phone: null,
        email: null,
        name: null,
        timezone: null,
        locale: null,
        telegramChatId: null,
        pushToken: null,
        homeStoreId: null,
        balance,
        pending: 0,
        debt: 0,
        purchaseCount: 1,
        purchaseTotal: 10_000,
        firstPurchaseAt: NOW,
        lastPurchaseAt: NOW,
        lotsDueAt: new Date('2026-06-01T00:00:00Z'),
        offersUntil: null,
        cardKind: 'regular',
        blockedAt: null,
        blockReason: null,
        enrolledAt: NOW,
        updatedAt: NOW,
    };
}

function lot(remaining: number): BonusLot {
    return {
        id: 41,
        customerId: 7,
        kind: 'accrual',
        amount: remaining,
        remaining,
        state: 'active',
        activeFrom: new Date('2026-02-01T00:00:00Z'),
        expiresAt: new Date('2026-06-01T00:00:00Z'),
        purchaseId: 3,
        returnId: null,
        offerId: null,
        createdAt: new Date('2026-02-01T00:00:00Z'),
    };
}

/** Hand-written fakes of exactly the repository methods the service may call; writes are kept. */
function fakePorts(holder: Customer, lots: BonusLot[]) {
    const written = {
        lots: [] as NewLot[],
        lotChanges: [] as LotChange[],
        entries: [] as NewLedgerEntry[],
        states: [] as CustomerState[],
        audit: [] as string[],
    };
    const ports: LedgerAdjustmentPorts = {
        customers: {
            lockByCard: async (_tx, card) => (card === holder.cardNumber ? holder : null),
            findByCard: async (_exec, card) => (card === holder.cardNumber ? holder : null),
            saveState: async (_tx, _id, state) => void written.states.push(state),
            isReplacedCard: async () => false,
        },
        lots: {
            findOpen: async () => lots,
            insert: async (_tx, l) => {
                written.lots.push(l);
                return 100 + written.lots.length;
            },
            applyChanges: async (_tx, changes) => void written.lotChanges.push(...changes),
        },
        entries: {
            findByIdempotencyKey: async () => null,
            append: async (_tx, entries) => void written.entries.push(...entries),
        },
        audit: { append: async (_tx, record) => void written.audit.push(record.action) },
    };
    return { ports, written };
}

describe('LedgerAdjustmentService on fake ports', () => {
    it('refuses a debit larger than the balance with REFILL_INSUFFICIENT_BALANCE and writes nothing', async () => {
        const log: string[] = [];
        const { ports, written } = fakePorts(customer(300), [lot(300)]);
        const service = new LedgerAdjustmentService(fakeDb(log), ports, config, () => NOW);

        await expect(
            service.adjust({ cardNumber: '2000000000017', amount: -301, reason: 'typo', author: 'anna' }),
        ).rejects.toMatchObject({
            code: 'REFILL_INSUFFICIENT_BALANCE',
            details: { requested: 301, available: 300 },
        });
        expect(log).toEqual(['begin', 'rollback']);
        expect(written).toEqual({ lots: [], lotChanges: [], entries: [], states: [], audit: [] });
    });

    it('a debit within the balance takes it from the lot, records the entry, the state and the audit in one unit', async () => {
        const log: string[] = [];
        const { ports, written } = fakePorts(customer(300), [lot(300)]);
        const service = new LedgerAdjustmentService(fakeDb(log), ports, config, () => NOW);

        const { balance, replayed } = await service.adjust({
            cardNumber: '2000000000017',
            amount: -120,
            reason: 'goodwill reversal',
            author: 'anna',
        });

        expect({ balance, replayed }).toEqual({
            balance: { available: 180, pending: 0, debt: 0 },
            replayed: false,
        });
        expect(log).toEqual(['begin', 'commit']);
        expect(written.lotChanges).toEqual([{ id: 41, remaining: 180, state: 'active' }]);
        expect(written.entries).toMatchObject([
            {
                customerId: 7,
                kind: 'manual_debit',
                amount: -120,
                lotId: 41,
                reason: 'goodwill reversal',
                author: 'anna',
            },
        ]);
        expect(written.states).toMatchObject([{ balance: 180, pending: 0, debt: 0 }]);
        expect(written.audit).toEqual(['ledger.adjust']);
    });

    it('refuses an unknown card with REFILL_CUSTOMER_NOT_FOUND', async () => {
        const { ports, written } = fakePorts(customer(300), [lot(300)]);
        const service = new LedgerAdjustmentService(fakeDb([]), ports, config, () => NOW);

        await expect(
            service.adjust({ cardNumber: '2000000000999', amount: 50, reason: 'gift', author: 'anna' }),
        ).rejects.toMatchObject({ code: 'REFILL_CUSTOMER_NOT_FOUND' });
        expect(written.entries).toEqual([]);
    });
});
