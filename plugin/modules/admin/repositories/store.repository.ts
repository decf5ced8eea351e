import type { Database } from '../../../kernel/db/database.js';
import type { EntityRowMapper } from '../../../kernel/db/entity-row.mapper.js';
import type { SqlExecutor } from '../../../kernel/db/sql-executor.js';
import { sqlDialect } from '../../../kernel/db/sql-dialect.js';
import { StoreEntity, type Store } from '../entities/store.entity.js';

/** A store as operators list it: with how many unrevoked POS keys it has. */
export interface StoreSummary extends Store {
    activeKeys: number;
}

/** A point on the map in degrees (WGS 84), as the admin API takes and answers it. */
export interface GeoPoint {
    lat: number;
    lon: number;
}

/**
 * What a store's upsert may change; a timezone, address or location left
 * undefined stays as it is (null when new).
 */
export interface StoreFields {
    name: string;
    timezone?: string | null;
    address?: string | null;
    location?: GeoPoint | null;
}

/** Degrees as the whole micro-degrees `refill_stores.latitude` and `longitude` hold. */
export const toMicroDegrees = (degrees: number): number => Math.round(degrees * 1_000_000);

/** A store's location in degrees, or null when it has none. */
export function storeLocation(store: Pick<Store, 'latitude' | 'longitude'>): GeoPoint | null {
    if (store.latitude === null || store.latitude === undefined) return null;
    if (store.longitude === null || store.longitude === undefined) return null;
    return { lat: store.latitude / 1_000_000, lon: store.longitude / 1_000_000 };
}

/** The columns of a location (both null to clear it). */
function locationColumns(location: GeoPoint | null): { latitude: number | null; longitude: number | null } {
    return location
        ? { latitude: toMicroDegrees(location.lat), longitude: toMicroDegrees(location.lon) }
        : { latitude: null, longitude: null };
}

/** Reads and writes `refill_stores`. */
export class StoreRepository {
    private readonly stores: EntityRowMapper<Store>;

    constructor(db: Database) {
        this.stores = db.rows(StoreEntity);
    }

    /** A store by its code. */
    async findByCode(exec: SqlExecutor | Database, code: string): Promise<Store | null> {
        const rows = await exec.all(`SELECT ${this.stores.columns} FROM refill_stores WHERE code = ?`, [
            code,
        ]);
        return rows[0] ? this.stores.fromRow(rows[0]) : null;
    }

    /** A store by id. */
    async findById(exec: SqlExecutor | Database, id: number): Promise<Store | null> {
        const rows = await exec.all(`SELECT ${this.stores.columns} FROM refill_stores WHERE id = ?`, [id]);
        return rows[0] ? this.stores.fromRow(rows[0]) : null;
    }

    /** Every store, by code. */
    async list(exec: SqlExecutor | Database): Promise<Store[]> {
        const rows = await exec.all(`SELECT ${this.stores.columns} FROM refill_stores ORDER BY code`);
        return rows.map((r) => this.stores.fromRow(r));
    }

    /** How many of `ids` are stores. */
    async countExisting(exec: SqlExecutor | Database, ids: readonly number[]): Promise<number> {
        if (ids.length === 0) return 0;
        // Hand-written: an aggregate.
        const [row] = await exec.all(
            `SELECT COUNT(*) AS n FROM refill_stores WHERE id IN (${ids.map(() => '?').join(', ')})`,
            [...ids],
        );
        return Number(row?.n ?? 0);
    }

    /**
     * Up to `limit` stores with an id above `afterId`, by id, with their
     * active key counts; `onlyIds` (a manager's stores) keeps those.
     */
    async page(
        exec: SqlExecutor | Database,
        filter: { afterId?: number; onlyIds?: readonly number[] },
        limit: number,
    ): Promise<StoreSummary[]> {
        const where = ['s.id > ?'];
        const params: unknown[] = [filter.afterId ?? 0];
        if (filter.onlyIds) {
            if (filter.onlyIds.length === 0) return [];
            where.push(`s.id IN (${filter.onlyIds.map(() => '?').join(', ')})`);
            params.push(...filter.onlyIds);
        }
        // Hand-written: each store with an aggregate of its keys.
        const rows = await exec.all(
            `SELECT ${this.stores.select('s')},
                    (SELECT COUNT(*) FROM refill_pos_keys k WHERE k.store_id = s.id AND k.revoked_at IS NULL) AS active_keys
               FROM refill_stores s WHERE ${where.join(' AND ')} ORDER BY s.id LIMIT ?`,
            [...params, limit],
        );
        return rows.map((r) => ({ ...this.stores.fromRow(r), activeKeys: Number(r.active_keys) }));
    }

    /** Creates a store, or updates its name, timezone, address and location; returns it and whether it is new. */
    async upsert(
        tx: SqlExecutor,
        code: string,
        fields: StoreFields,
        now: Date,
    ): Promise<{ store: Store; created: boolean }> {
        const [found] = await tx.all(
            `SELECT ${this.stores.columns} FROM refill_stores WHERE code = ?${sqlDialect.forUpdate(tx.dialect)}`,
            [code],
        );
        const existing = found ? this.stores.fromRow(found) : null;
        if (existing) {
            const store = {
                ...existing,
                name: fields.name,
                timezone: fields.timezone === undefined ? existing.timezone : fields.timezone,
                address: fields.address === undefined ? existing.address : fields.address,
                ...(fields.location === undefined ? {} : locationColumns(fields.location)),
            };
            await tx.run(
                `UPDATE refill_stores SET name = ?, timezone = ?, address = ?, latitude = ?, longitude = ? WHERE id = ?`,
                [
                    store.name,
                    store.timezone,
                    store.address,
                    store.latitude ?? null,
                    store.longitude ?? null,
                    existing.id,
                ],
            );
            return { store, created: false };
        }
        const row = {
            code,
            name: fields.name,
            timezone: fields.timezone ?? null,
            address: fields.address ?? null,
            ...locationColumns(fields.location ?? null),
            createdAt: now,
        };
        const shape = this.stores.insertable;
        const { insertId } = await tx.run(shape.insert(1), shape.values(row));
        return { store: { id: insertId, ...row }, created: true };
    }
}
