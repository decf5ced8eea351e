import { LRUCache } from 'lru-cache';
import type { Database } from '../../../kernel/db/database.js';
import type { Store } from '../entities/store.entity.js';
import { RefillError } from '../../../kernel/errors/refill-error.js';
import type { AuditRepository } from '../repositories/audit.repository.js';
import type { StoreRepository } from '../repositories/store.repository.js';
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
        const store = await this.db.transaction(async (tx) => {
            const now = this.clock();
            const saved = await this.stores.upsert(tx, code, name, timezone, now);
            await this.audit.append(
                tx,
                {
                    actor,
                    action: 'store.upsert',
                    entityType: 'store',
                    entityId: code,
                    details: { name, timezone },
                },
                now,
            );
            return saved;
        });
        this.cache.delete(code);
        return store;
    }

    /** Every store. */
    async list(): Promise<Store[]> {
        return this.stores.list(this.db);
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
