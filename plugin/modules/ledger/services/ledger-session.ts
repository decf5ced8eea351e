import type { SqlExecutor } from '../../../kernel/db/sql-executor.js';
import type { BonusLot, LotKind } from '../entities/bonus-lot.entity.js';
import type { Customer, CustomerState } from '../../customers/index.js';
import type { LedgerKind } from '../entities/ledger-entry.entity.js';
import { reversalOrder, spendOrder, takeFromLots, type LotView } from '../rules/lot-allocation.rules.js';
import type { BonusLotRepository, LotChange } from '../repositories/bonus-lot.repository.js';
import type { LedgerEntryRepository, NewLedgerEntry } from '../repositories/ledger-entry.repository.js';

/** What caused a ledger movement: written on every entry it produces. */
export interface LedgerCause {
    purchaseId?: number | null;
    returnId?: number | null;
    offerId?: number | null;
    reason?: string | null;
    author?: string | null;
    idempotencyKey?: string | null;
}

/** A lot to credit. */
export interface CreditSpec extends LedgerCause {
    lotKind: LotKind;
    entryKind: LedgerKind;
    amount: number;
    activeFrom: Date;
    expiresAt: Date;
}

/** The collaborators a session reads and writes through: exactly the repository methods it calls. */
export interface LedgerStores {
    lots: Pick<BonusLotRepository, 'findOpen' | 'insert' | 'applyChanges'>;
    entries: Pick<LedgerEntryRepository, 'append'>;
}

/** A lot in a session: stored or about to be. */
interface SessionLot extends LotView {
    id: number | null;
    kind: LotKind;
    amount: number;
    returnId: number | null;
    offerId: number | null;
    changed: boolean;
}

/** How the shortfall of a reversal is handled: carried as debt or written off. */
export type ShortfallPolicy = 'debt' | 'write-off';

/**
 * The unit of work for one customer's bonuses inside a transaction that holds
 * the customer's row lock. It loads the customer's open lots (only when
 * needed), burns what has expired and activates what has matured, applies
 * spends, credits and reversals in memory, then writes everything in a few
 * statements: new lots, changed lots, ledger entries and the cached balances,
 * which it recomputes from the lots so they always equal them.
 */
export class LedgerSession {
    private lots: SessionLot[] | null = null;
    private readonly created: SessionLot[] = [];
    private readonly entries: Array<Omit<NewLedgerEntry, 'lotId'> & { lot: SessionLot | null }> = [];
    private readonly usedKeys = new Set<string>();
    private purchaseBinding: { placeholder: number; purchaseId: number } | null = null;
    private debt: number;
    private seq = 0;

    constructor(
        private readonly tx: SqlExecutor,
        private readonly stores: LedgerStores,
        readonly customer: Customer,
        private readonly now: Date,
        private readonly shortfallPolicy: ShortfallPolicy,
    ) {
        this.debt = customer.debt;
    }

    /** True when a sale that spends nothing may skip reading the lots (none is due to expire or activate). */
    get lotsAreCurrent(): boolean {
        return this.customer.lotsDueAt === null || this.customer.lotsDueAt > this.now;
    }

    /** Loads the open lots and brings them up to date (expiry, activation). Idempotent. */
    async load(): Promise<void> {
        if (this.lots) return;
        this.useLots(await this.stores.lots.findOpen(this.tx, this.customer.id));
    }

    /**
     * Takes the customer's open lots read by the caller (batch jobs read many
     * customers' lots in one query) and brings them up to date.
     */
    useLots(stored: readonly BonusLot[]): void {
        if (this.lots) throw new Error('LedgerSession: lots are already loaded');
        this.lots = stored.map((l) => this.toSessionLot(l));
        for (const lot of this.lots) {
            if (lot.expiresAt <= this.now) {
                this.record('expiry', -lot.remaining, 0, lot, {});
                lot.remaining = 0;
                lot.state = 'expired';
                lot.changed = true;
            } else if (lot.state === 'pending' && lot.activeFrom <= this.now) {
                lot.state = 'active';
                lot.changed = true;
            }
        }
    }

    /** Bonuses the customer can spend now. */
    get available(): number {
        if (!this.lots) return this.customer.balance + this.sum(this.created, 'active');
        return this.sum(this.allLots(), 'active');
    }

    /** Bonuses credited but not yet active. */
    get pending(): number {
        if (!this.lots) return this.customer.pending + this.sum(this.created, 'pending');
        return this.sum(this.allLots(), 'pending');
    }

    /** Outstanding debt after this session. */
    get debtNow(): number {
        return this.debt;
    }

    /** Spends `amount` from active lots, soonest-expiring first. Callers check `available` first. */
    spend(amount: number, cause: LedgerCause, kind: LedgerKind = 'redemption'): void {
        if (amount <= 0) return;
        const { takes, shortfall } = takeFromLots(spendOrder(this.loaded()), amount);
        if (shortfall > 0) throw new Error(`LedgerSession.spend: ${amount} exceeds the available balance`);
        for (const { lot, amount: take } of takes) {
            this.draw(lot, take);
            this.record(kind, -take, 0, lot, cause);
        }
    }

    /**
     * Credits a new lot. If the customer has debt (and the policy is `debt`),
     * the new bonuses settle it first.
     */
    credit(spec: CreditSpec): void {
        if (spec.amount <= 0) return;
        const pending = spec.activeFrom > this.now;
        const lot: SessionLot = {
            id: null,
            kind: spec.lotKind,
            amount: spec.amount,
            remaining: spec.amount,
            state: pending ? 'pending' : 'active',
            activeFrom: spec.activeFrom,
            expiresAt: spec.expiresAt,
            purchaseId: spec.purchaseId ?? null,
            returnId: spec.returnId ?? null,
            offerId: spec.offerId ?? null,
            seq: Number.MAX_SAFE_INTEGER - 1_000_000 + this.seq++,
            changed: false,
        };
        this.created.push(lot);
        this.record(spec.entryKind, spec.amount, 0, lot, spec);
        if (this.debt > 0) {
            const settle = Math.min(this.debt, lot.remaining);
            this.draw(lot, settle);
            this.debt -= settle;
            this.record('debt_settlement', -settle, -settle, lot, spec);
        }
    }

    /**
     * Takes back up to `amount` earned bonuses (a return): first from the lots
     * the purchase credited, then from other lots. What cannot be taken is the
     * shortfall: carried as debt or written off, by policy; never a negative balance.
     */
    reverse(amount: number, purchaseId: number, cause: LedgerCause): { taken: number; shortfall: number } {
        if (amount <= 0) return { taken: 0, shortfall: 0 };
        const { takes, shortfall } = takeFromLots(reversalOrder(this.loaded(), purchaseId), amount);
        for (const { lot, amount: take } of takes) {
            this.draw(lot, take);
            this.record('return_reversal', -take, 0, lot, cause);
        }
        if (shortfall > 0) {
            const carried = this.shortfallPolicy === 'debt' ? shortfall : 0;
            this.debt += carried;
            this.record('return_reversal', 0, carried, null, {
                ...cause,
                reason: `shortfall ${shortfall} ${this.shortfallPolicy === 'debt' ? 'carried as debt' : 'written off'}`,
            });
        }
        return { taken: amount - shortfall, shortfall };
    }

    /**
     * Replaces a placeholder purchase id in everything recorded so far, once the
     * purchase row exists (its stored response needs the balance first).
     */
    bindPurchase(placeholder: number, purchaseId: number): void {
        this.purchaseBinding = { placeholder, purchaseId };
    }

    /** Writes every change. Returns the customer's new cached state (merged with `extra`). */
    async flush(extra: Partial<CustomerState> = {}): Promise<CustomerState> {
        for (const lot of this.created) {
            lot.id = await this.stores.lots.insert(this.tx, {
                customerId: this.customer.id,
                kind: lot.kind,
                amount: lot.amount,
                remaining: lot.remaining,
                state: lot.state,
                activeFrom: lot.activeFrom,
                expiresAt: lot.expiresAt,
                purchaseId: this.purchaseRef(lot.purchaseId),
                returnId: lot.returnId,
                offerId: lot.offerId,
                createdAt: this.now,
            });
        }
        const { changes, entries, state } = this.collect();
        await this.stores.lots.applyChanges(this.tx, changes);
        await this.stores.entries.append(this.tx, entries);
        return { ...state, ...extra };
    }

    /**
     * The session's writes as data, for callers that write many customers'
     * sessions in one statement per table (batch jobs). Only for sessions that
     * created no lots (new lots need their ids before their entries are written).
     */
    drain(): { changes: LotChange[]; entries: NewLedgerEntry[]; state: CustomerState } {
        if (this.created.length)
            throw new Error('LedgerSession.drain: sessions that credit lots must flush()');
        return this.collect();
    }

    /** A purchase id as written: the bound id in place of the placeholder. */
    private purchaseRef(purchaseId: number | null): number | null {
        const binding = this.purchaseBinding;
        return binding && purchaseId === binding.placeholder ? binding.purchaseId : purchaseId;
    }

    private collect(): { changes: LotChange[]; entries: NewLedgerEntry[]; state: CustomerState } {
        return {
            changes: (this.lots ?? [])
                .filter((l) => l.changed)
                .map((l) => ({ id: l.id as number, remaining: l.remaining, state: l.state })),
            entries: this.entries.map(({ lot, ...e }) => ({
                ...e,
                purchaseId: this.purchaseRef(e.purchaseId),
                lotId: lot?.id ?? null,
            })),
            state: {
                balance: this.available,
                pending: this.pending,
                debt: this.debt,
                lotsDueAt: this.nextDue(),
            },
        };
    }

    private nextDue(): Date | null {
        const open = this.lots ? this.allLots() : this.created;
        let due = this.lots ? null : this.customer.lotsDueAt;
        for (const lot of open) {
            if (lot.state !== 'active' && lot.state !== 'pending') continue;
            const at =
                lot.state === 'pending' && lot.activeFrom < lot.expiresAt ? lot.activeFrom : lot.expiresAt;
            if (!due || at < due) due = at;
        }
        return due;
    }

    private loaded(): SessionLot[] {
        if (!this.lots) throw new Error('LedgerSession: call load() before spending or reversing');
        return this.allLots();
    }

    private allLots(): SessionLot[] {
        return [...(this.lots ?? []), ...this.created];
    }

    private draw(lot: SessionLot, amount: number): void {
        lot.remaining -= amount;
        if (lot.remaining === 0) lot.state = 'spent';
        lot.changed = true;
    }

    private sum(lots: readonly SessionLot[], state: 'active' | 'pending'): number {
        return lots.reduce((s, l) => s + (l.state === state ? l.remaining : 0), 0);
    }

    private record(
        kind: LedgerKind,
        amount: number,
        debtChange: number,
        lot: SessionLot | null,
        cause: LedgerCause,
    ): void {
        // An idempotency key marks the first entry of its operation only (the column is unique).
        let idempotencyKey = cause.idempotencyKey ?? null;
        if (idempotencyKey && this.usedKeys.has(idempotencyKey)) idempotencyKey = null;
        if (idempotencyKey) this.usedKeys.add(idempotencyKey);
        this.entries.push({
            customerId: this.customer.id,
            kind,
            amount,
            debtChange,
            lot,
            purchaseId: cause.purchaseId ?? null,
            returnId: cause.returnId ?? null,
            offerId: cause.offerId ?? lot?.offerId ?? null,
            reason: cause.reason ?? null,
            author: cause.author ?? null,
            idempotencyKey,
            createdAt: this.now,
        });
    }

    private toSessionLot(l: BonusLot): SessionLot {
        return { ...l, seq: l.id, changed: false };
    }
}
