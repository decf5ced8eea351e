/**
 * Agenda 6's backend stored in Refill's database: see {@link SqlJobBackend}
 * and docs/jobs-backend.md.
 */
export { SqlJobBackend } from './sql-job.backend.js';
export { SqlJobRepository } from './sql-job.repository.js';
export { SqlJobLogger } from './sql-job.logger.js';
export { JobBackendError, type JobBackendErrorReason } from './job-backend.errors.js';
export type { SqlJobBackendOptions } from './job-backend.options.js';
export { claimStatements, type ClaimStatements } from './job-claim.sql.js';
