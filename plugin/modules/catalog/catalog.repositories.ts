import type { SettingRepository } from '../../kernel/db/setting.repository.js';
import type { AuditRepository } from '../admin/index.js';
import type { CustomerRepository } from '../customers/index.js';
import type { CatalogRepository } from './repositories/catalog.repository.js';
import type { CategoryRebuildRepository } from './repositories/category-rebuild.repository.js';
import type { CategoryStatsRepository } from './repositories/category-stats.repository.js';
import type { LapseDaysReader } from './repositories/lapse-days.port.js';

/** The repositories the catalog's services take: its own, the lower modules' and two ports (the composition root passes its bag). */
export interface CatalogRepositories {
    audit: AuditRepository;
    catalog: CatalogRepository;
    customers: CustomerRepository;
    rebuilds: CategoryRebuildRepository;
    settings: SettingRepository;
    stats: CategoryStatsRepository;
    /** The lapse range's rows, for a category's lapsed-buyers count (campaigns' candidate query). */
    candidates: LapseDaysReader;
}
