import { EntitySchema } from 'typeorm';
import { int } from '../../../kernel/db/entity-columns.js';
import type { AdminUser } from './admin-user.entity.js';
import type { Store } from './store.entity.js';

/** A store a manager is bound to: they see and work only their stores' data. */
export interface AdminUserStore {
    userId: number;
    storeId: number;
    /** The related rows, when loaded through TypeORM relations. */
    user?: AdminUser;
    store?: Store;
}

/** TypeORM schema of {@link AdminUserStore}. */
export const AdminUserStoreEntity = new EntitySchema<AdminUserStore>({
    name: 'RefillAdminUserStore',
    tableName: 'refill_admin_user_stores',
    columns: {
        userId: { ...int('user_id'), primary: true },
        storeId: { ...int('store_id'), primary: true },
    },
    relations: {
        user: {
            type: 'many-to-one',
            target: 'RefillAdminUser',
            joinColumn: { name: 'user_id' },
            onDelete: 'CASCADE',
        },
        store: {
            type: 'many-to-one',
            target: 'RefillStore',
            joinColumn: { name: 'store_id' },
            onDelete: 'CASCADE',
        },
    },
    indices: [{ name: 'IDX_refill_admin_user_stores_store', columns: ['storeId'] }],
});
