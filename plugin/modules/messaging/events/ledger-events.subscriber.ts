import type { SqlExecutor } from '../../../kernel/db/sql-executor.js';
import type { EventBus } from '../../../kernel/events/event-bus.js';
import type { PurchaseCommitted } from '../../../kernel/events/refill-events.js';
import { newReminder, type CascadeRepository } from '../repositories/cascade.repository.js';
import { MS_PER_DAY } from '../../../kernel/units/time.js';
import { messagePayload } from '../../../kernel/vocabulary/message-data.js';
import { trafficOf } from '../../../kernel/vocabulary/message-kinds.js';

/** A day, ms: how long the balance message may wait before it is pointless. */
const BALANCE_DEADLINE_MS = MS_PER_DAY;

/** What the ledger subscriber needs of messaging's settings. */
export interface LedgerEventsSettings {
    /** Plan a balance message after each sale that earned or spent bonuses. */
    balanceAfterPurchase: boolean;
}

/**
 * Messaging's reaction to the ledger's events, inside the sale's
 * transaction so it commits or rolls back with it: a purchase of a category
 * stops the customer's open reminders about it at once, and (when
 * configured) plans the balance message.
 */
export class LedgerEventsSubscriber {
    constructor(
        private readonly cascades: Pick<CascadeRepository, 'stopForPurchase' | 'insertMany'>,
        private readonly settings: LedgerEventsSettings,
    ) {}

    /** Registers the handlers on `bus`. */
    subscribe(bus: EventBus): void {
        bus.inTransaction('PurchaseCommitted', (event, tx) => this.purchaseCommitted(event, tx));
    }

    /** Stops the reminders about the categories bought and plans the balance message. */
    async purchaseCommitted(sale: PurchaseCommitted, tx: SqlExecutor): Promise<void> {
        const now = sale.committedAt;
        await this.cascades.stopForPurchase(tx, sale.customerId, sale.categoryIds, now);
        if (!this.settings.balanceAfterPurchase || (sale.earned === 0 && sale.redeemed === 0)) return;
        await this.cascades.insertMany(
            tx,
            [
                newReminder({
                    cascadeKey: `balance:${sale.receiptId}`,
                    customerId: sale.customerId,
                    kind: 'balance',
                    traffic: trafficOf('balance'),
                    nextAt: now,
                    deadlineAt: new Date(now.getTime() + BALANCE_DEADLINE_MS),
                    payload: messagePayload('balance', {
                        purchase: { earned: sale.earned, total: sale.total },
                    }),
                }),
            ],
            now,
        );
    }
}
