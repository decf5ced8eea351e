import type { SettingRepository } from '../../kernel/db/setting.repository.js';
import type { StoreRepository } from '../admin/repositories/store.repository.js';
import type { CategoryStatsRepository } from '../catalog/repositories/category-stats.repository.js';
import type { ConsentRepository } from '../customers/repositories/consent.repository.js';
import type { CustomerRepository } from '../customers/repositories/customer.repository.js';
import type { BonusLotRepository } from '../ledger/repositories/bonus-lot.repository.js';
import type { LedgerEntryRepository } from '../ledger/repositories/ledger-entry.repository.js';
import type { PurchaseRepository } from '../ledger/repositories/purchase.repository.js';

/** The repositories the import takes: the lower modules' it writes through (the composition root passes its bag). */
export interface ImportRepositories {
    consents: ConsentRepository;
    customers: CustomerRepository;
    entries: LedgerEntryRepository;
    lots: BonusLotRepository;
    purchases: PurchaseRepository;
    settings: SettingRepository;
    stats: CategoryStatsRepository;
    stores: StoreRepository;
}
