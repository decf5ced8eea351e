import { DateTime } from 'luxon';
import type { Clock } from '../../../kernel/clock.js';
import type { RefillConfig } from '../../../config/refill-options.js';
import type { Database } from '../../../kernel/db/database.js';
import { toDbTime } from '../../../kernel/db/db-time.js';
import { sqlDialect } from '../../../kernel/db/sql-dialect.js';
import type { Channel } from '../../../kernel/vocabulary/channels.js';
import type { SendRateLimit } from '../../../kernel/vocabulary/channel-providers.js';
import type { Campaign, CampaignRepository, SendTimeEstimate } from '../../campaigns/index.js';
import { campaignSteps } from '../cascade/campaign-steps.js';
import type { ContactPolicySource } from '../cascade/cascade-dispatcher.js';
import { customerZone } from '../policy/customer-zone.js';
import type { CustomerZoneQuery } from '../repositories/customer-zone.query.js';
import type { CascadeRepository } from '../repositories/cascade.repository.js';
import {
    messagesPerMinute,
    spreadOverWindow,
    spreadSpan,
    type SpreadPlan,
} from '../rules/send-spread.rules.js';

/** The cascade methods the send guard calls, with `release` spreading what it released. */
export type SpreadingCascades = Pick<
    CascadeRepository,
    'cancelCampaign' | 'countByStatus' | 'gatedRuns' | 'release'
>;

/**
 * Spreads a campaign day's reminders across their customers' sending
 * window at the rate of the campaign's first channel's provider, so a large
 * run does not burst at the window's opening (and then wait, throttled, in
 * the dispatcher's queue): when the send guard releases a run (or its
 * canary), the released reminders get their moments from
 * {@link spreadOverWindow}. The same arithmetic, in the chain's timezone,
 * tells the campaign plan when the last message will go out.
 */
export class CampaignSpreadService {
    constructor(
        private readonly db: Database,
        private readonly campaigns: Pick<CampaignRepository, 'find'>,
        private readonly zones: CustomerZoneQuery,
        private readonly limits: ReadonlyMap<Channel, SendRateLimit>,
        private readonly config: RefillConfig['messaging'],
        private readonly timezone: string,
        private readonly policy: ContactPolicySource,
        private readonly clock: Clock,
    ) {}

    /** `cascades` whose `release` spreads the reminders it released. */
    releasing(cascades: SpreadingCascades): SpreadingCascades {
        return {
            cancelCampaign: (...args) => cascades.cancelCampaign(...args),
            countByStatus: (...args) => cascades.countByStatus(...args),
            gatedRuns: () => cascades.gatedRuns(),
            release: async (campaignId, runDay, now, limit) => {
                const released = await cascades.release(campaignId, runDay, now, limit);
                if (released > 1) await this.spread(campaignId, runDay, now);
                return released;
            },
        };
    }

    /**
     * Gives the reminders of a run released at `now` (pending on their first
     * step, never tried) their moments across the window; returns the plan.
     */
    async spread(campaignId: number, runDay: string, now: Date): Promise<SpreadPlan | null> {
        const campaign = await this.campaigns.find(this.db, campaignId);
        const perMinute = campaign ? this.rateOf(campaign) : null;
        if (!perMinute) return null;
        const rows = await this.db.all<{ id: unknown; customer_id: unknown }>(
            `SELECT id, customer_id FROM refill_cascades WHERE campaign_id = ? AND run_day = ? AND status = 'pending' AND step = 0 AND attempt = 0 AND next_at = ? ORDER BY id`,
            [campaignId, runDay, toDbTime(now)],
        );
        if (!rows.length) return null;
        const ids = rows.map((r) => ({ id: Number(r.id), customerId: Number(r.customer_id) }));
        const sources = await this.zones.sources(ids.map((r) => r.customerId));
        const items = ids.map(({ id, customerId }) => {
            const s = sources.get(customerId);
            return { id, zone: s ? customerZone(s, this.timezone) : this.timezone };
        });
        const { window } = await this.policy.current();
        const plan = spreadOverWindow(items, now, window, perMinute);
        // Grouped by moment: a provider slot holds several reminders only without a rate, so chunk by id.
        for (const chunk of sqlDialect.chunks(items, 300)) {
            const cases = chunk.map(() => 'WHEN ? THEN ?').join(' ');
            await this.db.run(
                `UPDATE refill_cascades SET next_at = CASE id ${cases} ELSE next_at END WHERE status = 'pending' AND next_at = ? AND id IN (${sqlDialect.inList(chunk.length)})`,
                [
                    ...chunk.flatMap((i) => [i.id, toDbTime(plan.at.get(i.id)!)]),
                    toDbTime(now),
                    ...chunk.map((i) => i.id),
                ],
            );
        }
        return plan;
    }

    /**
     * When the last of `recipients` messages of the campaign's next day would
     * go out, released after its next daily selection (its run hour in the
     * chain's timezone), in the chain's timezone and the run-time window, and
     * whether it fits in that day's window.
     */
    async estimate(campaign: Campaign, recipients: number): Promise<SendTimeEstimate> {
        const now = DateTime.fromJSDate(this.clock(), { zone: this.timezone });
        const run = now.set({ hour: campaign.runHour, minute: 0, second: 0, millisecond: 0 });
        const from = (run > now ? run : run.plus({ days: 1 })).toJSDate();
        const perMinute = this.rateOf(campaign);
        const { window } = await this.policy.current();
        return {
            channel: campaignSteps(campaign, this.config)[0]?.channel ?? null,
            messagesPerMinute: perMinute,
            ...spreadSpan(recipients, from, this.timezone, window, perMinute),
        };
    }

    /** Messages per minute the campaign's first channel takes (null: not limited). */
    private rateOf(campaign: Campaign): number | null {
        const channel = campaignSteps(campaign, this.config)[0]?.channel as Channel | undefined;
        return channel ? messagesPerMinute(this.limits.get(channel)) : null;
    }
}
