/**
 * The ledger module's door: everything other modules and the composition level
 * may use. Nothing else in `plugin/modules/ledger/` is imported from outside it
 * (see README.md here and CONTRIBUTING.md).
 */
/** Entity: bonus lots (`refill_bonus_lots`). */
export { type BonusLot, BonusLotEntity, type LotKind, type LotState } from './entities/bonus-lot.entity.js';
/** Entity: the dashboard's daily figures (`refill_daily_figures`). */
export { type DailyFigures, DailyFiguresEntity } from './entities/daily-figures.entity.js';
/** Entity: the daily figures' watermarks (`refill_figure_watermarks`). */
export { type FigureWatermark, FigureWatermarkEntity } from './entities/figure-watermark.entity.js';
/** Entity: the members snapshot per home store (`refill_member_figures`). */
export { type MemberFigures, MemberFiguresEntity } from './entities/member-figures.entity.js';
/** Entity: the ledger (`refill_ledger_entries`). */
export { type LedgerEntry, LedgerEntryEntity, type LedgerKind } from './entities/ledger-entry.entity.js';
/** Entity: receipt lines (`refill_purchase_lines`). */
export { type PurchaseLine, PurchaseLineEntity } from './entities/purchase-line.entity.js';
/** Entity: returns (`refill_returns`). */
export { type PurchaseReturn, PurchaseReturnEntity } from './entities/purchase-return.entity.js';
/** Entity: sales (`refill_purchases`). */
export { type Purchase, PurchaseEntity } from './entities/purchase.entity.js';
/** Repository: bonus lots. */
export { BonusLotRepository, type LotChange, type NewLot } from './repositories/bonus-lot.repository.js';
/** Query: a customer's ledger, receipts and returns as the store desk pages through them. */
export { CustomerHistoryQuery } from './repositories/customer-history.query.js';
/** Repository: the dashboard's daily figures and members snapshot (the dashboard reads them). */
export { DailyFiguresRepository, type MemberTotals } from './repositories/daily-figures.repository.js';
/** Repository: ledger entries. */
export { LedgerEntryRepository, type NewLedgerEntry } from './repositories/ledger-entry.repository.js';
/** Repository: returns. */
export { PurchaseReturnRepository } from './repositories/purchase-return.repository.js';
/** Repository: sales and their lines (the import writes through it). */
export { type ImportedLine, PurchaseRepository, receiptKey } from './repositories/purchase.repository.js';
/** Service: keeps the dashboard's daily figures and members snapshot. */
export {
    DailyFiguresService,
    type FiguresOptions,
    type FiguresResult,
} from './services/daily-figures.service.js';
/** Days in the chain's timezone, for the daily figures. */
export {
    addDays as addFigureDays,
    daysFrom,
    dayStart,
    type FigureDay,
    localDay,
    monthStart,
} from './rules/figure-days.rules.js';
/** The ledger's part of a customer's balance answer (customers' BonusBalanceReader port). */
export { LedgerBalanceReader } from './services/bonus-balance.reader.js';
/** Service: the store desk's read of a customer's lots, ledger (with causes) and receipts. */
export { CustomerHistoryService } from './services/customer-history.service.js';
/** Service: manual adjustments (audited). */
export {
    type Adjustment,
    type AdjustmentResult,
    LedgerAdjustmentService,
} from './services/ledger-adjustment.service.js';
/** A customer's ledger inside one transaction (the import replays history through it). */
export { LedgerSession, type LedgerStores } from './services/ledger-session.js';
/** Service: expiry and activation of lots. */
export { LotMaintenanceService } from './services/lot-maintenance.service.js';
/** Service: sales (preview, commit; publishes PurchaseCommitted). */
export { PurchaseService } from './services/purchase.service.js';
/** Sale inputs and results. */
export type {
    BasketLineInput,
    PreviewInput,
    PreviewResult,
    PurchaseInput,
    PurchaseRequest,
    PurchaseResult,
    ReturnResult,
} from './services/purchase.views.js';
/** Service: returns (publishes PurchaseReturned). */
export { type ReturnInput, type ReturnRequest, ReturnService } from './services/return.service.js';
/** Admin API: the store desk's adjustment route and its table. */
export {
    adjustmentBody,
    adminAdjustmentRoutes,
    adminAdjustmentRouteTable,
} from './routes/admin-adjustment.routes.js';
/** Admin API: the store desk's lots, ledger and receipts routes and their table. */
export {
    adminCustomerHistoryRoutes,
    adminCustomerHistoryRouteTable,
} from './routes/admin-customer-history.routes.js';
/** POS API: receipt routes and their table. */
export { posReceiptRoutes, posReceiptRouteTable } from './routes/pos-receipts.routes.js';
/** POS API: receipt and return body schemas. */
export { previewBody, receiptBody, receiptParams, returnBody } from './routes/receipt.schemas.js';
/** Job definition: activates pending bonuses. */
export { activatePendingBonusesJob } from './jobs/activate-pending-bonuses.job.js';
/** Job definition: keeps the dashboard's daily figures. */
export { dailyFiguresJob } from './jobs/daily-figures.job.js';
/** Job definition: expires bonuses. */
export { expireBonusesJob } from './jobs/expire-bonuses.job.js';
