import type { RefillConfig } from '../../../config/refill-options.js';
import { isDuplicateKeyError } from '../../../kernel/db/db-errors.js';
import { balanceAt } from '../rules/balance.rules.js';
import { checkPurchasedAt } from '../../../kernel/till-time.rules.js';
import { capRedeem } from '../rules/redemption.rules.js';
import {
    addPurchase,
    type CatalogService,
    type CategoryStatsRepository,
    CATEGORY_STATS_JOIN,
    type KeyedCategoryStat,
} from '../../catalog/index.js';
import { requestHash } from '../rules/receipt-hash.js';
import { cardRefusal, type Customer, type CustomerRepository } from '../../customers/index.js';
import type { Offer, OfferRepository } from '../../campaigns/index.js';
import { RefillError } from '../../../kernel/errors/refill-error.js';
import type { SqlExecutor } from '../../../kernel/db/sql-executor.js';
import type { AfterCommitQueue } from '../../../kernel/events/after-commit-queue.js';
import type { EventBus } from '../../../kernel/events/event-bus.js';
import type { PosIdentity } from '../../admin/index.js';
import {
    appliedOffers,
    basketCategories,
    lineResults,
    priceBasket,
    resolveBasket,
    type PricedBasket,
} from './basket-pricing.js';
import { addDays, type Clock } from '../../../kernel/clock.js';
import type { PurchaseRepository } from '../repositories/purchase.repository.js';
import type { LedgerDatabase } from './ledger-database.port.js';
import { LedgerSession, type LedgerStores } from './ledger-session.js';
import type { PreviewInput, PreviewResult, PurchaseInput, PurchaseResult } from './purchase.views.js';

/** Thrown inside the commit transaction when the card must be enrolled first. */
class EnrolFirst extends Error {}

/**
 * The repository methods a sale and a preview use: the session's stores, the
 * customer's lock, enrolment and state, the offers, the purchase rows and the
 * category statistics.
 */
export interface PurchasePorts extends LedgerStores {
    customers: Pick<
        CustomerRepository,
        'findByCard' | 'enrolIfMissing' | 'lockByCardWithStats' | 'saveState' | 'isReplacedCard'
    >;
    offers: Pick<OfferRepository, 'findActive' | 'markRedeemed' | 'latestEnd'>;
    purchases: Pick<PurchaseRepository, 'insert' | 'insertLines' | 'findByReceiptId'>;
    stats: Pick<CategoryStatsRepository, 'upsert'>;
}

/**
 * Prices baskets and commits sales. A commit is one transaction that holds
 * the customer's row lock: it spends bonuses, credits the accrual (and any
 * offer bonuses) as lots, writes the ledger, the lines and the category
 * statistics, and stores its response so a retry with the same receipt id
 * and body replays it (a different body is a 409). It publishes
 * `PurchaseCommitted` inside that transaction, so whatever other modules do
 * about a sale (messaging stops the reminders about what was bought) commits
 * or rolls back with it.
 */
export class PurchaseService {
    constructor(
        private readonly db: LedgerDatabase,
        private readonly repos: PurchasePorts,
        private readonly catalog: Pick<CatalogService, 'snapshot'>,
        private readonly config: RefillConfig,
        private readonly clock: Clock,
        private readonly events: EventBus,
    ) {}

    /** What a basket would earn and may spend, without writing anything. */
    async preview(input: PreviewInput): Promise<PreviewResult> {
        const snapshot = await this.catalog.snapshot();
        const now = this.clock();
        const customer = input.cardNumber
            ? await this.repos.customers.findByCard(this.db, input.cardNumber)
            : null;
        let available = 0;
        let offers: Offer[] = [];
        if (input.cardNumber) {
            const refusal = cardRefusal(
                customer,
                !customer && (await this.repos.customers.isReplacedCard(this.db, input.cardNumber)),
            );
            if (refusal) throw refusal;
        }
        if (customer) {
            available = balanceAt(
                await this.repos.lots.findOpen(this.db, customer.id),
                now,
                this.config.timezone,
            ).available;
            offers = await this.repos.offers.findActive(this.db, customer.id, now);
        }
        const requested = input.redeem ?? 0;
        const priced = priceBasket(
            resolveBasket(snapshot, input.lines, this.config),
            available,
            requested,
            offers,
            this.config,
        );
        const cap = capRedeem(requested, priced.limit);
        const lines = lineResults(priced);
        return {
            known: customer !== null,
            total: priced.total,
            eligibleForRedemption: priced.limit.eligibleAmount,
            available,
            maxRedeemable: priced.limit.maxRedeemable,
            redeem: cap.redeem,
            requestedRedeem: requested,
            redeemCapped: cap.capped,
            redeemCapReason: cap.reason,
            earned: lines.reduce((s, l) => s + l.earned, 0),
            lines,
            offers: appliedOffers(priced, offers, (id) => snapshot.categoryCode(id), now),
        };
    }

    /** Commits a sale (idempotent by receipt id). */
    async commit(
        input: PurchaseInput,
        pos: PosIdentity,
    ): Promise<{ result: PurchaseResult; replayed: boolean }> {
        if (input.storeCode !== pos.storeCode)
            throw new RefillError('REFILL_FORBIDDEN', 'This POS key belongs to another store', {
                storeCode: input.storeCode,
            });
        const problem = checkPurchasedAt(input.purchasedAt, this.clock(), this.config.pos);
        if (problem)
            throw new RefillError('REFILL_VALIDATION', 'Invalid request', [
                { path: 'purchasedAt', message: problem },
            ]);
        const hash = requestHash({ ...input, purchasedAt: input.purchasedAt.toISOString() });
        const snapshot = await this.catalog.snapshot();
        let enrolled = false;
        for (;;) {
            try {
                // READ COMMITTED: the customer lock taken first orders writers, and without gap locks two new
                // customers' first statistics rows no longer deadlock each other (REPEATABLE READ's gap locks did).
                const result = await this.events.transaction(
                    this.db,
                    (tx, afterCommit) => this.commitIn(tx, input, pos, hash, snapshot, enrolled, afterCommit),
                    { readCommitted: true },
                );
                return { result, replayed: false };
            } catch (error) {
                if (error instanceof EnrolFirst) {
                    await this.repos.customers.enrolIfMissing(
                        this.db,
                        input.cardNumber,
                        this.clock(),
                        pos.storeId,
                    );
                    enrolled = true;
                    continue;
                }
                if (isDuplicateKeyError(error) || isRedeemLimit(error)) {
                    const replay = await this.replay(pos, input.receiptId, hash);
                    if (replay) return { result: replay, replayed: true };
                }
                throw error;
            }
        }
    }

    private async commitIn(
        tx: SqlExecutor,
        input: PurchaseInput,
        pos: PosIdentity,
        hash: string,
        snapshot: Awaited<ReturnType<CatalogService['snapshot']>>,
        enrolled: boolean,
        afterCommit: AfterCommitQueue,
    ): Promise<PurchaseResult> {
        const { customers, offers: offerRepo, purchases } = this.repos;
        const now = this.clock();
        const lines = resolveBasket(snapshot, input.lines, this.config);
        const categories = basketCategories(lines);
        const locked = await customers.lockByCardWithStats(
            tx,
            input.cardNumber,
            categories,
            CATEGORY_STATS_JOIN,
        );
        // A replaced card is refused, never enrolled again: the replacement commits with the card's move,
        // so a sale that waited on the customer's lock finds no customer and sees the replacement.
        const refusal = cardRefusal(
            locked?.customer ?? null,
            !locked && (await customers.isReplacedCard(tx, input.cardNumber)),
        );
        if (refusal) throw refusal;
        if (!locked) {
            if (this.config.pos.unknownCard === 'reject')
                throw new RefillError('REFILL_CUSTOMER_NOT_FOUND', 'No customer with this card');
            throw new EnrolFirst();
        }
        const { customer, stats } = locked;
        const session = new LedgerSession(tx, this.repos, customer, now, this.config.returns.shortfall);
        if (input.redeem > 0 || !session.lotsAreCurrent) await session.load();
        const offers =
            customer.offersUntil && customer.offersUntil > now
                ? await offerRepo.findActive(tx, customer.id, now)
                : [];
        const priced = priceBasket(lines, session.available, input.redeem, offers, this.config);
        if (input.redeem > priced.limit.maxRedeemable) {
            throw new RefillError(
                'REFILL_REDEEM_EXCEEDS_LIMIT',
                'Cannot spend that many bonuses on this receipt',
                {
                    requested: input.redeem,
                    maxRedeemable: priced.limit.maxRedeemable,
                    available: priced.limit.available,
                    shareCap: priced.limit.shareCap,
                },
            );
        }

        // Ledger movements, in memory until flush; the purchase id is bound once the row exists.
        // Lifetimes count from the sale, as the slip says, also when a till sends it late.
        const soldAt = input.purchasedAt < now ? input.purchasedAt : now;
        const cause = { purchaseId: PENDING_ID };
        session.spend(input.redeem, cause);
        session.credit({
            ...cause,
            lotKind: 'accrual',
            entryKind: 'accrual',
            amount: priced.baseEarned,
            activeFrom: addDays(soldAt, this.config.accrual.pendingDays),
            expiresAt: addDays(soldAt, this.config.accrual.lifetimeDays),
        });
        const used = offers.filter((o) => (priced.offerEarned.get(o.id) ?? 0) > 0);
        for (const offer of used) {
            session.credit({
                ...cause,
                offerId: offer.id,
                lotKind: 'offer',
                entryKind: 'offer_accrual',
                amount: priced.offerEarned.get(offer.id) ?? 0,
                activeFrom: now,
                expiresAt: addDays(soldAt, offer.bonusLifetimeDays),
            });
        }

        const result = this.result(
            input,
            priced,
            used,
            snapshot.categoryCode.bind(snapshot),
            now,
            enrolled,
            session,
        );
        const purchaseId = await purchases.insert(tx, {
            receiptId: input.receiptId,
            customerId: customer.id,
            storeId: pos.storeId,
            purchasedAt: input.purchasedAt,
            totalAmount: priced.total,
            redeemed: input.redeem,
            earned: result.earned,
            source: 'pos',
            requestHash: hash,
            response: JSON.stringify(result),
            createdAt: now,
        });
        session.bindPurchase(PENDING_ID, purchaseId);
        await purchases.insertLines(
            tx,
            purchaseId,
            priced.lines.map((line, i) => ({
                lineNo: line.lineNo,
                sku: line.sku,
                name: line.name,
                atc: line.atc,
                categoryId: line.categoryId,
                quantityMilli: line.quantityMilli,
                amount: line.amount,
                redeemed: priced.redeemedPerLine[i],
                earned: priced.accrual[i].baseEarned + priced.accrual[i].offerEarned,
                offerEarned: priced.accrual[i].offerEarned,
                returnedQuantityMilli: 0,
                returnedAmount: 0,
                reversedEarned: 0,
                refundedRedeemed: 0,
            })),
        );
        await this.updateStats(tx, customer, priced, input.purchasedAt, stats);
        let offersUntil: Date | null | undefined;
        if (used.length) {
            await offerRepo.markRedeemed(
                tx,
                used.map((o) => o.id),
                purchaseId,
            );
            offersUntil = await offerRepo.latestEnd(tx, customer.id, now);
        }
        const state = await session.flush({
            purchaseCount: customer.purchaseCount + 1,
            purchaseTotal: customer.purchaseTotal + priced.total,
            firstPurchaseAt:
                customer.firstPurchaseAt && customer.firstPurchaseAt < input.purchasedAt
                    ? customer.firstPurchaseAt
                    : input.purchasedAt,
            lastPurchaseAt:
                customer.lastPurchaseAt && customer.lastPurchaseAt > input.purchasedAt
                    ? customer.lastPurchaseAt
                    : input.purchasedAt,
            offersUntil,
        });
        await customers.saveState(tx, customer.id, state, now);
        await this.events.publish(
            tx,
            'PurchaseCommitted',
            {
                purchaseId,
                receiptId: result.receiptId,
                customerId: customer.id,
                storeId: pos.storeId,
                storeCode: pos.storeCode,
                categoryIds: categories,
                purchasedAt: input.purchasedAt,
                committedAt: now,
                total: result.total,
                earned: result.earned,
                redeemed: result.redeemed,
                enrolled,
                balance: result.balance,
            },
            afterCommit,
        );
        return result;
    }

    private result(
        input: PurchaseInput,
        priced: PricedBasket,
        used: readonly Offer[],
        categoryCode: (id: number) => string | null,
        now: Date,
        enrolled: boolean,
        session: LedgerSession,
    ): PurchaseResult {
        const lines = lineResults(priced);
        return {
            receiptId: input.receiptId,
            storeCode: input.storeCode,
            purchasedAt: input.purchasedAt.toISOString(),
            enrolled,
            total: priced.total,
            redeemed: input.redeem,
            earned: lines.reduce((s, l) => s + l.earned, 0),
            lines,
            offers: appliedOffers(priced, used, categoryCode, now),
            balance: { available: session.available, pending: session.pending, debt: session.debtNow },
        };
    }

    /** Merges the sale into the customer's per-category statistics (rows read with the customer lock). */
    private async updateStats(
        tx: SqlExecutor,
        customer: Customer,
        priced: PricedBasket,
        at: Date,
        current: readonly KeyedCategoryStat[],
    ): Promise<void> {
        const amounts = new Map<number, number>();
        for (const line of priced.lines)
            if (line.categoryId !== null)
                amounts.set(line.categoryId, (amounts.get(line.categoryId) ?? 0) + line.amount);
        if (!amounts.size) return;
        const existing = new Map(current.map((s) => [s.categoryId, s]));
        await this.repos.stats.upsert(
            tx,
            [...amounts].map(([categoryId, amount]) => ({
                customerId: customer.id,
                categoryId,
                ...addPurchase(existing.get(categoryId) ?? null, at, amount, this.config.timezone),
            })),
        );
    }

    /** The stored result of an earlier commit of this receipt, or a 409 if the body differs. */
    private async replay(pos: PosIdentity, receiptId: string, hash: string): Promise<PurchaseResult | null> {
        const existing = await this.repos.purchases.findByReceiptId(this.db, pos.storeId, receiptId);
        if (!existing) return null;
        if (existing.requestHash !== hash || !existing.response)
            throw new RefillError(
                'REFILL_RECEIPT_CONFLICT',
                'This receipt id was already committed with a different body',
                {
                    receiptId,
                },
            );
        return JSON.parse(existing.response) as PurchaseResult;
    }
}

/** Stands in for the purchase id until the purchase row is inserted. */
const PENDING_ID = -1;

function isRedeemLimit(error: unknown): boolean {
    return error instanceof RefillError && error.code === 'REFILL_REDEEM_EXCEEDS_LIMIT';
}
