/**
 * `refill/testing`: Refill's insides for tests, benchmarks and tools, outside
 * the public API (no stability promise; names here change with the code).
 *
 * @example
 * import { createRefill } from 'refill';
 * import { refillInternals } from 'refill/testing';
 * const { services, database } = refillInternals(createRefill({ databaseUrl }));
 */
export { refillInternals } from './refill-internals.js';
export type { RefillInternals, RefillServices } from './refill-internals.js';
export type { Repositories } from './refill-repositories.js';
export type { Database } from './kernel/db/database.js';
export type { RefillScheduler } from './kernel/jobs/refill-scheduler.js';
export type { Clock } from './kernel/clock.js';
