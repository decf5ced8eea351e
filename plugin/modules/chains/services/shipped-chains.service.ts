import type { Clock } from '../../../kernel/clock.js';
import type { Database } from '../../../kernel/db/database.js';
import { SCHEDULER_ACTOR } from '../../../kernel/vocabulary/audit-actors.js';
import type { AuditRepository } from '../../admin/index.js';
import { chainColumns, type ChainRepository } from '../repositories/chain.repository.js';
import { SHIPPED_CHAINS, SHIPPED_CHAIN_KEYS, type ShippedChainKey } from '../rules/shipped-chains.js';

/** What the seeding writes through. */
export interface ShippedChainsPorts {
    audit: Pick<AuditRepository, 'append'>;
    chains: Pick<ChainRepository, 'insertIfAbsent'>;
}

/**
 * Seeds the shipped chains as drafts on start (after the migrations): each
 * key once, by an insert that skips a key already there, so a chain a
 * marketer edited, activated or archived is never touched again, and two
 * instances starting at once seed each chain once. Audited per chain seeded.
 */
export class ShippedChainsService {
    constructor(
        private readonly db: Database,
        private readonly repos: ShippedChainsPorts,
        private readonly clock: Clock,
    ) {}

    /** Inserts the shipped chains that are missing; returns the keys it inserted. */
    async seed(actor: string = SCHEDULER_ACTOR): Promise<ShippedChainKey[]> {
        const seeded: ShippedChainKey[] = [];
        for (const key of SHIPPED_CHAIN_KEYS) {
            const design = SHIPPED_CHAINS[key];
            const inserted = await this.db.transaction(async (tx) => {
                const now = this.clock();
                const added = await this.repos.chains.insertIfAbsent(
                    tx,
                    { ...chainColumns(design), status: 'draft', budgetReachedAt: null, activatedAt: null },
                    now,
                );
                if (added)
                    await this.repos.audit.append(
                        tx,
                        { actor, action: 'chain.seed', entityType: 'chain', entityId: key, details: { key } },
                        now,
                    );
                return added;
            });
            if (inserted) seeded.push(key);
        }
        return seeded;
    }
}
