import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entityRowMapper } from '../../../../plugin/kernel/db/entity-row.mapper.js';
import { RefillConfigError } from '../../../../plugin/kernel/errors/refill-error.js';
import {
    CategoryEntity,
    CustomerEntity,
    PurchaseEntity,
    refillEntities,
} from '../../../../plugin/refill-entities.js';

/** Only the metadata is read: an in-memory SQLite DataSource without tables is enough. */
let ds: DataSource;
beforeAll(async () => {
    ds = new DataSource({ type: 'better-sqlite3', database: ':memory:', entities: refillEntities });
    await ds.initialize();
});
afterAll(async () => {
    await ds?.destroy();
});

const enrolled = new Date('2026-03-01T10:20:30.456Z');

describe('entity row mapper', () => {
    it('lists the columns of the table in the entity order and leaves the generated key out of inserts', () => {
        const purchases = entityRowMapper(ds, PurchaseEntity, 'utc');
        expect(purchases.table).toBe('refill_purchases');
        expect(purchases.columns).toBe(
            'id, receipt_id, customer_id, store_id, purchased_at, total_amount, redeemed, earned, source, request_hash, response, created_at',
        );
        expect(purchases.insertable.insert(2)).toBe(
            'INSERT INTO refill_purchases (receipt_id, customer_id, store_id, purchased_at, total_amount, redeemed, earned, source, request_hash, response, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?), (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        );
    });

    it('reads what mysql2 hands over: BIGINTs as strings, times as Dates, NULLs', () => {
        const customers = entityRowMapper(ds, CustomerEntity, 'utc');
        const customer = customers.fromRow({
            id: '12',
            card_number: '2000000000001',
            phone: null,
            email: 'a@example.com',
            name: null,
            name_search: null,
            timezone: null,
            home_store_id: 3,
            balance: 150,
            pending: 0,
            debt: 0,
            purchase_count: 2,
            purchase_total: '90071992547',
            first_purchase_at: enrolled,
            last_purchase_at: null,
            lots_due_at: null,
            offers_until: null,
            card_kind: 'regular',
            card_form: 'physical',
            birth_date: null,
            blocked_at: null,
            block_reason: null,
            locale: null,
            telegram_chat_id: null,
            push_token: null,
            email_undeliverable_at: null,
            telegram_blocked_at: null,
            enrolled_at: enrolled,
            updated_at: enrolled,
        });
        expect(customer).toEqual({
            id: 12,
            cardNumber: '2000000000001',
            phone: null,
            email: 'a@example.com',
            name: null,
            nameSearch: null,
            timezone: null,
            homeStoreId: 3,
            balance: 150,
            pending: 0,
            debt: 0,
            purchaseCount: 2,
            purchaseTotal: 90071992547,
            firstPurchaseAt: enrolled,
            lastPurchaseAt: null,
            lotsDueAt: null,
            offersUntil: null,
            cardKind: 'regular',
            cardForm: 'physical',
            birthDate: null,
            blockedAt: null,
            blockReason: null,
            locale: null,
            telegramChatId: null,
            pushToken: null,
            emailUndeliverableAt: null,
            telegramBlockedAt: null,
            enrolledAt: enrolled,
            updatedAt: enrolled,
        });
    });

    it('reads SQLite text times as UTC, and re-reads mysql2 local Dates as UTC wall-clock digits', async () => {
        const utc = entityRowMapper(ds, PurchaseEntity, 'utc').pick(['purchasedAt', 'createdAt']);
        expect(utc.fromRow({ purchased_at: '2026-03-01 10:20:30.456', created_at: enrolled })).toEqual({
            purchasedAt: enrolled,
            createdAt: enrolled,
        });
        const other = new DataSource({
            type: 'better-sqlite3',
            database: ':memory:',
            entities: refillEntities,
        });
        await other.initialize();
        try {
            const local = entityRowMapper(other, PurchaseEntity, 'local');
            const wallClock = new Date(2026, 2, 1, 10, 20, 30, 456);
            expect(local.pick(['purchasedAt']).fromRow({ purchased_at: wallClock })).toEqual({
                purchasedAt: enrolled,
            });
        } finally {
            await other.destroy();
        }
    });

    it('reads flags stored as 0/1 and writes them as 0/1; applies column transformers both ways', () => {
        const categories = entityRowMapper(ds, CategoryEntity, 'utc');
        const shape = categories.pick(['chronic', 'seasonal', 'active', 'seasonalMonths']);
        expect(shape.fromRow({ chronic: 1, seasonal: '0', active: true, seasonal_months: '6,7,8' })).toEqual({
            chronic: true,
            seasonal: false,
            active: true,
            seasonalMonths: [6, 7, 8],
        });
        expect(
            shape.values({ chronic: true, seasonal: false, active: true, seasonalMonths: [12, 1] }),
        ).toEqual([1, 0, 1, '12,1']);
    });

    it('keeps a json column as its text both ways', () => {
        const response = entityRowMapper(ds, PurchaseEntity, 'utc').pick(['response']);
        expect(response.fromRow({ response: '{"a": 1}' })).toEqual({ response: '{"a": 1}' });
        expect(response.fromRow({ response: { a: 1 } })).toEqual({ response: '{"a":1}' });
        expect(response.fromRow({ response: null })).toEqual({ response: null });
        expect(response.values({ response: '{"a": 1}' })).toEqual(['{"a": 1}']);
    });

    it('binds times as UTC text and undefined as NULL', () => {
        const shape = entityRowMapper(ds, CustomerEntity, 'utc').pick(['cardNumber', 'phone', 'enrolledAt']);
        expect(
            shape.valuesOf([{ cardNumber: 'c', phone: undefined as unknown as null, enrolledAt: enrolled }]),
        ).toEqual(['c', null, '2026-03-01 10:20:30.456']);
    });

    it('selects columns under a table alias and a prefix, and reads such rows', () => {
        const shape = entityRowMapper(ds, CustomerEntity, 'utc').pick(['id', 'cardNumber']);
        expect(shape.select('c')).toBe('c.id, c.card_number');
        expect(shape.select('c', 'c_')).toBe('c.id AS c_id, c.card_number AS c_card_number');
        expect(shape.reader('c_')({ c_id: '5', c_card_number: 'x', id: 'other' })).toEqual({
            id: 5,
            cardNumber: 'x',
        });
    });

    it('builds SET assignments of the fields a patch sets (null is set, undefined is not)', () => {
        const customers = entityRowMapper(ds, CustomerEntity, 'utc');
        expect(
            customers.assignments({ phone: null, email: undefined, updatedAt: enrolled }, [
                'phone',
                'email',
                'updatedAt',
            ]),
        ).toEqual({ sets: ['phone = ?', 'updated_at = ?'], params: [null, '2026-03-01 10:20:30.456'] });
    });

    it('hands out shapes before the DataSource is initialised and resolves them on first use', async () => {
        const later = new DataSource({
            type: 'better-sqlite3',
            database: ':memory:',
            entities: refillEntities,
        });
        const shape = entityRowMapper(later, CustomerEntity, 'utc').pick(['id', 'cardNumber']);
        await later.initialize();
        try {
            expect(shape.columns).toBe('id, card_number');
        } finally {
            await later.destroy();
        }
    });

    it('is built once per DataSource and entity', () => {
        expect(entityRowMapper(ds, CustomerEntity, 'utc')).toBe(entityRowMapper(ds, CustomerEntity, 'utc'));
        expect(entityRowMapper(ds, CustomerEntity, 'utc').pick(['id'])).toBe(
            entityRowMapper(ds, CustomerEntity, 'utc').pick(['id']),
        );
    });

    it("says how to fix a DataSource that does not register Refill's entities", async () => {
        const bare = new DataSource({ type: 'better-sqlite3', database: ':memory:', entities: [] });
        await bare.initialize();
        try {
            expect(() => entityRowMapper(bare, CustomerEntity, 'utc').columns).toThrow(RefillConfigError);
        } finally {
            await bare.destroy();
        }
    });
});
