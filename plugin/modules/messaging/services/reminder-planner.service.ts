import { DateTime } from 'luxon';
import type { RefillConfig } from '../../../config/refill-options.js';
import type { Database } from '../../../kernel/db/database.js';
import { newReminder, type CascadeRepository, type NewCascade } from '../repositories/cascade.repository.js';
import type { ExpiringBonuses } from '../repositories/reminder-candidate.query.js';
import type { Clock } from '../../../kernel/clock.js';
import type { ReminderCandidateQuery } from '../repositories/reminder-candidate.query.js';
import { MS_PER_DAY } from '../../../kernel/units/time.js';
import { messagePayload } from '../../../kernel/vocabulary/message-data.js';
import { trafficOf } from '../../../kernel/vocabulary/message-kinds.js';
import type { ChainOwnedKinds } from './chain-owned-kinds.port.js';

/** The repository methods {@link ReminderPlannerService} calls (the composition root passes its bag). */
export interface ReminderPlannerPorts {
    cascades: Pick<CascadeRepository, 'insertMany'>;
    reminders: Pick<ReminderCandidateQuery, 'expiringBonuses' | 'expiringOffers' | 'newCustomers'>;
}

/** The notice of bonuses about to burn: one per customer and first burn day, due now, deadline the burn. */
export function bonusExpiryReminder(b: ExpiringBonuses, now: Date): NewCascade {
    return newReminder({
        cascadeKey: `bonus-expiry:${b.customerId}:${DateTime.fromJSDate(b.firstExpiry, { zone: 'utc' }).toISODate()}`,
        customerId: b.customerId,
        kind: 'bonus-expiry',
        traffic: trafficOf('bonus-expiry'),
        nextAt: now,
        deadlineAt: b.firstExpiry,
        payload: messagePayload('bonus-expiry', {
            expiry: { amount: b.amount, at: b.firstExpiry.toISOString() },
        }),
    });
}

/**
 * Plans the reminders that are not lapse offers: an offer-expiry reminder
 * for a campaign offer about to end unused (deadline: the offer's end), a
 * bonus-expiry notice (deadline: the first burning lot), and a welcome. Each
 * has a unique key, so planning again the same day plans nothing twice.
 * Balance-after-purchase reminders are planned by the POS commit itself.
 * A welcome or bonus-expiry kind an active trigger chain sends is left to
 * the chain (`ChainOwnedKinds`, when given).
 */
export class ReminderPlannerService {
    constructor(
        private readonly db: Database,
        private readonly repos: ReminderPlannerPorts,
        private readonly config: RefillConfig,
        private readonly clock: Clock,
        private readonly chains: ChainOwnedKinds | null = null,
    ) {}

    /** Plans every kind; returns how many new reminders of each. */
    async planAll(): Promise<Record<string, number>> {
        return {
            offerExpiry: await this.offerExpiry(),
            bonusExpiry: await this.bonusExpiry(),
            welcome: await this.welcome(),
        };
    }

    /** Reminders for campaign offers ending within `offerExpiryReminderDays` whose category was not bought. */
    async offerExpiry(): Promise<number> {
        const now = this.clock();
        const until = new Date(now.getTime() + this.config.messaging.offerExpiryReminderDays * MS_PER_DAY);
        const offers = await this.repos.reminders.expiringOffers(now, until);
        return this.repos.cascades.insertMany(
            this.db,
            offers.map((o) =>
                newReminder({
                    cascadeKey: `offer-expiry:${o.offerId}`,
                    customerId: o.customerId,
                    campaignId: o.campaignId,
                    categoryId: o.categoryId,
                    offerId: o.offerId,
                    kind: 'offer-expiry',
                    traffic: trafficOf('offer-expiry'),
                    nextAt: now,
                    deadlineAt: o.endsAt,
                }),
            ),
            now,
        );
    }

    /** Notices of bonuses burning within `bonusExpiryNoticeDays`, one per customer and burn day. */
    async bonusExpiry(): Promise<number> {
        if (await this.ownedByChain('bonus-expiry')) return 0;
        const m = this.config.messaging;
        const now = this.clock();
        const until = new Date(now.getTime() + m.bonusExpiryNoticeDays * MS_PER_DAY);
        const due = await this.repos.reminders.expiringBonuses(now, until, m.bonusExpiryMinAmount);
        return this.repos.cascades.insertMany(
            this.db,
            due.map((b) => bonusExpiryReminder(b, now)),
            now,
        );
    }

    /** A welcome for customers enrolled in the last two days (stale welcomes are not sent). */
    async welcome(): Promise<number> {
        if (!this.config.messaging.welcome || (await this.ownedByChain('welcome'))) return 0;
        const now = this.clock();
        const ids = await this.repos.reminders.newCustomers(new Date(now.getTime() - 2 * MS_PER_DAY));
        return this.repos.cascades.insertMany(
            this.db,
            ids.map((customerId) =>
                newReminder({
                    cascadeKey: `welcome:${customerId}`,
                    customerId,
                    kind: 'welcome',
                    traffic: trafficOf('welcome'),
                    nextAt: now,
                    deadlineAt: new Date(now.getTime() + 3 * MS_PER_DAY),
                }),
            ),
            now,
        );
    }

    /** Whether an active trigger chain sends this kind instead. */
    private async ownedByChain(kind: 'welcome' | 'bonus-expiry'): Promise<boolean> {
        return this.chains ? (await this.chains.ownedKinds()).has(kind) : false;
    }
}
