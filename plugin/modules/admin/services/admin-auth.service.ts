import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '../../../kernel/db/database.js';
import { isValidUsername, normaliseUsername } from '../rules/admin-username.js';
import type { AdminRole, AdminUser } from '../entities/admin-user.entity.js';
import { RefillError } from '../../../kernel/errors/refill-error.js';
import type { AdminUserRepository } from '../repositories/admin-user.repository.js';
import type { AuditRepository } from '../repositories/audit.repository.js';
import type { AdminUserStoreRepository } from '../repositories/admin-user-store.repository.js';
import type { AdminSignInGuard } from './admin-sign-in-guard.service.js';
import type { Clock } from '../../../kernel/clock.js';
import { ADMIN_ROLES, isStoreBound } from '../../../kernel/vocabulary/admin-roles.js';
import { passwordHasher } from './password-hasher.js';

/** The roles, from most to least powerful (the vocabulary's, re-exported). */
export { ADMIN_ROLES };

/**
 * Who makes an admin request, as the API sees it: a person signed in with a
 * session, or an API token. Every credential resolves to a person where it
 * can: a token acts for the user it is bound to.
 */
export interface AdminPrincipal {
    /** The person (admin user id); null only for an API token bound to nobody. */
    userId: number | null;
    /**
     * The actor recorded in audit entries, launches and approvals: the
     * person's (normalised) username, whatever the credential; `token:<name>`
     * for a token bound to nobody.
     */
    username: string;
    role: AdminRole;
    /** The stores a manager is bound to (empty for every other role). */
    storeIds: number[];
    /** The person's display name (null for a token bound to nobody). */
    displayName: string | null;
    sessionId: string;
    csrfToken: string;
    /** When the session ends unless used again (sessions only). */
    expiresAt?: Date;
    /** The API token the request came with, if any. */
    token?: { id: number; name: string };
}

/** The signed-in person as the session routes answer them. */
export interface SessionUser {
    id: number;
    username: string;
    displayName: string | null;
    role: AdminRole;
    storeIds: number[];
}

/** A new session: `token` goes into the cookie and is never stored. */
export interface NewAdminSession {
    token: string;
    csrfToken: string;
    expiresAt: Date;
    user: SessionUser;
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
/** The shortest password Refill accepts. */
export const MIN_PASSWORD_LENGTH = 12;

/**
 * Admin users, sign-in and sessions. Usernames are normalised once
 * ({@link normaliseUsername}) wherever they come in. Sign-in attempts go
 * through the {@link AdminSignInGuard}. Sessions are random 256-bit tokens
 * kept in an HttpOnly cookie and stored as their SHA-256; each carries a
 * CSRF token that state-changing requests must echo. Sessions slide: every
 * use extends them by `ttlHours`.
 */
export class AdminAuthService {
    constructor(
        private readonly db: Database,
        private readonly users: AdminUserRepository,
        private readonly audit: AuditRepository,
        private readonly clock: Clock,
        private readonly ttlHours: number,
        private readonly guard: AdminSignInGuard,
        private readonly userStores: AdminUserStoreRepository,
    ) {}

    /**
     * Creates a user (with an audit entry) and returns their id; the username
     * is stored normalised. A manager is bound to `storeIds` (callers check
     * they exist); other roles to no store.
     */
    async createUser(
        rawUsername: string,
        password: string,
        role: AdminRole,
        actor: string,
        displayName: string | null = null,
        storeIds: readonly number[] = [],
    ): Promise<number> {
        const username = normaliseUsername(rawUsername);
        if (!isValidUsername(username))
            throw new RefillError('REFILL_VALIDATION', 'Invalid user', [
                {
                    path: 'username',
                    message: 'must be 3-64 letters, digits, . _ - (trimmed and lower-cased)',
                },
            ]);
        if (!ADMIN_ROLES.includes(role))
            throw new RefillError('REFILL_VALIDATION', 'Invalid user', [
                { path: 'role', message: `must be one of ${ADMIN_ROLES.join(', ')}` },
            ]);
        if (password.length < MIN_PASSWORD_LENGTH)
            throw new RefillError('REFILL_VALIDATION', 'Invalid user', [
                { path: 'password', message: `must be at least ${MIN_PASSWORD_LENGTH} characters` },
            ]);
        const passwordHash = await passwordHasher.hash(password);
        return this.db.transaction(async (tx) => {
            if (await this.users.findByUsername(tx, username))
                throw new RefillError('REFILL_CONFLICT', `User ${username} exists`, { username });
            const now = this.clock();
            const id = await this.users.insert(tx, {
                username,
                passwordHash,
                role,
                displayName,
                createdAt: now,
            });
            const stores = isStoreBound(role) ? [...new Set(storeIds)] : [];
            await this.userStores.replace(tx, id, stores);
            await this.audit.append(
                tx,
                {
                    actor,
                    action: 'admin_user.create',
                    entityType: 'admin_user',
                    entityId: String(id),
                    details: { username, role, storeIds: stores },
                },
                now,
            );
            return id;
        });
    }

    /** The stores a user of `role` is bound to (none unless the role is store-bound). */
    async storeIdsOf(userId: number | null, role: AdminRole): Promise<number[]> {
        if (userId === null || !isStoreBound(role)) return [];
        return (await this.userStores.storeIdsOf(this.db, [userId])).get(userId) ?? [];
    }

    /** Every user (without password hashes). */
    async listUsers(): Promise<Array<Omit<AdminUser, 'passwordHash'>>> {
        return (await this.users.list(this.db)).map(({ passwordHash: _p, ...u }) => u);
    }

    /**
     * Checks a username and password from the client `ip` and opens a session.
     * Unknown users and wrong passwords look the same, locked or not; a
     * locked account or IP gets `REFILL_RATE_LIMITED` with `retryAfterSeconds`.
     */
    async signIn(rawUsername: string, password: string, ip: string): Promise<NewAdminSession> {
        const username = normaliseUsername(rawUsername);
        await this.guard.admit(username, ip);
        const user = isValidUsername(username) ? await this.users.findByUsername(this.db, username) : null;
        // Hash anyway for unknown users, so timing does not tell which usernames exist.
        const ok = await passwordHasher.verify(password, user?.passwordHash ?? (await dummyHash()));
        if (!user || !ok || user.disabledAt)
            throw new RefillError('REFILL_UNAUTHORIZED', 'Wrong username or password');
        await this.guard.succeeded(username, ip);
        const token = randomBytes(32).toString('base64url');
        const csrfToken = randomBytes(32).toString('base64url');
        const now = this.clock();
        const expiresAt = new Date(now.getTime() + this.ttlHours * 3_600_000);
        await this.db.transaction(async (tx) => {
            await this.users.insertSession(tx, {
                id: sha256(token),
                userId: user.id,
                csrfToken,
                createdAt: now,
                expiresAt,
                lastSeenAt: now,
            });
            await this.users.touchLogin(tx, user.id, now);
            await this.audit.append(
                tx,
                {
                    actor: user.username,
                    action: 'admin.sign_in',
                    entityType: 'admin_user',
                    entityId: String(user.id),
                },
                now,
            );
        });
        return {
            token,
            csrfToken,
            expiresAt,
            user: {
                id: user.id,
                username: user.username,
                role: user.role,
                displayName: user.displayName,
                storeIds: await this.storeIdsOf(user.id, user.role),
            },
        };
    }

    /** The principal of a session token, or null if it is unknown, expired or its user disabled. */
    async authenticate(token: string): Promise<AdminPrincipal | null> {
        const now = this.clock();
        const found = await this.users.findSession(this.db, sha256(token), now);
        if (!found) return null;
        let expiresAt = found.session.expiresAt;
        // Extend a sliding session at most once a minute, not on every request.
        if (now.getTime() - found.session.lastSeenAt.getTime() > 60_000) {
            expiresAt = new Date(now.getTime() + this.ttlHours * 3_600_000);
            await this.users.touchSession(this.db, found.session.id, now, expiresAt);
        }
        return {
            userId: found.user.id,
            username: found.user.username,
            role: found.user.role,
            storeIds: await this.storeIdsOf(found.user.id, found.user.role),
            displayName: found.user.displayName,
            sessionId: found.session.id,
            csrfToken: found.session.csrfToken,
            expiresAt,
        };
    }

    /** Ends a session. */
    async signOut(principal: AdminPrincipal): Promise<void> {
        await this.users.deleteSession(this.db, principal.sessionId);
    }
}

let dummy: Promise<string> | null = null;
/** A valid hash of a random password, verified against when the user does not exist. */
function dummyHash(): Promise<string> {
    dummy ??= passwordHasher.hash(randomBytes(16).toString('hex'));
    return dummy;
}
