import { createHash, randomBytes } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Database } from '../../../kernel/db/database.js';
import { RefillError } from '../../../kernel/errors/refill-error.js';
import type { AuditRepository } from '../repositories/audit.repository.js';
import type { ActivePosKey, PosKeyRepository, PosKeySummary } from '../repositories/pos-key.repository.js';
import type { PosKey } from '../entities/pos-key.entity.js';
import type { StoreRepository } from '../repositories/store.repository.js';
import type { Clock } from '../../../kernel/clock.js';

/** A freshly created key: `key` is shown once and never stored. */
export interface CreatedPosKey {
    id: number;
    key: string;
    storeCode: string;
}

/** How often an instance asks whether any key was revoked elsewhere (the CLI, another instance), ms. */
const REVOCATION_CHECK_MS = 500;
/** A key's last use is written at most this often, ms. */
const USE_RECORD_MS = 60_000;

/**
 * Issues, verifies and revokes the per-store API keys tills authenticate
 * with. Keys are 192 random bits, so a plain SHA-256 is a safe way to store
 * them (slow password hashes exist for guessable secrets, which these are
 * not) and lets verification be one indexed lookup, cached for `ttlMs`.
 * A revocation made anywhere takes effect here within about half a second:
 * at most every {@link REVOCATION_CHECK_MS} one small query reads the
 * revocation stamp, and a changed stamp empties the cache.
 */
export class PosKeyService {
    private readonly cache: LRUCache<string, ActivePosKey | 'invalid'>;
    private stamp: string | null = null;
    private stampReadAt = -Infinity;
    private stampRead: Promise<void> | null = null;
    /** When this instance last wrote each key's use (clock ms). */
    private readonly usesRecorded = new LRUCache<number, number>({ max: 10_000 });

    constructor(
        private readonly db: Database,
        private readonly keys: PosKeyRepository,
        private readonly stores: StoreRepository,
        private readonly audit: AuditRepository,
        private readonly clock: Clock,
        ttlMs: number,
    ) {
        this.cache = new LRUCache({ max: 10_000, ttl: Math.max(ttlMs, 1) });
    }

    /** Creates a key for a store. */
    async create(storeCode: string, label: string | null, actor: string): Promise<CreatedPosKey> {
        const key = `rfk_${randomBytes(24).toString('base64url')}`;
        const id = await this.db.transaction(async (tx) => {
            const store = await this.stores.findByCode(tx, storeCode);
            if (!store)
                throw new RefillError(
                    'REFILL_STORE_NOT_FOUND',
                    `No store with code ${storeCode}: add it first (npx refill store add ${storeCode} --name "…")`,
                    { storeCode },
                );
            const now = this.clock();
            const keyId = await this.keys.insert(tx, store.id, hashKey(key), key.slice(0, 8), label, now);
            await this.audit.append(
                tx,
                {
                    actor,
                    action: 'pos_key.create',
                    entityType: 'pos_key',
                    entityId: String(keyId),
                    details: { storeCode, label },
                },
                now,
            );
            return keyId;
        });
        return { id, key, storeCode };
    }

    /** The store a key belongs to, or null for an unknown or revoked key. */
    async verify(key: string): Promise<ActivePosKey | null> {
        await this.followRevocations();
        const hash = hashKey(key);
        const hit = this.cache.get(hash);
        if (hit) return hit === 'invalid' ? null : hit;
        const found = await this.keys.findActiveByHash(hash);
        this.cache.set(hash, found ?? 'invalid');
        return found;
    }

    /** Drops the cached keys when a key was revoked anywhere since the last look (one shared read at a time). */
    private async followRevocations(): Promise<void> {
        if (performance.now() - this.stampReadAt < REVOCATION_CHECK_MS) return;
        this.stampRead ??= (async () => {
            try {
                const stamp = await this.keys.revocationStamp(this.db);
                if (stamp !== this.stamp) this.cache.clear();
                this.stamp = stamp;
                this.stampReadAt = performance.now();
            } finally {
                this.stampRead = null;
            }
        })();
        await this.stampRead;
    }

    /**
     * Records that a key was used from `ip`: at most one UPDATE a minute per
     * key and instance, so the POS path stays cheap. Never fails the request:
     * a failed write is tried again on the next use.
     */
    async recordUse(keyId: number, ip: string): Promise<void> {
        const now = this.clock();
        const last = this.usesRecorded.get(keyId);
        if (last !== undefined && now.getTime() - last < USE_RECORD_MS) return;
        this.usesRecorded.set(keyId, now.getTime());
        await this.keys.touchUse(this.db, keyId, now, ip).catch(() => this.usesRecorded.delete(keyId));
    }

    /** A store's keys, newest first (their hashes stay in the rows; never shown by the routes). */
    async listByStore(storeCode: string): Promise<PosKey[]> {
        const store = await this.stores.findByCode(this.db, storeCode);
        if (!store)
            throw new RefillError('REFILL_STORE_NOT_FOUND', `No store with code ${storeCode}`, { storeCode });
        return this.keys.listByStore(this.db, store.id);
    }

    /** A key by id, or `REFILL_NOT_FOUND`. */
    async get(id: number): Promise<PosKey> {
        const key = await this.keys.findById(this.db, id);
        if (!key) throw new RefillError('REFILL_NOT_FOUND', `No POS key ${id}`);
        return key;
    }

    /** Every key (hints only). */
    async list(): Promise<PosKeySummary[]> {
        return this.keys.list(this.db);
    }

    /** Revokes a key; it stops working at once on this instance and within about half a second on others. */
    async revoke(id: number, actor: string): Promise<void> {
        const done = await this.db.transaction(async (tx) => {
            const now = this.clock();
            const revoked = await this.keys.revoke(tx, id, now);
            if (revoked)
                await this.audit.append(
                    tx,
                    { actor, action: 'pos_key.revoke', entityType: 'pos_key', entityId: String(id) },
                    now,
                );
            return revoked;
        });
        if (!done) throw new RefillError('REFILL_NOT_FOUND', `No active POS key ${id}`);
        this.cache.clear();
    }
}

/** Hex SHA-256 of a key. */
export function hashKey(key: string): string {
    return createHash('sha256').update(key).digest('hex');
}
