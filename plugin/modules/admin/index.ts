/**
 * The admin module's door: everything other modules and the composition level
 * may use. Nothing else in `plugin/modules/admin/` is imported from outside it
 * (see README.md here and CONTRIBUTING.md).
 */
/** Entity: signed-in admin sessions (`refill_admin_sessions`). */
export { type AdminSession, AdminSessionEntity } from './entities/admin-session.entity.js';
/** Entity: API tokens for scripts (`refill_admin_tokens`). */
export { type AdminToken, AdminTokenEntity } from './entities/admin-token.entity.js';
/** Entity: admin users and their roles (`refill_admin_users`). */
export { type AdminRole, type AdminUser, AdminUserEntity } from './entities/admin-user.entity.js';
/** Entity: the stores a manager is bound to (`refill_admin_user_stores`). */
export { type AdminUserStore, AdminUserStoreEntity } from './entities/admin-user-store.entity.js';
/** Entity: the audit log (`refill_audit_log`). */
export { type AuditEntry, AuditEntryEntity } from './entities/audit-entry.entity.js';
/** Entity: POS API keys (`refill_pos_keys`). */
export { type PosKey, PosKeyEntity } from './entities/pos-key.entity.js';
/** Entity: failed sign-ins the guard counts (`refill_sign_in_failures`). */
export {
    type SignInFailure,
    SignInFailureEntity,
    type SignInScope,
} from './entities/sign-in-failure.entity.js';
/** Entity: stores (`refill_stores`). */
export { type Store, StoreEntity } from './entities/store.entity.js';
/** Repository: failed sign-ins, for the sign-in guard the composition root builds. */
export { AdminSignInRepository } from './repositories/admin-sign-in.repository.js';
/** Repository: admin API tokens. */
export { AdminTokenRepository } from './repositories/admin-token.repository.js';
/** Repository: admin users and sessions. */
export { AdminUserRepository } from './repositories/admin-user.repository.js';
/** Repository: which stores managers are bound to. */
export { AdminUserStoreRepository } from './repositories/admin-user-store.repository.js';
/** Query: the audit log for people (filters, newest first). */
export { type AuditFilter, AuditLogQuery } from './repositories/audit-log.query.js';
/** Repository: appends to the audit log in the caller's transaction (every module audits through it). */
export { AuditRepository } from './repositories/audit.repository.js';
/** Repository: POS keys. */
export { PosKeyRepository, type PosKeySummary } from './repositories/pos-key.repository.js';
/** Repository: stores. */
export { type StoreFields, StoreRepository, type StoreSummary } from './repositories/store.repository.js';
/** Store coordinates: degrees in, micro-degrees stored, and back. */
export { type GeoPoint, storeLocation, toMicroDegrees } from './repositories/store.repository.js';
/** Pure rule: the canonical spelling of an admin username. */
export { normaliseUsername } from './rules/admin-username.js';
/** Service: sign-in and sessions (and the user creation the CLI uses). */
export {
    AdminAuthService,
    type AdminPrincipal,
    MIN_PASSWORD_LENGTH,
    type SessionUser,
} from './services/admin-auth.service.js';
/** Service: admin users for admins (list, create, change, reset passwords; audited). */
export {
    type AdminUserPatch,
    AdminUserService,
    type AdminUserView,
    type NewAdminUser,
} from './services/admin-user.service.js';
/** Service: the audit log for people (pages and the CSV export). */
export { AuditLogService, type AuditView } from './services/audit-log.service.js';
/** Service: slows and locks out repeated failed sign-ins. */
export { AdminSignInGuard } from './services/admin-sign-in-guard.service.js';
/** Service: admin API tokens (create, list, revoke; audited). */
export { AdminTokenService } from './services/admin-token.service.js';
/** Who a POS request comes from (store and key). */
export type { PosIdentity } from './services/pos-identity.js';
/** Service: POS keys (create, revoke, authenticate). */
export { type CreatedPosKey, PosKeyService } from './services/pos-key.service.js';
/** Service: stores. */
export { StoreService } from './services/store.service.js';
/** Admin API middleware: the session or token principal, and CSRF protection. */
export { adminPrincipal, adminSession, csrfProtection } from './routes/admin-session.middleware.js';
/** Route-table helpers for admin routes and the security schemes both OpenAPI documents show. */
export {
    ADMIN_WRITE_SECURITY,
    adminRoute,
    adminSecuritySchemes,
    POS_SECURITY_SCHEMES,
} from './routes/api-security.js';
/** Admin API: the audit log routes and their table. */
export { adminAuditRoutes, adminAuditRouteTable } from './routes/audit.routes.js';
/** Admin API: stores and POS keys routes and their table. */
export { adminStoreRoutes, adminStoreRouteTable } from './routes/stores.routes.js';
/** Admin API: admin users routes and their table. */
export { adminUserRoutes, adminUserRouteTable } from './routes/users.routes.js';
/** Admin API: job control routes and their table. */
export { adminJobRouteTable, adminJobsRoutes } from './routes/jobs.routes.js';
/** POS API: key authentication and the identity it leaves on the request. */
export { posAuth, posIdentity } from './routes/pos-auth.js';
/** Admin API: sign-in, sign-out and session routes and their table. */
export { adminSessionRoutes, adminSessionRouteTable } from './routes/session.routes.js';
/** Admin API: the token body schema. */
export { tokenBody } from './routes/token.schemas.js';
