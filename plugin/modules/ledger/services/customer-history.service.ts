import type { Clock } from '../../../kernel/clock.js';
import type { Database } from '../../../kernel/db/database.js';
import { RefillError } from '../../../kernel/errors/refill-error.js';
import Joi from 'joi';
import { decodeCursor, toPage, type Page, type PageRequest } from '../../../kernel/http/page.js';
import type { OfferRepository } from '../../campaigns/index.js';
import type { Customer, CustomerRepository } from '../../customers/index.js';
import type { BonusLot, LotState } from '../entities/bonus-lot.entity.js';
import type { BonusLotRepository } from '../repositories/bonus-lot.repository.js';
import type { CustomerHistoryQuery } from '../repositories/customer-history.query.js';
import { ledgerCauseOf, type LedgerCause } from '../rules/ledger-cause.rules.js';
import type { ReturnResult } from './purchase.views.js';

/** A lot as the desk shows it: its state as of now (one due but not yet processed shows as it is). */
export interface LotView {
    id: number;
    amount: number;
    remaining: number;
    activeFrom: string;
    expiresAt: string;
    status: LotState;
    /** Why it was credited: accrual, offer, refund, manual, import. */
    source: string;
}

/** One ledger movement with its cause. */
export interface LedgerLine {
    id: number;
    at: string;
    /** Signed change of the customer's bonuses. */
    amount: number;
    kind: string;
    cause: LedgerCause;
}

/** A receipt with its lines and returns. */
export interface ReceiptView {
    id: number;
    receiptId: string;
    storeCode: string;
    at: string;
    total: number;
    bonusSpent: number;
    bonusAccrued: number;
    lines: Array<{ sku: string; name: string; quantity: number; amount: number }>;
    returns: Array<{
        id: number;
        returnId: string;
        at: string;
        amount: number;
        /** Spent bonuses given back to the customer. */
        bonusReturned: number;
        lines: Array<{ sku: string; quantity: number; amount: number }>;
    }>;
}

/** A ledger page's key: the last entry id shown. */
const ENTRY_KEY = Joi.array().ordered(Joi.number().integer().min(1).required()).length(1);
/** A receipts page's key: the last receipt's time and id. */
const RECEIPT_KEY = Joi.array()
    .ordered(Joi.string().isoDate().required(), Joi.number().integer().min(1).required())
    .length(2);

/**
 * The store desk's read of a customer's bonuses and purchases: lots, the
 * ledger with each line's cause, and receipts with their lines and returns.
 */
export class CustomerHistoryService {
    constructor(
        private readonly db: Database,
        private readonly customers: Pick<CustomerRepository, 'findByCard'>,
        private readonly lotRepository: Pick<BonusLotRepository, 'findAll'>,
        private readonly history: CustomerHistoryQuery,
        private readonly offers: Pick<OfferRepository, 'findByIds'>,
        private readonly clock: Clock,
    ) {}

    /** Every lot of the customer, newest first. */
    async lots(cardNumber: string): Promise<{ data: LotView[] }> {
        const customer = await this.customer(cardNumber);
        const now = this.clock();
        return { data: (await this.lotRepository.findAll(this.db, customer.id)).map((l) => lotView(l, now)) };
    }

    /** A page of the customer's ledger, newest first, each line with its cause. */
    async ledger(cardNumber: string, page: PageRequest): Promise<Page<LedgerLine>> {
        const customer = await this.customer(cardNumber);
        const before = decodeCursor<number[]>(page.cursor, ENTRY_KEY);
        const entries = await this.history.entriesPage(customer.id, before?.[0] ?? null, page.limit + 1);
        const returns = await this.history.returnsById(
            entries.flatMap((e) => (e.returnId === null ? [] : [e.returnId])),
        );
        const returnById = new Map(returns.map((r) => [r.id, r]));
        const purchaseOf = (e: (typeof entries)[number]) =>
            e.purchaseId ?? returnById.get(e.returnId ?? -1)?.purchaseId ?? null;
        const receipts = await this.history.receiptIds(entries.flatMap((e) => purchaseOf(e) ?? []));
        const offers = await this.offers.findByIds(this.db, [
            ...new Set(entries.flatMap((e) => e.offerId ?? [])),
        ]);
        const campaignOf = new Map(offers.map((o) => [o.id, o.campaignId]));
        return toPage(
            entries,
            page.limit,
            (e) => [e.id],
            (e) => ({
                id: e.id,
                at: e.createdAt.toISOString(),
                amount: e.amount,
                kind: e.kind,
                cause: ledgerCauseOf(e, {
                    receiptId: receipts.get(purchaseOf(e) ?? -1) ?? null,
                    returnId: returnById.get(e.returnId ?? -1)?.returnId ?? null,
                    campaignId: campaignOf.get(e.offerId ?? -1) ?? null,
                }),
            }),
        );
    }

    /** A page of the customer's receipts, newest first, with their lines and returns. */
    async receipts(cardNumber: string, page: PageRequest): Promise<Page<ReceiptView>> {
        const customer = await this.customer(cardNumber);
        const key = decodeCursor<Array<string | number>>(page.cursor, RECEIPT_KEY);
        const before = key ? { purchasedAt: new Date(key[0] as string), id: key[1] as number } : null;
        const receipts = await this.history.receiptsPage(customer.id, before, page.limit + 1);
        const ids = receipts.slice(0, page.limit).map((r) => r.id);
        const lines = await this.history.linesOf(ids);
        const returns = await this.history.returnsOf(ids);
        return toPage(
            receipts,
            page.limit,
            (r) => [r.purchasedAt.toISOString(), r.id],
            (r) => ({
                id: r.id,
                receiptId: r.receiptId,
                storeCode: r.storeCode,
                at: r.purchasedAt.toISOString(),
                total: r.totalAmount,
                bonusSpent: r.redeemed,
                bonusAccrued: r.earned,
                lines: lines
                    .filter((l) => l.purchaseId === r.id)
                    .map((l) => ({
                        sku: l.sku,
                        name: l.name,
                        quantity: l.quantityMilli / 1000,
                        amount: l.amount,
                    })),
                returns: returns
                    .filter((x) => x.purchaseId === r.id)
                    .map((x) => ({
                        id: x.id,
                        returnId: x.returnId,
                        at: x.returnedAt.toISOString(),
                        amount: x.amount,
                        bonusReturned: x.refunded,
                        lines: returnLines(x.response),
                    })),
            }),
        );
    }

    private async customer(cardNumber: string): Promise<Customer> {
        const customer = await this.customers.findByCard(this.db, cardNumber);
        if (!customer) throw new RefillError('REFILL_CUSTOMER_NOT_FOUND', 'No customer with this card');
        return customer;
    }
}

/** A lot as of `now`: a pending one whose time came is active, an open one past its end expired. */
function lotView(lot: BonusLot, now: Date): LotView {
    const open = lot.state === 'active' || lot.state === 'pending';
    const status: LotState = !open
        ? lot.state
        : lot.expiresAt <= now
          ? 'expired'
          : lot.state === 'pending' && lot.activeFrom <= now
            ? 'active'
            : lot.state;
    return {
        id: lot.id,
        amount: lot.amount,
        remaining: status === 'expired' ? 0 : lot.remaining,
        activeFrom: lot.activeFrom.toISOString(),
        expiresAt: lot.expiresAt.toISOString(),
        status,
        source: lot.kind,
    };
}

/** The returned lines, as the return's stored answer lists them (none when it has no answer yet). */
function returnLines(response: string | null): ReceiptView['returns'][number]['lines'] {
    if (!response) return [];
    const answer = JSON.parse(response) as Partial<ReturnResult>;
    return (answer.lines ?? []).map((l) => ({ sku: l.sku, quantity: l.quantity, amount: l.amount }));
}
