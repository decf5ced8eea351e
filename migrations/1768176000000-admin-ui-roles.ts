import {
    Table,
    TableColumn,
    TableForeignKey,
    TableIndex,
    type MigrationInterface,
    type QueryRunner,
    type TableColumnOptions,
} from 'typeorm';

/*
 * The admin UI's users, stores and audit log.
 *
 * - `refill_admin_user_stores`: the stores a manager is bound to (user, store;
 *   both the key). Nothing is copied: managers created before see no store
 *   until an admin binds them.
 * - `refill_stores.address`: where the store is, for people (NULL before).
 * - `refill_pos_keys.last_used_at`, `last_used_ip`: when and from where a key
 *   was last used, recorded at most once a minute per key (NULL before).
 * - `IDX_refill_audit_actor`: the audit log filtered by who did it.
 *
 * Schema only. Never import entities or services here, and never edit it
 * once landed. Frozen: its own column helpers.
 */

type Col = TableColumnOptions;

const USER_STORES = 'refill_admin_user_stores';
const ADDRESS: Col = { name: 'address', type: 'varchar', length: '500', isNullable: true };
const LAST_USED_AT: Col = { name: 'last_used_at', type: 'datetime', precision: 3, isNullable: true };
const LAST_USED_IP: Col = { name: 'last_used_ip', type: 'varchar', length: '64', isNullable: true };
const AUDIT_ACTOR = new TableIndex({ name: 'IDX_refill_audit_actor', columnNames: ['actor'] });

/** Adds those of `columns` that `table` lacks (safe to run twice). */
async function addColumnsOnce(qr: QueryRunner, table: string, columns: Col[]): Promise<void> {
    const found = await qr.getTable(table);
    const missing = columns.filter((c) => !found?.findColumnByName(c.name));
    if (missing.length)
        await qr.addColumns(
            table,
            missing.map((c) => new TableColumn(c)),
        );
}

/** Drops those of `columns` that `table` has. */
async function dropColumnsOnce(qr: QueryRunner, table: string, columns: Col[]): Promise<void> {
    const found = await qr.getTable(table);
    const present = columns.filter((c) => found?.findColumnByName(c.name));
    if (present.length)
        await qr.dropColumns(
            table,
            present.map((c) => new TableColumn(c)),
        );
}

/** Managers bound to stores; store addresses; POS keys' last use; the audit log by actor. */
export class AdminUiRoles1768176000000 implements MigrationInterface {
    name = 'AdminUiRoles1768176000000';

    async up(qr: QueryRunner): Promise<void> {
        await qr.createTable(
            new Table({
                name: USER_STORES,
                columns: [
                    { name: 'user_id', type: 'int', isPrimary: true },
                    { name: 'store_id', type: 'int', isPrimary: true },
                ],
                indices: [
                    new TableIndex({ name: 'IDX_refill_admin_user_stores_store', columnNames: ['store_id'] }),
                ],
                foreignKeys: [
                    new TableForeignKey({
                        columnNames: ['user_id'],
                        referencedTableName: 'refill_admin_users',
                        referencedColumnNames: ['id'],
                        onDelete: 'CASCADE',
                        onUpdate: 'NO ACTION',
                    }),
                    new TableForeignKey({
                        columnNames: ['store_id'],
                        referencedTableName: 'refill_stores',
                        referencedColumnNames: ['id'],
                        onDelete: 'CASCADE',
                        onUpdate: 'NO ACTION',
                    }),
                ],
            }),
            true,
            true,
            true,
        );
        await addColumnsOnce(qr, 'refill_stores', [ADDRESS]);
        await addColumnsOnce(qr, 'refill_pos_keys', [LAST_USED_AT, LAST_USED_IP]);
        const audit = await qr.getTable('refill_audit_log');
        if (!audit?.indices.some((i) => i.name === AUDIT_ACTOR.name))
            await qr.createIndex('refill_audit_log', AUDIT_ACTOR);
    }

    async down(qr: QueryRunner): Promise<void> {
        const audit = await qr.getTable('refill_audit_log');
        if (audit?.indices.some((i) => i.name === AUDIT_ACTOR.name))
            await qr.dropIndex('refill_audit_log', AUDIT_ACTOR.name as string);
        await dropColumnsOnce(qr, 'refill_pos_keys', [LAST_USED_AT, LAST_USED_IP]);
        await dropColumnsOnce(qr, 'refill_stores', [ADDRESS]);
        await qr.dropTable(USER_STORES, true, true, true);
    }
}
