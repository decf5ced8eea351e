import {
    Table,
    TableColumn,
    TableForeignKey,
    TableIndex,
    type MigrationInterface,
    type QueryRunner,
} from 'typeorm';

/*
 * Admin sign-in guard and people behind API tokens.
 *
 * - `refill_sign_in_failures` keeps the sign-in counters in the database, so
 *   they hold across restarts and instances: one row per account (the
 *   normalised username's hash) and one per client IP.
 * - Usernames are stored normalised (trimmed, lower case; what the code's
 *   `normaliseUsername` makes of them) and compare exactly: on MySQL/MariaDB
 *   `username`, the token `name` and the counter keys get a binary NO PAD
 *   collation (`utf8mb4_nopad_bin` on MariaDB, `utf8mb4_0900_bin` on MySQL 8;
 *   plain `utf8mb4_bin`, which ignores trailing spaces, where neither exists).
 *   They had inherited a case- and trailing-space-insensitive one. SQLite
 *   compares bytes already. Existing names are lower-cased; where SQLite held two spellings
 *   of one name (`Olga` and `olga`), the one that is not already lower case
 *   keeps its spelling and is disabled, since nobody can sign in as it.
 * - `refill_admin_tokens.user_id`: the person a token acts for. Existing
 *   tokens are bound to the user who created them (`created_by`) when that is
 *   a user; the others have no person (they cannot approve large sends).
 *
 * Data changes touch only the admin tables, which hold a handful of rows.
 * Never import entities or services here, and never edit it once landed.
 */

/** The binary collation that also compares trailing spaces (NO PAD), or utf8mb4_bin where there is none. */
async function exactCollation(qr: QueryRunner): Promise<string> {
    const rows: Array<{ name: string }> = await qr.query(
        `SELECT COLLATION_NAME AS name FROM information_schema.COLLATIONS
          WHERE COLLATION_NAME IN ('utf8mb4_nopad_bin', 'utf8mb4_0900_bin') ORDER BY COLLATION_NAME`,
    );
    return rows[0]?.name ?? 'utf8mb4_bin';
}

/** Sign-in counters in the database; usernames normalised and exact; API tokens bound to a person. */
export class AdminSignInGuard1767830400000 implements MigrationInterface {
    name = 'AdminSignInGuard1767830400000';

    async up(qr: QueryRunner): Promise<void> {
        const sqlite = qr.connection.options.type === 'better-sqlite3';
        const now = new Date().toISOString().replace('T', ' ').slice(0, 23);
        const time = (name: string, isNullable = false) => ({
            name,
            type: 'datetime',
            precision: 3,
            isNullable,
        });
        const collation = sqlite ? null : await exactCollation(qr);
        const exact = collation ? { charset: 'utf8mb4', collation } : {};

        const users: Array<{ id: unknown; username: string }> = await qr.query(
            'SELECT id, username FROM refill_admin_users',
        );
        const taken = new Set(users.map((u) => u.username));
        for (const user of users) {
            const normal = user.username.normalize('NFKC').trim().toLowerCase();
            if (normal === user.username) continue;
            if (taken.has(normal))
                await qr.query(
                    'UPDATE refill_admin_users SET disabled_at = ? WHERE id = ? AND disabled_at IS NULL',
                    [now, user.id],
                );
            else {
                await qr.query('UPDATE refill_admin_users SET username = ? WHERE id = ?', [normal, user.id]);
                taken.add(normal);
            }
        }
        if (collation) {
            await qr.query(
                `ALTER TABLE \`refill_admin_users\` MODIFY \`username\` VARCHAR(64) CHARACTER SET utf8mb4 COLLATE ${collation} NOT NULL`,
            );
            await qr.query(
                `ALTER TABLE \`refill_admin_tokens\` MODIFY \`name\` VARCHAR(128) CHARACTER SET utf8mb4 COLLATE ${collation} NOT NULL`,
            );
        }

        await qr.addColumn(
            'refill_admin_tokens',
            new TableColumn({ name: 'user_id', type: 'int', isNullable: true }),
        );
        await qr.createIndex(
            'refill_admin_tokens',
            new TableIndex({ name: 'IDX_refill_admin_tokens_user', columnNames: ['user_id'] }),
        );
        await qr.createForeignKey(
            'refill_admin_tokens',
            new TableForeignKey({
                columnNames: ['user_id'],
                referencedTableName: 'refill_admin_users',
                referencedColumnNames: ['id'],
                onDelete: 'CASCADE',
                onUpdate: 'NO ACTION',
            }),
        );
        const creators: Array<{ id: unknown; created_by: string }> = await qr.query(
            'SELECT id, created_by FROM refill_admin_tokens',
        );
        for (const token of creators) {
            const [user] = (await qr.query('SELECT id FROM refill_admin_users WHERE username = ?', [
                token.created_by.normalize('NFKC').trim().toLowerCase(),
            ])) as Array<{ id: unknown }>;
            if (user)
                await qr.query('UPDATE refill_admin_tokens SET user_id = ? WHERE id = ?', [
                    user.id,
                    token.id,
                ]);
        }

        await qr.createTable(
            new Table({
                name: 'refill_sign_in_failures',
                columns: [
                    { name: 'scope', type: 'varchar', length: '8', isPrimary: true, ...exact },
                    { name: 'subject', type: 'varchar', length: '128', isPrimary: true, ...exact },
                    { name: 'failures', type: 'int', default: '0' },
                    time('window_started_at'),
                    time('last_failure_at'),
                    time('locked_until', true),
                ],
                indices: [
                    new TableIndex({
                        name: 'IDX_refill_sign_in_failures_last',
                        columnNames: ['last_failure_at'],
                    }),
                ],
            }),
            true,
        );
    }

    async down(qr: QueryRunner): Promise<void> {
        await qr.dropTable('refill_sign_in_failures', true);
        const tokens = await qr.getTable('refill_admin_tokens');
        const foreignKey = tokens?.foreignKeys.find((fk) => fk.columnNames.includes('user_id'));
        if (foreignKey) await qr.dropForeignKey('refill_admin_tokens', foreignKey);
        await qr.dropIndex('refill_admin_tokens', 'IDX_refill_admin_tokens_user');
        await qr.dropColumn('refill_admin_tokens', 'user_id');
        if (qr.connection.options.type === 'better-sqlite3') return;
        // Back to the table's own default collation; the usernames stay lower case.
        await qr.query('ALTER TABLE `refill_admin_tokens` MODIFY `name` VARCHAR(128) NOT NULL');
        await qr.query('ALTER TABLE `refill_admin_users` MODIFY `username` VARCHAR(64) NOT NULL');
    }
}
