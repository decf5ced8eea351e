import { LRUCache } from 'lru-cache';
import type { Database } from '../../../kernel/db/database.js';
import type { Store } from '../entities/store.entity.js';
import { RefillError } from '../../../kernel/errors/refill-error.js';
import type { AuditRepository } from '../repositories/audit.repository.js';
import type { StoreFields, StoreRepository, StoreSummary } from '../repositories/store.repository.js';
import type { Page, PageRequest } from '../../../kernel/http/page.js';
import { decodeCursor, toPage } from '../../../kernel/http/page.js';
import Joi from 'joi';
import type { Clock } from '../../../kernel/clock.js';
import type { PosIdentity } from './pos-identity.js';

/** The chain's stores. */
export class StoreService {
    private readonly cache: LRUCache<string, Store>;

    constructor(
        private readonly db: Database,
        private readonly stores: StoreRepository,
        private readonly audit: AuditRepository,
        private readonly clock: Clock,
        ttlMs: number,
    ) {
        this.cache = new LRUCache({ max: 10_000, ttl: Math.max(ttlMs, 1) });
    }

    /** Creates or renames a store. */
    async upsert(code: string, name: string, timezone: string | null, actor: string): Promise<Store> {
        return (await this.put(code, { name, timezone }, actor)).store;
    }

    /**
     * Creates a store or changes its name, timezone and address (an address
     * left undefined stays); audited. Says whether the store is new.
     */
    async put(code: string, fields: StoreFields, actor: string): Promise<{ store: Store; created: boolean }> {
        const saved = await this.db.transaction(async (tx) => {
            const now = this.clock();
            const result = await this.stores.upsert(tx, code, fields, now);
            await this.audit.append(
                tx,
                {
                    actor,
                    action: 'store.upsert',
                    entityType: 'store',
                    entityId: code,
                    details: { ...fields, created: result.created },
                },
                now,
            );
            return result;
        });
        this.cache.delete(code);
        return saved;
    }

    /** Every store. */
    async list(): Promise<Store[]> {
        return this.stores.list(this.db);
    }

    /** A page of stores by id with their active key counts; `onlyIds` (a manager's stores) keeps those. */
    async page(request: PageRequest, onlyIds?: readonly number[]): Promise<Page<StoreSummary>> {
        const afterId = decodeCursor(request.cursor, Joi.number().integer().min(0));
        const rows = await this.stores.page(this.db, { afterId, onlyIds }, request.limit + 1);
        return toPage(
            rows,
            request.limit,
            (s) => s.id,
            (s) => s,
        );
    }

    /** A store by code, or `REFILL_STORE_NOT_FOUND`. */
    async get(code: string): Promise<Store> {
        const store = await this.stores.findByCode(this.db, code);
        if (!store)
            throw new RefillError('REFILL_STORE_NOT_FOUND', `No store with code ${code}`, {
                storeCode: code,
            });
        return store;
    }

    /** The identity under which an in-process host records sales of a store. */
    async identity(storeCode: string): Promise<PosIdentity> {
        let store = this.cache.get(storeCode);
        if (!store) {
            store = (await this.stores.findByCode(this.db, storeCode)) ?? undefined;
            if (!store) throw new RefillError('REFILL_STORE_NOT_FOUND', `No store with code ${storeCode}`);
            this.cache.set(storeCode, store);
        }
        return { storeId: store.id, storeCode: store.code };
    }
}
