/**
 * The catalog module's door: everything other modules and the composition level
 * may use. Nothing else in `plugin/modules/catalog/` is imported from outside it
 * (see README.md here and CONTRIBUTING.md).
 */
/** Entity: category rebuilds and their progress (`refill_category_rebuilds`). */
export {
    type CategoryRebuild,
    CategoryRebuildEntity,
    type RebuildPhase,
    type RebuildState,
} from './entities/category-rebuild.entity.js';
/** Entity: category rules, ATC prefixes and SKUs (`refill_category_rules`). */
export { type CategoryRule, CategoryRuleEntity } from './entities/category-rule.entity.js';
/** Entity: categories (`refill_categories`). */
export { type Category, CategoryEntity } from './entities/category.entity.js';
/** Entity: per-customer category statistics (`refill_customer_category_stats`). */
export {
    type CustomerCategoryStat,
    CustomerCategoryStatEntity,
} from './entities/customer-category-stat.entity.js';
/** Entity: products (`refill_products`). */
export { type Product, ProductEntity } from './entities/product.entity.js';
/** Repository: products, categories and rules. */
export {
    CatalogRepository,
    type CategoryInput,
    type ProductInput,
} from './repositories/catalog.repository.js';
/** Repository: category rebuilds. */
export { CategoryRebuildRepository } from './repositories/category-rebuild.repository.js';
/** Repository: category statistics, and how a locking customer read joins them. */
export {
    CATEGORY_STATS_JOIN,
    CategoryStatsRepository,
    type KeyedCategoryStat,
} from './repositories/category-stats.repository.js';
/** Port: the lapse range's rows (campaigns' candidate query implements it). */
export type { LapseDays, LapsedRange } from './repositories/lapse-days.port.js';
/** Basket line types: a till's line, and the line placed in the catalogue. */
export type { BasketLine, RateSource, ResolvedLine } from './rules/basket.js';
/** The in-memory catalogue a sale resolves its lines against. */
export { CatalogSnapshot } from './rules/catalog-snapshot.js';
/** Pure rules: category statistics and chain days. */
export {
    addPurchase,
    type CategoryStat,
    chainDayStart,
    parseRecentDays,
} from './rules/category-stats.rules.js';
/** Pure rules: when a buyer of a category has lapsed. */
export {
    categoryLapseRule,
    isSeasonalMonth,
    LAPSE_LOOKBACK_DAYS,
    type LapseRule,
    lapseScanWindow,
    lapseToday,
    lapseVerdict,
} from './rules/lapse.rules.js';
/** Service: the catalogue and its cached snapshot. */
export { CatalogService } from './services/catalog.service.js';
/** Service: rebuilds of line mapping and statistics from the stored history. */
export { CategoryRebuildService, type RebuildProgress } from './services/category-rebuild.service.js';
/** Service: chronic categories with their reach (audited). */
export { type CategoryView, ChronicCategoryService } from './services/chronic-category.service.js';
/** Admin API: category, card-kind and token routes and their table. */
export {
    adminCatalogRoutes,
    adminCatalogRouteTable,
    type CatalogAdminServices,
} from './routes/catalog-admin.routes.js';
/** Admin API: the category body schema. */
export { categoryBody } from './routes/category.schemas.js';
/** Job definition: the category rebuild task. */
export { categoryRebuildTask } from './jobs/category-rebuild.job.js';
