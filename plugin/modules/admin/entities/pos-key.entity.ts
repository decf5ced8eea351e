import { EntitySchema } from 'typeorm';
import { int, intId, str, time } from '../../../kernel/db/entity-columns.js';
import type { Store } from './store.entity.js';

/**
 * An API key of one store's tills. Only the SHA-256 of the key is stored; the
 * key itself is shown once when created.
 */
export interface PosKey {
    id: number;
    storeId: number;
    /** Hex SHA-256 of the full key. */
    keyHash: string;
    /** The first characters of the key, to tell keys apart in lists. */
    keyHint: string;
    label: string | null;
    createdAt: Date;
    /** Set when the key was revoked; revoked keys are refused. */
    revokedAt: Date | null;
    /** When a till last used the key (recorded at most once a minute); null if never since recorded. */
    lastUsedAt: Date | null;
    /** The client IP of that last use. */
    lastUsedIp: string | null;
    /** The related row, when loaded through TypeORM relations. */
    store?: Store;
}

/** TypeORM schema of {@link PosKey}. */
export const PosKeyEntity = new EntitySchema<PosKey>({
    name: 'RefillPosKey',
    tableName: 'refill_pos_keys',
    columns: {
        id: intId(),
        storeId: int('store_id'),
        keyHash: str('key_hash', 64),
        keyHint: str('key_hint', 16),
        label: str('label', 255, true),
        createdAt: time('created_at'),
        revokedAt: time('revoked_at', true),
        lastUsedAt: time('last_used_at', true),
        lastUsedIp: str('last_used_ip', 64, true),
    },
    relations: {
        store: {
            type: 'many-to-one',
            target: 'RefillStore',
            joinColumn: { name: 'store_id' },
            onDelete: 'RESTRICT',
        },
    },
    indices: [
        { name: 'UQ_refill_pos_keys_hash', columns: ['keyHash'], unique: true },
        { name: 'IDX_refill_pos_keys_store', columns: ['storeId'] },
    ],
});
