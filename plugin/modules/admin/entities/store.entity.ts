import { EntitySchema } from 'typeorm';
import { int, intId, str, time } from '../../../kernel/db/entity-columns.js';

/** A pharmacy or shop of the chain; POS keys and receipts belong to one. */
export interface Store {
    id: number;
    /** The chain's own store code, used by tills in `storeCode`. */
    code: string;
    name: string;
    /** IANA timezone of the store; the chain's timezone when null. */
    timezone: string | null;
    /** Where the store is, for people; null when not given. */
    address: string | null;
    /** Latitude in whole micro-degrees (degrees × 1 000 000, WGS 84); null when not given. */
    latitude?: number | null;
    /** Longitude in whole micro-degrees; null when not given. */
    longitude?: number | null;
    createdAt: Date;
}

/** TypeORM schema of {@link Store}. */
export const StoreEntity = new EntitySchema<Store>({
    name: 'RefillStore',
    tableName: 'refill_stores',
    columns: {
        id: intId(),
        code: str('code', 64),
        name: str('name', 255),
        timezone: str('timezone', 64, true),
        address: str('address', 500, true),
        latitude: int('latitude', true),
        longitude: int('longitude', true),
        createdAt: time('created_at'),
    },
    indices: [{ name: 'UQ_refill_stores_code', columns: ['code'], unique: true }],
});
