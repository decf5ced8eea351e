import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '../../../kernel/db/database.js';
import { normaliseUsername } from '../rules/admin-username.js';
import type { AdminRole } from '../entities/admin-user.entity.js';
import { RefillError } from '../../../kernel/errors/refill-error.js';
import type { AdminUserRepository } from '../repositories/admin-user.repository.js';
import type { Clock } from '../../../kernel/clock.js';
import type { AdminTokenRepository } from '../repositories/admin-token.repository.js';
import type { AuditRepository } from '../repositories/audit.repository.js';

/** Who an API token speaks for. */
export interface TokenPrincipal {
    tokenId: number;
    name: string;
    role: AdminRole;
    /** The person the token acts for (admin user id and normalised username), or null. */
    userId: number | null;
    username: string | null;
}

/** The repository methods {@link AdminTokenService} calls (the composition root passes its bag). */
export interface AdminTokenPorts {
    audit: Pick<AuditRepository, 'append'>;
    adminTokens: Pick<AdminTokenRepository, 'insert' | 'revoke' | 'findLive' | 'touch'>;
}

const PREFIX = 'rfa_';

function hashToken(token: string): string {
    return createHash('sha256').update(token).digest('hex');
}

/**
 * API tokens for the admin API (CRM scripts, integrations): sent as
 * `Authorization: Bearer rfa_…`, stored only as SHA-256 hashes, shown once at
 * creation, revocable. Creation and revocation are audited.
 *
 * A token acts for the person it is bound to: the admin who created it
 * through the admin API, or the user named when an operator creates it with
 * the CLI (`--user`). Its requests are that person's (audit entries,
 * launches and approvals name them), and it stops working when they are
 * disabled. A token bound to nobody (an integration's) can do what its role
 * allows except vouch as a second person.
 */
export class AdminTokenService {
    constructor(
        private readonly db: Database,
        private readonly repos: AdminTokenPorts,
        private readonly users: AdminUserRepository,
        private readonly clock: Clock,
    ) {}

    /**
     * Creates a token acting for `owner` (a username, normalised here; null
     * for a token of no person); returns it (the only time it is visible).
     */
    async create(name: string, role: AdminRole, actor: string, owner: string | null = null): Promise<string> {
        const token = PREFIX + randomBytes(24).toString('base64url');
        await this.db.transaction(async (tx) => {
            const now = this.clock();
            let userId: number | null = null;
            if (owner !== null) {
                const user = await this.users.findByUsername(tx, normaliseUsername(owner));
                if (!user || user.disabledAt)
                    throw new RefillError('REFILL_VALIDATION', 'Invalid token', [
                        { path: 'user', message: 'must be an active admin user' },
                    ]);
                userId = user.id;
            }
            const id = await this.repos.adminTokens.insert(
                tx,
                { name, tokenHash: hashToken(token), role, createdBy: actor, userId },
                now,
            );
            await this.repos.audit.append(
                tx,
                {
                    actor,
                    action: 'admin_token.create',
                    entityType: 'admin_token',
                    entityId: String(id),
                    details: { name, role, user: owner === null ? null : normaliseUsername(owner) },
                },
                now,
            );
        });
        return token;
    }

    /** Revokes every live token of that name. */
    async revoke(name: string, actor: string): Promise<void> {
        await this.db.transaction(async (tx) => {
            const now = this.clock();
            if (!(await this.repos.adminTokens.revoke(tx, name, now)))
                throw new RefillError('REFILL_NOT_FOUND', `No live token named ${name}`);
            await this.repos.audit.append(
                tx,
                { actor, action: 'admin_token.revoke', entityType: 'admin_token', entityId: name },
                now,
            );
        });
    }

    /** The principal of a bearer token, or null. */
    async authenticate(token: string): Promise<TokenPrincipal | null> {
        if (!token.startsWith(PREFIX) || token.length > 100) return null;
        const row = await this.repos.adminTokens.findLive(hashToken(token));
        if (!row) return null;
        await this.repos.adminTokens.touch(row.id, this.clock());
        return {
            tokenId: row.id,
            name: row.name,
            role: row.role as AdminRole,
            userId: row.userId,
            username: row.username,
        };
    }
}
