import type { EventBus } from '../../../kernel/events/event-bus.js';
import type { ChainGoalsService } from '../services/chain-engine.goals.js';
import type { ChainTriggersService } from '../services/chain-triggers.service.js';

/**
 * Subscribes the chains to the bus, in the publishers' transactions: a
 * committed sale first ends or wakes the customer's runs (goal, stop
 * events, waits for a purchase), then enters them into the chains it
 * triggers (so the sale that starts a run is not that run's goal); the
 * daily segment job's moves likewise (`segment-left`, then `segment-entered`).
 */
export function subscribeChains(
    bus: EventBus,
    goals: ChainGoalsService,
    triggers: ChainTriggersService,
): void {
    bus.inTransaction('PurchaseCommitted', async (event, tx) => {
        await goals.onPurchase(event, tx);
        await triggers.onPurchase(event, tx);
    });
    bus.inTransaction('LifecycleChanged', async (event, tx) => {
        await goals.onLifecycle(event, tx);
        await triggers.onLifecycle(event, tx);
    });
    bus.inTransaction('MarketingWithdrawn', async (event, tx) => {
        await goals.onWithdrawn(event, tx);
    });
}
