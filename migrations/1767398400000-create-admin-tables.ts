import { Table, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/*
 * Admin users (with a role) and their sessions, for the admin API and UI.
 * Passwords are stored as scrypt hashes, session tokens as SHA-256 hashes.
 */

/** Creates `refill_admin_users` and `refill_admin_sessions`. */
export class CreateAdminTables1767398400000 implements MigrationInterface {
    name = 'CreateAdminTables1767398400000';

    async up(qr: QueryRunner): Promise<void> {
        const sqlite = qr.connection.options.type === 'better-sqlite3';
        const time = (name: string, isNullable = false) => ({
            name,
            type: 'datetime',
            precision: 3,
            isNullable,
        });
        await qr.createTable(
            new Table({
                name: 'refill_admin_users',
                columns: [
                    {
                        name: 'id',
                        type: sqlite ? 'integer' : 'int',
                        isPrimary: true,
                        isGenerated: true,
                        generationStrategy: 'increment',
                    },
                    { name: 'username', type: 'varchar', length: '64' },
                    { name: 'password_hash', type: 'varchar', length: '255' },
                    { name: 'role', type: 'varchar', length: '16' },
                    { name: 'display_name', type: 'varchar', length: '255', isNullable: true },
                    time('created_at'),
                    time('disabled_at', true),
                    time('last_login_at', true),
                ],
                indices: [
                    new TableIndex({
                        name: 'UQ_refill_admin_users_username',
                        columnNames: ['username'],
                        isUnique: true,
                    }),
                ],
            }),
            true,
        );
        await qr.createTable(
            new Table({
                name: 'refill_admin_sessions',
                columns: [
                    { name: 'id', type: 'varchar', length: '64', isPrimary: true },
                    { name: 'user_id', type: 'int' },
                    { name: 'csrf_token', type: 'varchar', length: '64' },
                    time('created_at'),
                    time('expires_at'),
                    time('last_seen_at'),
                ],
                indices: [
                    new TableIndex({ name: 'IDX_refill_admin_sessions_user', columnNames: ['user_id'] }),
                    new TableIndex({
                        name: 'IDX_refill_admin_sessions_expires',
                        columnNames: ['expires_at'],
                    }),
                ],
                foreignKeys: [
                    new TableForeignKey({
                        columnNames: ['user_id'],
                        referencedTableName: 'refill_admin_users',
                        referencedColumnNames: ['id'],
                        onDelete: 'CASCADE',
                        onUpdate: 'NO ACTION',
                    }),
                ],
            }),
            true,
        );
    }

    async down(qr: QueryRunner): Promise<void> {
        await qr.dropTable('refill_admin_sessions', true);
        await qr.dropTable('refill_admin_users', true);
    }
}
