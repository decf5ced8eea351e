import type { AdminTokenRepository } from './repositories/admin-token.repository.js';
import type { AuditRepository } from './repositories/audit.repository.js';

/** The repositories the admin module's services take (the composition root passes its bag). */
export interface AdminRepositories {
    audit: AuditRepository;
    adminTokens: AdminTokenRepository;
}
