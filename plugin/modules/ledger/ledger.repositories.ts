import type { AuditRepository } from '../admin/index.js';
import type { OfferRepository } from '../campaigns/index.js';
import type { CategoryStatsRepository } from '../catalog/index.js';
import type { CustomerRepository } from '../customers/index.js';
import type { BonusLotRepository } from './repositories/bonus-lot.repository.js';
import type { LedgerEntryRepository } from './repositories/ledger-entry.repository.js';
import type { PurchaseReturnRepository } from './repositories/purchase-return.repository.js';
import type { PurchaseRepository } from './repositories/purchase.repository.js';

/** The repositories the ledger's services take: its own and the lower modules' (the composition root passes its bag). */
export interface LedgerRepositories {
    audit: AuditRepository;
    customers: CustomerRepository;
    entries: LedgerEntryRepository;
    lots: BonusLotRepository;
    offers: OfferRepository;
    purchases: PurchaseRepository;
    returns: PurchaseReturnRepository;
    stats: CategoryStatsRepository;
}
