import type { RefillConfig } from '../../../config/refill-options.js';
import type { Database } from '../../../kernel/db/database.js';
import type { Clock } from '../../../kernel/clock.js';
import { RefillError } from '../../../kernel/errors/refill-error.js';
import { maskCard } from '../../../kernel/logging/logger.js';
import type { Channel } from '../../../kernel/vocabulary/channels.js';
import type { CampaignRepository } from '../../campaigns/index.js';
import type { CascadeContextLoader } from '../cascade/cascade-context.loader.js';
import { campaignSteps } from '../cascade/campaign-steps.js';
import { usableChannel } from '../cascade/contact-facts.js';
import type { MessageComposer } from '../cascade/message-composer.js';
import type { SendBatch } from '../entities/cascade.entity.js';
import type { SendBatchRepository } from '../repositories/send-batch.repository.js';
import type { SendRunQuery } from '../repositories/send-run.query.js';

/** How many of a run's first recipients the bill is estimated from. */
export const REVIEW_SAMPLE = 200;

/** How many of them the review shows the message of. */
export const REVIEW_PREVIEWS = 5;

/** The message one of the first recipients would get, as the approver sees it. */
export interface RecipientPreview {
    /** The card, masked to its last four digits. */
    card: string;
    /** The first channel that reaches the customer; null when none does (the reminder would end unsent). */
    channel: string | null;
    subject: string | null;
    text: string | null;
    /** SMS segments (after the cheaper of the original and transliterated text). */
    segments: number | null;
    /** Estimated cost of this message, minor units. */
    cost: number;
}

/** What a person approves when the guard holds a campaign run. */
export interface SendReview {
    runDay: string;
    status: SendBatch['status'];
    recipients: number;
    canarySize: number;
    /** The canary slice an approval would release now (the configured share, at least the minimum). */
    plannedCanary: number;
    /** Who launched the campaign: they cannot approve its run. */
    launchedBy: string | null;
    note: string | null;
    bill: {
        /** Recipients the estimate rests on (the first ones by id). */
        sampled: number;
        /** Estimated messages per first channel over the whole run. */
        channels: Array<{ channel: string; messages: number; cost: number }>;
        /** Recipients no channel of the campaign reaches (no consent or contact), over the whole run. */
        unreachable: number;
        /** Estimated cost of the run's first messages, minor units. */
        messageCost: number;
    };
    previews: RecipientPreview[];
}

/** The repositories {@link SendReviewService} reads. */
export interface SendReviewPorts {
    campaigns: Pick<CampaignRepository, 'find'>;
    sendBatches: Pick<SendBatchRepository, 'find'>;
}

/**
 * What the approver of a held campaign run sees before approving: its size,
 * the canary slice an approval releases, an estimated bill (each sampled
 * recipient's first reachable channel × that channel's configured cost, SMS
 * by segments, scaled to the run) and the messages of the first recipients,
 * rendered exactly as the dispatcher would render them.
 */
export class SendReviewService {
    constructor(
        private readonly db: Database,
        private readonly repos: SendReviewPorts,
        private readonly runs: SendRunQuery,
        private readonly loader: CascadeContextLoader,
        private readonly composer: MessageComposer,
        private readonly config: RefillConfig['messaging'],
        private readonly clock: Clock,
    ) {}

    /** The review of a campaign's run of `runDay`. */
    async review(campaignId: number, runDay: string): Promise<SendReview> {
        const campaign = await this.repos.campaigns.find(this.db, campaignId);
        if (!campaign) throw new RefillError('REFILL_NOT_FOUND', `No campaign ${campaignId}`);
        const batch = await this.repos.sendBatches.find(campaignId, runDay);
        if (!batch)
            throw new RefillError(
                'REFILL_NOT_FOUND',
                `No send batch for campaign ${campaignId} on ${runDay}`,
            );
        const now = this.clock();
        const sample = await this.runs.first(campaignId, runDay, REVIEW_SAMPLE);
        const ctx = await this.loader.load(sample, now);
        const steps = campaignSteps(campaign, this.config);
        const previews: RecipientPreview[] = [];
        for (const c of sample) {
            const customer = ctx.customers.get(c.customerId);
            const step = customer && steps.find((s) => usableChannel(ctx, c, customer, s.channel));
            if (!customer || !step) {
                previews.push({
                    card: '****',
                    channel: null,
                    subject: null,
                    text: null,
                    segments: null,
                    cost: 0,
                });
                continue;
            }
            const { message } = await this.composer.compose(c, customer, step.channel as Channel, ctx);
            const segments = message.segments ?? null;
            previews.push({
                card: maskCard(customer.cardNumber),
                channel: step.channel,
                subject: message.subject ?? null,
                text: message.text,
                segments,
                cost: (this.config.costs[step.channel] ?? 0) * (segments ?? 1),
            });
        }
        const guard = this.config.guard;
        return {
            runDay,
            status: batch.status,
            recipients: batch.recipients,
            canarySize: batch.canarySize,
            plannedCanary: Math.min(
                batch.recipients,
                Math.max(guard.canaryMin, Math.ceil((batch.recipients * guard.canaryPct) / 100)),
            ),
            launchedBy: campaign.launchedBy ?? campaign.createdBy,
            note: batch.note,
            bill: bill(previews, batch.recipients),
            previews: previews.slice(0, REVIEW_PREVIEWS),
        };
    }
}

/** The sample's channels and costs scaled to the whole run (rounded to whole messages and minor units). */
function bill(sample: readonly RecipientPreview[], recipients: number): SendReview['bill'] {
    const scale = sample.length ? recipients / sample.length : 0;
    const byChannel = new Map<string, { messages: number; cost: number }>();
    let unreachable = 0;
    for (const p of sample) {
        if (!p.channel) {
            unreachable++;
            continue;
        }
        const entry = byChannel.get(p.channel) ?? { messages: 0, cost: 0 };
        entry.messages++;
        entry.cost += p.cost;
        byChannel.set(p.channel, entry);
    }
    const channels = [...byChannel].map(([channel, e]) => ({
        channel,
        messages: Math.round(e.messages * scale),
        cost: Math.round(e.cost * scale),
    }));
    return {
        sampled: sample.length,
        channels,
        unreachable: Math.round(unreachable * scale),
        messageCost: channels.reduce((sum, c) => sum + c.cost, 0),
    };
}
