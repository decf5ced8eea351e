import type { Database } from '../../../kernel/db/database.js';
import type { Campaign, CampaignRepository } from '../../campaigns/index.js';
import type { MessageSpendQuery } from '../repositories/message-spend.query.js';

/**
 * One dispatch page's view of its campaigns' budgets: each capped
 * campaign's spend when the page began plus the estimates of the messages
 * the page decided to send, so the page itself never passes a cap.
 */
export class PageBudgets {
    /** Campaigns whose sending stopped at the cap in this page. */
    readonly reached = new Set<number>();

    constructor(private readonly budgets: Map<number, { cap: number; spent: number }>) {}

    /**
     * Whether the campaign's sending stops before a message estimated at
     * `estimate`: its spend has reached the cap, or the message would pass it.
     */
    stops(campaignId: number, estimate: number): boolean {
        const b = this.budgets.get(campaignId);
        if (!b || (b.spent < b.cap && b.spent + estimate <= b.cap)) return false;
        this.reached.add(campaignId);
        return true;
    }

    /** Counts a message the page decided to send against its campaign's budget. */
    spend(campaignId: number, estimate: number): void {
        const b = this.budgets.get(campaignId);
        if (b) b.spent += estimate;
    }
}

/**
 * The budget cap of campaigns in the dispatcher: a campaign's spend is the
 * cost of its messages (`MessageSpendQuery`; the offers' bonus cost is not
 * in it). Once it reaches the cap (or the next message's estimated cost,
 * the channel's configured cost, would pass it) no more of its messages are
 * sent: each of its open reminders ends `cancelled` with outcome `budget`
 * as the dispatcher reaches it, and the campaign records when sending
 * stopped (`budget_reached_at`, once) for its report.
 */
export class BudgetGate {
    constructor(
        private readonly db: Database,
        private readonly spends: Pick<MessageSpendQuery, 'campaignSpends'>,
        private readonly campaigns: Pick<CampaignRepository, 'update'>,
        private readonly costs: Readonly<Record<string, number>>,
    ) {}

    /** The budgets of a page's capped campaigns, read afresh (other instances spend too). */
    async load(campaigns: ReadonlyMap<number, Campaign>): Promise<PageBudgets> {
        const capped = [...campaigns.values()].filter(
            (c) => c.budgetCap !== null && c.budgetCap !== undefined,
        );
        const spent = await this.spends.campaignSpends(capped.map((c) => c.id));
        return new PageBudgets(
            new Map(capped.map((c) => [c.id, { cap: c.budgetCap as number, spent: spent.get(c.id) ?? 0 }])),
        );
    }

    /** A message's estimated cost on `channel` (the configured cost per channel). */
    estimate(channel: string): number {
        return this.costs[channel] ?? 0;
    }

    /** Records when sending stopped for the campaigns that reached their cap (those not recorded yet). */
    async record(page: PageBudgets, campaigns: ReadonlyMap<number, Campaign>, now: Date): Promise<void> {
        const fresh = [...page.reached].filter((id) => !campaigns.get(id)?.budgetReachedAt);
        if (!fresh.length) return;
        await this.db.transaction(async (tx) => {
            for (const id of fresh) await this.campaigns.update(tx, id, { budgetReachedAt: now }, now);
        });
    }
}
