import type { Database } from '../../../kernel/db/database.js';
import type { BonusBalance, BonusBalanceReader } from '../../customers/index.js';
import type { BonusLotRepository } from '../repositories/bonus-lot.repository.js';
import { balanceAt } from '../rules/balance.rules.js';

/**
 * The ledger's part of a customer's balance answer: read straight from the
 * open lots, so it is exact even before the daily expiry or activation job.
 */
export class LedgerBalanceReader implements BonusBalanceReader {
    constructor(
        private readonly db: Database,
        private readonly lots: Pick<BonusLotRepository, 'findOpen'>,
    ) {}

    /** Available and pending bonuses at `now`, and the next expiry dates in `timezone`. */
    async balanceOf(customerId: number, now: Date, timezone: string): Promise<BonusBalance> {
        const lots = await this.lots.findOpen(this.db, customerId);
        return balanceAt(lots, now, timezone);
    }
}
