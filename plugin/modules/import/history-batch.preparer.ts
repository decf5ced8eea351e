import type { RefillConfig } from '../../config/refill-options.js';
import type { Database } from '../../kernel/db/database.js';
import type { CatalogService, CatalogSnapshot } from '../catalog/index.js';
import type { StoreRepository } from '../admin/index.js';
import { type CustomerProfile, type CustomerRepository, normalisePhone } from '../customers/index.js';
import { type PurchaseRepository, receiptKey } from '../ledger/index.js';

/** The repository methods the batch preparer calls (the composition root passes its bag). */
export interface HistoryBatchPreparerPorts {
    customers: Pick<CustomerRepository, 'idsByCards' | 'replacedCards'>;
    purchases: Pick<PurchaseRepository, 'idsByReceiptIds'>;
    stores: Pick<StoreRepository, 'list'>;
}
import { addDays, type Clock } from '../../kernel/clock.js';
import type { ConsentChannel } from '../../kernel/vocabulary/channels.js';
import type { CustomerImportRecord, ImportInput, ReceiptImportRecord } from './history-import.types.js';
import type { PreparedBatch, PreparedCustomer, PreparedReceipt } from './history-batch.types.js';
import { checkImportRecord } from './import-record.schema.js';

/** How far ahead of the importer's clock a receipt may be dated (clock skew between systems). */
const MAX_FUTURE_MS = 10 * 60_000;
/**
 * How far back history may go: wider than the tills' `pos.maxBackdateDays`
 * (an import carries years of receipts), but a receipt dated in year 0001 or
 * 1900 is a broken record, not history.
 */
const MAX_HISTORY_YEARS = 20;

/** Records validated between two turns of the event loop. */
const YIELD_EVERY = 50;
/** Distinct (SKU, ATC) placements remembered at most. */
const MAX_PLACEMENTS = 200_000;

/** Where the catalogue puts a line. */
interface Placement {
    atc: string | null;
    categoryId: number | null;
}

/** A record and its position in the input (1-based). */
export interface PositionedInput {
    input: ImportInput;
    position: number;
}

/**
 * Turns a batch of raw input into a {@link PreparedBatch} outside any
 * transaction: validates every record, normalises phones, resolves store
 * codes and places receipt lines in the catalogue, and looks up the ids of
 * the cards it mentions and which of its receipts are already present.
 * Everything that costs CPU or a read without locks happens here, while the
 * batch before is being written, so a batch's transaction holds its row
 * locks only while writing.
 */
export class HistoryBatchPreparer {
    private stores = new Map<string, number>();
    private storesLoaded = false;
    private placed: { snapshot: CatalogSnapshot | null; bySku: Map<string, Placement> } = {
        snapshot: null,
        bySku: new Map(),
    };

    constructor(
        private readonly db: Database,
        private readonly repos: HistoryBatchPreparerPorts,
        private readonly catalog: CatalogService,
        private readonly config: RefillConfig,
        private readonly clock: Clock,
    ) {}

    /** Prepares one batch; `position` is the input position of its last record. */
    async prepare(batch: readonly PositionedInput[], position: number): Promise<PreparedBatch> {
        const snapshot = await this.catalog.snapshot();
        await this.loadStoresFor(batch);
        const now = this.clock();
        const out: PreparedBatch = {
            position,
            customers: [],
            receipts: [],
            duplicateReceipts: 0,
            knownIds: new Map(),
            presentReceipts: new Set(),
            rejected: [],
        };
        const receiptKeys = new Set<string>();
        let sinceYield = 0;
        for (const { input, position: at } of batch) {
            // Let the batch being written meanwhile get its replies handled between slices of work.
            if (++sinceYield === YIELD_EVERY) {
                sinceYield = 0;
                await new Promise((resolve) => setImmediate(resolve));
            }
            const line = input.type === 'unreadable' ? input.line : (input.line ?? at);
            const reject = (message: string) => out.rejected.push({ line, message });
            if (input.type === 'unreadable') {
                reject(input.message);
                continue;
            }
            const checked = checkImportRecord(input);
            if (checked.error !== undefined) {
                reject(checked.error);
                continue;
            }
            const record = checked.value;
            const prepared =
                record.type === 'customer'
                    ? this.customer(record, line, now)
                    : this.receipt(record, line, snapshot, now);
            if (typeof prepared === 'string') reject(prepared);
            else if ('receiptId' in prepared) {
                const key = receiptKey(prepared.storeId, prepared.receiptId);
                if (receiptKeys.has(key)) out.duplicateReceipts++;
                else {
                    receiptKeys.add(key);
                    out.receipts.push(prepared);
                }
            } else out.customers.push(prepared);
        }
        const cards = new Set([
            ...out.customers.map((c) => c.cardNumber),
            ...out.receipts.map((r) => r.cardNumber),
        ]);
        out.knownIds = await this.repos.customers.idsByCards(this.db, [...cards]);
        await this.leaveOutReplacedCards(
            out,
            [...cards].filter((card) => !out.knownIds.has(card)),
        );
        const present = await this.repos.purchases.idsByReceiptIds(this.db, out.receipts);
        out.presentReceipts = new Set(present.keys());
        return out;
    }

    /**
     * A card replaced at the store desk is no customer's card and is never
     * enrolled again, by the tills or by an import: its records are rejected.
     */
    private async leaveOutReplacedCards(out: PreparedBatch, unknownCards: string[]): Promise<void> {
        if (unknownCards.length === 0) return;
        const replaced = await this.repos.customers.replacedCards(this.db, unknownCards);
        if (replaced.size === 0) return;
        const message = 'card was replaced by another card at the store desk';
        const keep = <T extends { cardNumber: string; line: number }>(rows: T[]) =>
            rows.filter((row) => {
                if (!replaced.has(row.cardNumber)) return true;
                out.rejected.push({ line: row.line, message });
                return false;
            });
        out.customers = keep(out.customers);
        out.receipts = keep(out.receipts);
    }

    private customer(record: CustomerImportRecord, line: number, now: Date): PreparedCustomer | string {
        const profile: CustomerProfile = {};
        if (record.phone !== undefined) {
            if (record.phone === null) profile.phone = null;
            else {
                const phone = normalisePhone(record.phone, this.config.defaultCountry);
                if (!phone) return 'phone is not a valid phone number';
                profile.phone = phone;
            }
        }
        if (record.email !== undefined) profile.email = record.email?.toLowerCase() ?? null;
        if (record.name !== undefined) profile.name = record.name;
        if (record.timezone !== undefined) profile.timezone = record.timezone;
        if (record.homeStore !== undefined) {
            if (record.homeStore === null) profile.homeStoreId = null;
            else {
                const storeId = this.stores.get(record.homeStore);
                if (storeId === undefined) return `homeStore "${record.homeStore}" is not a known store code`;
                profile.homeStoreId = storeId;
            }
        }
        const enrolledAt = record.enrolledAt ?? null;
        const consentAt = enrolledAt ?? now;
        const consents = Object.entries(record.consents ?? {}).flatMap(([channel, c]) =>
            c ? [{ channel: channel as ConsentChannel, granted: c.granted, at: c.at ?? consentAt }] : [],
        );
        let opening: PreparedCustomer['opening'] = null;
        if (record.openingBalance) {
            const expiresAt =
                record.openingBalanceExpiresAt ?? addDays(now, this.config.accrual.lifetimeDays);
            // Bonuses that have already burnt are not carried over.
            if (expiresAt > now) opening = { amount: record.openingBalance, expiresAt };
        }
        return { line, cardNumber: record.cardNumber, profile, enrolledAt, consents, opening };
    }

    private receipt(
        record: ReceiptImportRecord,
        line: number,
        snapshot: CatalogSnapshot,
        now: Date,
    ): PreparedReceipt | string {
        const storeId = this.stores.get(record.storeCode);
        if (storeId === undefined) return `storeCode "${record.storeCode}" is not a known store code`;
        if (record.purchasedAt.getTime() > now.getTime() + MAX_FUTURE_MS)
            return 'purchasedAt must not be in the future';
        if (record.purchasedAt < addDays(now, -365 * MAX_HISTORY_YEARS))
            return `purchasedAt must be within the last ${MAX_HISTORY_YEARS} years`;
        const categoryAmounts = new Map<number, number>();
        let total = 0;
        const lines = record.lines.map((l, lineNo) => {
            const { atc, categoryId } = this.place(snapshot, l.sku, l.atc ?? null);
            total += l.amount;
            if (categoryId !== null)
                categoryAmounts.set(categoryId, (categoryAmounts.get(categoryId) ?? 0) + l.amount);
            return {
                lineNo,
                sku: l.sku,
                name: l.name,
                atc,
                categoryId,
                quantityMilli: Math.round(l.quantity * 1000),
                amount: l.amount,
            };
        });
        return {
            line,
            receiptId: record.receiptId,
            cardNumber: record.cardNumber,
            storeId,
            purchasedAt: record.purchasedAt,
            total,
            categoryAmounts,
            lines,
        };
    }

    /**
     * A line's ATC (the catalogue's, else the file's) and category, as the
     * snapshot places it. Remembered per SKU and ATC for as long as the
     * snapshot lasts: a history has millions of lines but few distinct products.
     */
    private place(snapshot: CatalogSnapshot, sku: string, atc: string | null): Placement {
        if (this.placed.snapshot !== snapshot) this.placed = { snapshot, bySku: new Map() };
        const key = atc === null ? sku : `${sku}\u0000${atc}`;
        let placement = this.placed.bySku.get(key);
        if (!placement) {
            const [line] = snapshot.resolve([{ sku, name: '', atc, quantityMilli: 0, amount: 0 }], 0);
            placement = { atc: line.atc, categoryId: line.categoryId };
            if (this.placed.bySku.size < MAX_PLACEMENTS) this.placed.bySku.set(key, placement);
        }
        return placement;
    }

    /** Loads the store directory, again when a batch names a store not seen yet (at most once a batch). */
    private async loadStoresFor(batch: readonly PositionedInput[]): Promise<void> {
        const unknown = batch.some(({ input }) => {
            const code =
                input.type === 'receipt'
                    ? input.storeCode
                    : input.type === 'customer'
                      ? input.homeStore
                      : null;
            return typeof code === 'string' && !this.stores.has(code);
        });
        if (!unknown && this.storesLoaded) return;
        const list = await this.repos.stores.list(this.db);
        this.stores = new Map(list.map((s) => [s.code, s.id]));
        this.storesLoaded = true;
    }
}
