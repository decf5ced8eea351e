import type { SqlExecutor } from '../../../kernel/db/sql-executor.js';
import type { TransactionRunner } from '../../../kernel/events/event-bus.js';

/**
 * What the ledger's services need of the database: units of work, and reads
 * outside them (repositories take it as their executor). The composition root
 * passes its `Database`; a unit test passes a fake.
 */
export type LedgerDatabase = TransactionRunner & SqlExecutor;
