/**
 * The ledger module's door: everything other modules and the composition level
 * may use. Nothing else in `plugin/modules/ledger/` is imported from outside it
 * (see README.md here and CONTRIBUTING.md).
 */
/** Entity: bonus lots (`refill_bonus_lots`). */
export { type BonusLot, BonusLotEntity, type LotKind, type LotState } from './entities/bonus-lot.entity.js';
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
/** Repository: ledger entries. */
export { LedgerEntryRepository, type NewLedgerEntry } from './repositories/ledger-entry.repository.js';
/** Repository: returns. */
export { PurchaseReturnRepository } from './repositories/purchase-return.repository.js';
/** Repository: sales and their lines (the import writes through it). */
export { type ImportedLine, PurchaseRepository, receiptKey } from './repositories/purchase.repository.js';
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
/** Job definition: expires bonuses. */
export { expireBonusesJob } from './jobs/expire-bonuses.job.js';
