import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '../db/database.js';
import type { AdminRole } from '../entities/admin-user.entity.js';
import { RefillError } from '../errors/refill-error.js';
import type { Clock } from './clock.js';
import type { Repositories } from './repositories.js';

/** Who an API token speaks for. */
export interface TokenPrincipal {
    tokenId: number;
    name: string;
    role: AdminRole;
}

const PREFIX = 'rfa_';

function hashToken(token: string): string {
    return createHash('sha256').update(token).digest('hex');
}

/**
 * API tokens for the admin API (CRM scripts, integrations): sent as
 * `Authorization: Bearer rfa_…`, stored only as SHA-256 hashes, shown once at
 * creation, revocable. Creation and revocation are audited.
 */
export class AdminTokenService {
    constructor(
        private readonly db: Database,
        private readonly repos: Repositories,
        private readonly clock: Clock,
    ) {}

    /** Creates a token; returns it (the only time it is visible). */
    async create(name: string, role: AdminRole, actor: string): Promise<string> {
        const token = PREFIX + randomBytes(24).toString('base64url');
        await this.db.transaction(async (tx) => {
            const now = this.clock();
            const id = await this.repos.adminTokens.insert(
                tx,
                { name, tokenHash: hashToken(token), role, createdBy: actor },
                now,
            );
            await this.repos.audit.append(
                tx,
                {
                    actor,
                    action: 'admin-token.create',
                    entityType: 'admin-token',
                    entityId: String(id),
                    details: { name, role },
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
                { actor, action: 'admin-token.revoke', entityType: 'admin-token', entityId: name },
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
        return { tokenId: row.id, name: row.name, role: row.role as AdminRole };
    }
}
