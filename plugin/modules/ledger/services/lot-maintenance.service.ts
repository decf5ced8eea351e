import type { RefillConfig } from '../../../config/refill-options.js';
import type { BonusLotRepository, LotChange } from '../repositories/bonus-lot.repository.js';
import type { CustomerRepository, CustomerState } from '../../customers/index.js';
import type { NewLedgerEntry } from '../repositories/ledger-entry.repository.js';
import type { Clock } from '../../../kernel/clock.js';
import type { LedgerDatabase } from './ledger-database.port.js';
import { LedgerSession, type LedgerStores } from './ledger-session.js';

/** What one maintenance run did. */
export interface MaintenanceResult {
    batches: number;
    customers: number;
    lotsExpired: number;
    bonusesExpired: number;
    lotsActivated: number;
    bonusesActivated: number;
}

/** Options of one run. */
export interface MaintenanceOptions {
    /** Customers per transaction. Default 500. */
    batchSize?: number;
    /** Called after every committed batch with the running totals. */
    onBatch?: (result: MaintenanceResult) => void;
}

/** The repository methods maintenance uses: the session's stores, the due customers and their lots, their balances. */
export interface LotMaintenancePorts extends LedgerStores {
    lots: Pick<
        BonusLotRepository,
        'customersWithDueLots' | 'findOpenForCustomers' | 'findOpen' | 'insert' | 'applyChanges'
    >;
    customers: Pick<CustomerRepository, 'lockByIds' | 'saveBalances'>;
}

/**
 * Burns expired lots and activates matured pending lots for the whole base,
 * in batches of customers: each batch is one transaction that row-locks its
 * customers (in id order), reads their open lots in one query, brings them up
 * to date through {@link LedgerSession}, and writes lots, ledger entries and
 * balances in one statement each. The state lives in the lots themselves, so
 * a run is idempotent and resumable: a crash rolls back one batch, and the
 * next run picks up exactly what is still due.
 */
export class LotMaintenanceService {
    constructor(
        private readonly db: LedgerDatabase,
        private readonly repos: LotMaintenancePorts,
        private readonly config: RefillConfig,
        private readonly clock: Clock,
    ) {}

    /** Burns every lot that has expired by now (and activates what matured on the way). */
    expireDue(options: MaintenanceOptions = {}): Promise<MaintenanceResult> {
        return this.run('expiry', options);
    }

    /** Activates every pending lot whose pending period is over (and burns what expired on the way). */
    activateDue(options: MaintenanceOptions = {}): Promise<MaintenanceResult> {
        return this.run('activation', options);
    }

    private async run(due: 'expiry' | 'activation', options: MaintenanceOptions): Promise<MaintenanceResult> {
        const now = this.clock();
        const batchSize = options.batchSize ?? 500;
        const result: MaintenanceResult = {
            batches: 0,
            customers: 0,
            lotsExpired: 0,
            bonusesExpired: 0,
            lotsActivated: 0,
            bonusesActivated: 0,
        };
        for (;;) {
            const ids = await this.repos.lots.customersWithDueLots(this.db, due, now, batchSize);
            if (!ids.length) return result;
            const batch = await this.db.transaction(async (tx) => {
                const counts = { lotsExpired: 0, bonusesExpired: 0, lotsActivated: 0, bonusesActivated: 0 };
                const customers = await this.repos.customers.lockByIds(tx, ids);
                const lots = await this.repos.lots.findOpenForCustomers(tx, ids);
                const changes: LotChange[] = [];
                const entries: NewLedgerEntry[] = [];
                const states: Array<{ id: number; state: CustomerState }> = [];
                for (const customer of customers) {
                    const open = lots.get(customer.id) ?? [];
                    const before = new Map(open.map((l) => [l.id, l]));
                    const session = new LedgerSession(
                        tx,
                        this.repos,
                        customer,
                        now,
                        this.config.returns.shortfall,
                    );
                    session.useLots(open);
                    const drained = session.drain();
                    for (const change of drained.changes) {
                        const lot = before.get(change.id)!;
                        if (change.state === 'expired') {
                            counts.lotsExpired++;
                            counts.bonusesExpired += lot.remaining;
                        } else if (lot.state === 'pending' && change.state === 'active') {
                            counts.lotsActivated++;
                            counts.bonusesActivated += lot.remaining;
                        }
                    }
                    changes.push(...drained.changes);
                    entries.push(...drained.entries);
                    states.push({ id: customer.id, state: drained.state });
                }
                await this.repos.lots.applyChanges(tx, changes);
                await this.repos.entries.append(tx, entries);
                await this.repos.customers.saveBalances(tx, states, now);
                return counts;
            });
            result.lotsExpired += batch.lotsExpired;
            result.bonusesExpired += batch.bonusesExpired;
            result.lotsActivated += batch.lotsActivated;
            result.bonusesActivated += batch.bonusesActivated;
            result.batches++;
            result.customers += ids.length;
            options.onBatch?.({ ...result });
        }
    }
}
