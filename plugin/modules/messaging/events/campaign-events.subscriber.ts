import type { SqlExecutor } from '../../../kernel/db/sql-executor.js';
import type { EventBus } from '../../../kernel/events/event-bus.js';
import type { MemberAssigned } from '../../../kernel/events/refill-events.js';
import { newReminder, type CascadeRepository } from '../repositories/cascade.repository.js';
import { trafficOf } from '../../../kernel/vocabulary/message-kinds.js';

/**
 * Messaging's reaction to campaign assignments, inside the transaction that
 * writes the members and their offers: each test-group member gets a
 * lapse-offer reminder, gated until the send guard releases the day's run.
 * The key (campaign, customer) makes a re-run of the selection plan nothing twice.
 */
export class CampaignEventsSubscriber {
    constructor(private readonly cascades: Pick<CascadeRepository, 'insertMany'>) {}

    /** Registers the handlers on `bus`. */
    subscribe(bus: EventBus): void {
        bus.inTransaction('MemberAssigned', (event, tx) => this.memberAssigned(event, tx));
    }

    /** Plans the gated lapse-offer reminders of the page's test-group members. */
    async memberAssigned(page: MemberAssigned, tx: SqlExecutor): Promise<void> {
        const reminders = page.members
            .filter((m) => m.group === 'test')
            .map((m) =>
                newReminder({
                    cascadeKey: `lapse-offer:${page.campaignId}:${m.customerId}`,
                    customerId: m.customerId,
                    campaignId: page.campaignId,
                    categoryId: page.categoryId,
                    kind: 'lapse-offer',
                    traffic: trafficOf('lapse-offer'),
                    status: 'gated',
                    runDay: page.assignmentDay,
                    nextAt: page.assignedAt,
                    deadlineAt: page.offerEndsAt,
                }),
            );
        await this.cascades.insertMany(tx, reminders, page.assignedAt);
    }
}
