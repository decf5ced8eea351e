import type { Database } from '../../kernel/db/database.js';
import type { SqlExecutor } from '../../kernel/db/sql-executor.js';
import {
    BonusLotRepository,
    LedgerEntryRepository,
    type LedgerStores,
    type LotChange,
    type NewLedgerEntry,
    type NewLot,
} from '../ledger/index.js';

/** A lot a session created, under the placeholder id it was given. */
export interface DeferredLot extends NewLot {
    placeholderId: number;
}

/**
 * {@link LedgerStores} that write nothing: they collect what many
 * customers' {@link LedgerSession}s flush, so the caller can write every
 * session's lots, lot changes and ledger entries with one multi-row
 * statement per table. New lots get negative placeholder ids; the caller
 * replaces them with the real ids in the entries it writes.
 */
export class DeferredLedgerStores implements LedgerStores {
    readonly lots: DeferredLots;
    readonly entries: DeferredEntries;

    constructor(db: Database) {
        this.lots = new DeferredLots(db);
        this.entries = new DeferredEntries(db);
    }
}

/** Collects new lots and lot changes instead of writing them. */
export class DeferredLots extends BonusLotRepository {
    readonly created: DeferredLot[] = [];
    readonly changes: LotChange[] = [];
    private nextId = -1;

    override async insert(_tx: SqlExecutor, lot: NewLot): Promise<number> {
        const placeholderId = this.nextId--;
        this.created.push({ ...lot, placeholderId });
        return placeholderId;
    }

    override async applyChanges(_tx: SqlExecutor, changes: readonly LotChange[]): Promise<void> {
        this.changes.push(...changes);
    }
}

/** Collects ledger entries instead of appending them. */
export class DeferredEntries extends LedgerEntryRepository {
    readonly appended: NewLedgerEntry[] = [];

    override async append(_tx: SqlExecutor, entries: readonly NewLedgerEntry[]): Promise<void> {
        this.appended.push(...entries);
    }
}
