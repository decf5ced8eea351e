import { EntitySchema } from 'typeorm';
import { bigId, bigInt, int, str, time } from '../../../kernel/db/entity-columns.js';
import type { Store } from '../../admin/index.js';

/** What a card is for: campaigns leave out test and employee cards. */
export type CardKind = 'regular' | 'test' | 'employee';

/** Every {@link CardKind}, for validation lists. */
export const CARD_KINDS: readonly CardKind[] = ['regular', 'test', 'employee'];

/** The card's form: a plastic card, or one that lives in a phone (`card_form`). */
export const CARD_FORMS = ['physical', 'virtual'] as const;

/** One of {@link CARD_FORMS}. */
export type CardForm = (typeof CARD_FORMS)[number];

/**
 * A loyalty member, identified by card number. Carries the contacts messages
 * go to and the cached balances the ledger keeps exact: `balance` is always
 * the sum of remaining active lots, `pending` of lots not yet active, and
 * `debt` what returns took back after it had been spent.
 */
export interface Customer {
    id: number;
    cardNumber: string;
    /** E.164 phone number. */
    phone: string | null;
    email: string | null;
    name: string | null;
    /**
     * The name's search key (`nameSearchKey`: lower case, `ё` as `е`), kept
     * by the repository whenever it writes `name`; the desk finds names by its start.
     */
    nameSearch?: string | null;
    /** IANA timezone for send windows and display; the chain's when null. */
    timezone: string | null;
    /** Language of messages (`ru`, `en`); the chain's default when null. */
    locale: string | null;
    /** Telegram chat id the chain's bot may write to. */
    telegramChatId: string | null;
    /** Device token (or app user id) the chain's push gateway addresses. */
    pushToken: string | null;
    homeStoreId: number | null;
    balance: number;
    pending: number;
    debt: number;
    /** Lifetime receipts and their total, for economic filters. */
    purchaseCount: number;
    purchaseTotal: number;
    firstPurchaseAt: Date | null;
    lastPurchaseAt: Date | null;
    /**
     * The earliest moment one of the customer's open lots expires or becomes
     * active. Until then a sale that spends nothing need not read the lots.
     */
    lotsDueAt: Date | null;
    /** The latest end of the customer's active offers; no need to look for offers after it. */
    offersUntil: Date | null;
    /** `regular`, or `test` / `employee` cards that campaigns leave out. */
    cardKind: CardKind;
    /** `physical` (the default) or `virtual`. */
    cardForm?: CardForm;
    /** The customer's birth date, `YYYY-MM-DD`; null when unknown. */
    birthDate?: string | null;
    /** When the card was blocked at the store desk (no sales, balances or profile changes at the till); null: not blocked. */
    blockedAt: Date | null;
    /** Why it was blocked (the desk's words). */
    blockReason: string | null;
    /** When Telegram answered that the customer blocked the bot (skipped until a new chat id); null: not blocked. */
    telegramBlockedAt?: Date | null;
    /** When the email address hard-bounced (skipped until the address changes); null: deliverable. */
    emailUndeliverableAt?: Date | null;
    enrolledAt: Date;
    updatedAt: Date;
    /** The related row, when loaded through TypeORM relations. */
    homeStore?: Store;
}

/** TypeORM schema of {@link Customer}. */
export const CustomerEntity = new EntitySchema<Customer>({
    name: 'RefillCustomer',
    tableName: 'refill_customers',
    columns: {
        id: bigId(),
        cardNumber: str('card_number', 64),
        phone: str('phone', 20, true),
        email: str('email', 254, true),
        name: str('name', 255, true),
        nameSearch: str('name_search', 255, true),
        timezone: str('timezone', 64, true),
        locale: str('locale', 8, true),
        telegramChatId: str('telegram_chat_id', 64, true),
        pushToken: str('push_token', 255, true),
        homeStoreId: int('home_store_id', true),
        balance: int('balance', false, 0),
        pending: int('pending', false, 0),
        debt: int('debt', false, 0),
        purchaseCount: int('purchase_count', false, 0),
        purchaseTotal: { ...bigInt('purchase_total'), default: 0 },
        firstPurchaseAt: time('first_purchase_at', true),
        lastPurchaseAt: time('last_purchase_at', true),
        lotsDueAt: time('lots_due_at', true),
        offersUntil: time('offers_until', true),
        cardKind: { ...str('card_kind', 12), default: 'regular' },
        cardForm: { ...str('card_form', 12), default: 'physical' },
        birthDate: str('birth_date', 10, true),
        blockedAt: time('blocked_at', true),
        blockReason: str('block_reason', 500, true),
        telegramBlockedAt: time('telegram_blocked_at', true),
        emailUndeliverableAt: time('email_undeliverable_at', true),
        enrolledAt: time('enrolled_at'),
        updatedAt: time('updated_at'),
    },
    relations: {
        homeStore: {
            type: 'many-to-one',
            target: 'RefillStore',
            joinColumn: { name: 'home_store_id' },
            onDelete: 'RESTRICT',
        },
    },
    indices: [
        { name: 'UQ_refill_customers_card', columns: ['cardNumber'], unique: true },
        { name: 'IDX_refill_customers_phone', columns: ['phone'] },
        { name: 'IDX_refill_customers_email', columns: ['email'] },
        { name: 'IDX_refill_customers_enrolled', columns: ['enrolledAt'] },
        { name: 'IDX_refill_customers_name_search', columns: ['nameSearch', 'id'] },
    ],
});
