import Joi from 'joi';
import type { Clock } from '../../../kernel/clock.js';
import type { Database } from '../../../kernel/db/database.js';
import type { SqlExecutor } from '../../../kernel/db/sql-executor.js';
import { RefillError } from '../../../kernel/errors/refill-error.js';
import { decodeCursor, toPage, type Page, type PageRequest } from '../../../kernel/http/page.js';
import { isStoreBound, type AdminRole } from '../../../kernel/vocabulary/admin-roles.js';
import type { AdminUser } from '../entities/admin-user.entity.js';
import type { AdminUserStoreRepository } from '../repositories/admin-user-store.repository.js';
import type { AdminUserRepository } from '../repositories/admin-user.repository.js';
import type { AuditRepository } from '../repositories/audit.repository.js';
import type { StoreRepository } from '../repositories/store.repository.js';
import { type AdminAuthService, type AdminPrincipal, MIN_PASSWORD_LENGTH } from './admin-auth.service.js';
import { passwordHasher } from './password-hasher.js';

/** An admin user as the users API shows them: never the password hash. */
export interface AdminUserView {
    id: number;
    username: string;
    displayName: string | null;
    role: AdminRole;
    storeIds: number[];
    disabled: boolean;
    lastLoginAt: Date | null;
    createdAt: Date;
}

/** A new user. */
export interface NewAdminUser {
    username: string;
    displayName?: string | null;
    role: AdminRole;
    storeIds?: number[];
    password: string;
}

/** What an admin may change about a user (each field optional). */
export interface AdminUserPatch {
    displayName?: string | null;
    role?: AdminRole;
    storeIds?: number[];
    disabled?: boolean;
}

/** The repositories {@link AdminUserService} works with. */
export interface AdminUserPorts {
    users: AdminUserRepository;
    userStores: AdminUserStoreRepository;
    stores: Pick<StoreRepository, 'countExisting'>;
    audit: AuditRepository;
}

/** A 400 on `storeIds`. */
const badStores = (message: string) =>
    new RefillError('REFILL_VALIDATION', 'Invalid user', [{ path: 'storeIds', message }]);

/**
 * Admin users for admins: list, create, change (role, stores, display name,
 * disabled), reset a password; and a person's change of their own password.
 * Every change is audited; disabling a user or setting a password ends
 * their sessions. An admin cannot disable or demote themself.
 */
export class AdminUserService {
    constructor(
        private readonly db: Database,
        private readonly repos: AdminUserPorts,
        private readonly auth: AdminAuthService,
        private readonly clock: Clock,
    ) {}

    /** A page of users by id; `q` keeps those whose username or display name contains it. */
    async page(request: PageRequest & { q?: string }): Promise<Page<AdminUserView>> {
        const afterId = decodeCursor(request.cursor, Joi.number().integer().min(0));
        const rows = await this.repos.users.page(this.db, { q: request.q, afterId }, request.limit + 1);
        const stores = await this.repos.userStores.storeIdsOf(
            this.db,
            rows.map((u) => u.id),
        );
        return toPage(
            rows,
            request.limit,
            (u) => u.id,
            (u) => view(u, stores.get(u.id) ?? []),
        );
    }

    /** One user, or `REFILL_NOT_FOUND`. */
    async get(id: number, exec: SqlExecutor | Database = this.db): Promise<AdminUserView> {
        const user = await this.repos.users.findById(exec, id);
        if (!user) throw new RefillError('REFILL_NOT_FOUND', `No admin user ${id}`);
        const stores = await this.repos.userStores.storeIdsOf(exec, [id]);
        return view(user, stores.get(id) ?? []);
    }

    /** Creates a user (a manager needs at least one existing store). */
    async create(input: NewAdminUser, actor: string): Promise<AdminUserView> {
        const storeIds = await this.checkStores(input.role, input.storeIds ?? []);
        const id = await this.auth.createUser(
            input.username,
            input.password,
            input.role,
            actor,
            input.displayName ?? null,
            storeIds,
        );
        return this.get(id);
    }

    /** Changes a user; disabling ends their sessions. `by` cannot disable or demote themself. */
    async update(id: number, patch: AdminUserPatch, by: AdminPrincipal): Promise<AdminUserView> {
        if (by.userId === id && (patch.disabled === true || (patch.role && patch.role !== by.role)))
            throw new RefillError(
                'REFILL_UNPROCESSABLE',
                'You cannot disable yourself or change your own role',
            );
        const before = await this.get(id);
        const role = patch.role ?? before.role;
        const storeIds = await this.checkStores(role, patch.storeIds ?? before.storeIds);
        return this.db.transaction(async (tx) => {
            const now = this.clock();
            const disabledAt =
                patch.disabled === undefined || patch.disabled === before.disabled
                    ? undefined
                    : patch.disabled
                      ? now
                      : null;
            await this.repos.users.update(tx, id, {
                displayName: patch.displayName,
                role: patch.role,
                disabledAt,
            });
            await this.repos.userStores.replace(tx, id, storeIds);
            if (disabledAt) await this.repos.users.deleteSessionsOf(tx, id);
            await this.repos.audit.append(
                tx,
                {
                    actor: by.username,
                    action: 'admin_user.update',
                    entityType: 'admin_user',
                    entityId: String(id),
                    details: { ...patch, storeIds, before: { role: before.role, storeIds: before.storeIds } },
                },
                now,
            );
            return this.get(id, tx);
        });
    }

    /** Sets a user's password and ends their sessions (but `by`'s own current one). */
    async resetPassword(id: number, password: string, by: AdminPrincipal): Promise<void> {
        await this.get(id);
        await this.setPassword(id, password, by.userId === id ? by.sessionId : '', {
            actor: by.username,
            action: 'admin_user.password_reset',
        });
    }

    /** Changes the caller's own password after checking the current one; ends their other sessions. */
    async changeOwnPassword(by: AdminPrincipal, current: string, next: string): Promise<void> {
        const user = by.userId === null ? null : await this.repos.users.findById(this.db, by.userId);
        if (!user) throw new RefillError('REFILL_FORBIDDEN', 'Only a person has a password to change');
        if (!(await passwordHasher.verify(current, user.passwordHash)))
            throw new RefillError('REFILL_UNAUTHORIZED', 'The current password is wrong');
        await this.setPassword(user.id, next, by.sessionId, {
            actor: by.username,
            action: 'admin.password_change',
        });
    }

    private async setPassword(
        id: number,
        password: string,
        keepSession: string,
        audit: { actor: string; action: 'admin_user.password_reset' | 'admin.password_change' },
    ): Promise<void> {
        if (password.length < MIN_PASSWORD_LENGTH)
            throw new RefillError('REFILL_VALIDATION', 'Invalid password', [
                { path: 'password', message: `must be at least ${MIN_PASSWORD_LENGTH} characters` },
            ]);
        const hash = await passwordHasher.hash(password);
        await this.db.transaction(async (tx) => {
            await this.repos.users.setPassword(tx, id, hash);
            await this.repos.users.deleteSessionsOf(tx, id, keepSession);
            await this.repos.audit.append(
                tx,
                { ...audit, entityType: 'admin_user', entityId: String(id) },
                this.clock(),
            );
        });
    }

    /** The stores a user of `role` is bound to: at least one existing store for a manager, none otherwise. */
    private async checkStores(role: AdminRole, storeIds: readonly number[]): Promise<number[]> {
        if (!isStoreBound(role)) return [];
        const unique = [...new Set(storeIds)].sort((a, b) => a - b);
        if (unique.length === 0) throw badStores(`a ${role} needs at least one store`);
        if ((await this.repos.stores.countExisting(this.db, unique)) !== unique.length)
            throw badStores('names a store that does not exist');
        return unique;
    }
}

/** The API view of a user. */
function view(user: AdminUser, storeIds: number[]): AdminUserView {
    return {
        id: user.id,
        username: user.username,
        displayName: user.displayName,
        role: user.role,
        storeIds: isStoreBound(user.role) ? storeIds : [],
        disabled: user.disabledAt !== null,
        lastLoginAt: user.lastLoginAt,
        createdAt: user.createdAt,
    };
}
