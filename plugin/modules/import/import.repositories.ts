import type { SettingRepository } from '../../kernel/db/setting.repository.js';
import type { StoreRepository } from '../admin/index.js';
import type { CategoryStatsRepository } from '../catalog/index.js';
import type { ConsentRepository, CustomerRepository } from '../customers/index.js';
import type { BonusLotRepository, LedgerEntryRepository, PurchaseRepository } from '../ledger/index.js';

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
