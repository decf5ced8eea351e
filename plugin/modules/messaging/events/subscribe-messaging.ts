import type { EventBus } from '../../../kernel/events/event-bus.js';
import type { CascadeRepository } from '../repositories/cascade.repository.js';
import { CampaignEventsSubscriber } from './campaign-events.subscriber.js';
import { LedgerEventsSubscriber, type LedgerEventsSettings } from './ledger-events.subscriber.js';

/**
 * Subscribes messaging to the events it consumes: `PurchaseCommitted`
 * (stop the reminders about what was bought, plan the balance message) and
 * `MemberAssigned` (plan the lapse-offer reminders), both inside the
 * publisher's transaction. Called once per bus by the composition root.
 */
export function subscribeMessaging(
    bus: EventBus,
    cascades: Pick<CascadeRepository, 'stopForPurchase' | 'insertMany'>,
    settings: LedgerEventsSettings,
): void {
    new LedgerEventsSubscriber(cascades, settings).subscribe(bus);
    new CampaignEventsSubscriber(cascades).subscribe(bus);
}
