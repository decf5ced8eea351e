import type { RefillConfig } from '../../config/refill-options.js';
import { buildSteps, planStep, type CascadeStep } from '../../domain/cascade.rules.js';
import type { Cascade } from '../../entities/cascade.entity.js';
import type { Customer } from '../../entities/customer.entity.js';
import type { CascadePatch } from '../../repositories/cascade.repository.js';
import { campaignCascade, campaignChannels, campaignTestCards } from '../../services/campaign-design.js';
import type { Clock } from '../../services/clock.js';
import type { Repositories } from '../../services/repositories.js';
import type { Channel, ChannelProvider } from '../channels/channel-provider.js';
import type { MessageSender } from '../message-sender.js';
import { decideContact, type ContactPolicySettings, type ContactVerdict } from '../policy/contact-policy.js';
import type { CascadeContext, CascadeContextLoader } from './cascade-context.loader.js';
import { contactFor, type MessageComposer } from './message-composer.js';

/** What one dispatch run did. */
export interface DispatchCounts {
    [name: string]: number;
    sent: number;
    held: number;
    failed: number;
    dropped: number;
    done: number;
    exhausted: number;
    expired: number;
    cancelled: number;
}

const RETRY_MS = 5 * 60_000;
const MAX_ATTEMPTS = 3;

/**
 * The cascade engine. Each run takes the due cascades page by page: a
 * waiting one whose message was delivered (or read) is done, otherwise it
 * moves on to the next channel; a pending one plans its step (cheapest
 * usable channel, deadline-aware), asks the contact policy, and sends
 * through the exactly-once sender. Cascades of one customer run in order,
 * different customers in parallel. Campaigns are re-read every page, so the
 * kill switch and test mode take effect within one tick. One Agenda job
 * runs it at a time; the message ledger's unique keys keep a re-run from
 * sending twice anyway.
 */
export class CascadeDispatcher {
    private readonly policy: ContactPolicySettings;

    constructor(
        private readonly repos: Repositories,
        private readonly loader: CascadeContextLoader,
        private readonly composer: MessageComposer,
        private readonly sender: MessageSender,
        private readonly providers: Map<Channel, ChannelProvider>,
        private readonly config: RefillConfig['messaging'],
        private readonly timezone: string,
        private readonly clock: Clock,
    ) {
        this.policy = {
            window: config.window,
            dailyCaps: config.dailyCaps,
            monthlyMarketingCap: config.monthlyMarketingCap,
            quietDaysAfterPurchase: config.quietDaysAfterPurchase,
            serviceInWindow: true,
        };
    }

    /** Works through every due cascade (at most `limit`); `touch` is called after each page. */
    async run(limit = Number.MAX_SAFE_INTEGER, touch?: () => Promise<void>): Promise<DispatchCounts> {
        const counts: DispatchCounts = {
            sent: 0,
            held: 0,
            failed: 0,
            dropped: 0,
            done: 0,
            exhausted: 0,
            expired: 0,
            cancelled: 0,
        };
        let seen = 0;
        for (const status of ['waiting', 'pending'] as const)
            for (;;) {
                const size = Math.min(this.config.dispatch.pageSize, limit - seen);
                if (size <= 0) return counts;
                const page = await this.repos.cascades.due(status, this.clock(), size);
                if (!page.length) break;
                seen += page.length;
                await this.runPage(page, counts);
                await touch?.();
            }
        return counts;
    }

    private async runPage(page: readonly Cascade[], counts: DispatchCounts): Promise<void> {
        const ctx = await this.loader.load(page, this.clock());
        const byCustomer = new Map<number, Cascade[]>();
        for (const c of page) byCustomer.set(c.customerId, [...(byCustomer.get(c.customerId) ?? []), c]);
        const queues = [...byCustomer.values()];
        const worker = async () => {
            for (let queue = queues.pop(); queue; queue = queues.pop())
                for (const cascade of queue) await this.advance(cascade, ctx, counts);
        };
        await Promise.all(Array.from({ length: this.config.dispatch.concurrency }, worker));
    }

    private async advance(c: Cascade, ctx: CascadeContext, counts: DispatchCounts): Promise<void> {
        const now = this.clock();
        const customer = ctx.customers.get(c.customerId);
        const campaign = c.campaignId !== null ? ctx.campaigns.get(c.campaignId) : undefined;
        const end = async (status: Cascade['status'], outcome: string) => {
            if (await this.repos.cascades.update(c.id, { status, outcome }, now))
                counts[status] = (counts[status] ?? 0) + 1;
        };
        if (!customer) return end('cancelled', 'no_customer');
        if (campaign?.sendsKilled) return end('cancelled', 'killed');
        const steps = this.steps(c, ctx);
        let from = c.step;
        if (c.status === 'waiting') {
            const status = c.messageKey ? ctx.messageStatus.get(c.messageKey) : undefined;
            if (status === 'read' || (status === 'delivered' && c.awaitStatus !== 'read'))
                return end('done', status);
            from = c.step + 1;
        }
        const consents = ctx.consents.get(customer.id);
        const plan = planStep({
            steps,
            from,
            usable: (s) => Boolean(consents?.has(s.channel) && contactFor(customer, s.channel)),
            now,
            deadline: c.deadlineAt,
            zone: customer.timezone ?? this.timezone,
            window: this.config.window,
            reliableChannel: this.config.reliableChannel,
        });
        if (plan.action === 'expired') return end('expired', 'deadline');
        for (const skipped of plan.skipped)
            await this.recordSkipped(c, customer, steps[skipped], skipped, ctx);
        if (plan.action === 'exhausted') return end('exhausted', 'no_channel');
        const step = steps[plan.step];
        const attempt = plan.step === c.step && c.status === 'pending' ? c.attempt : 0;
        await this.send(c, customer, step, plan.step, attempt, plan.waitMinutes, ctx, counts);
    }

    private async send(
        c: Cascade,
        customer: Customer,
        step: CascadeStep,
        index: number,
        attempt: number,
        waitMinutes: number,
        ctx: CascadeContext,
        counts: DispatchCounts,
    ): Promise<void> {
        const now = this.clock();
        const channel = step.channel as Channel;
        const verdict = this.verdict(c, customer, channel, ctx, now);
        const key = `${c.cascadeKey}:${index}:${attempt}`;
        const composed =
            verdict.decision === 'send'
                ? await this.composer.compose(c, customer, channel, ctx)
                : { message: { channel, to: '', text: '' }, transliterated: false };
        const outcome = await this.sender.send(
            {
                key,
                customerId: customer.id,
                campaignId: c.campaignId,
                kind: c.kind,
                step: index,
                traffic: c.traffic,
                verdict,
                message: composed.message,
            },
            this.providers.get(channel) as ChannelProvider,
        );
        const base: CascadePatch = { step: index, channel, messageKey: key, awaitStatus: step.await };
        const later = (ms: number) => new Date(now.getTime() + ms);
        let patch: CascadePatch;
        if (outcome.outcome === 'sent' || (outcome.outcome === 'duplicate' && isSent(outcome.status))) {
            ctx.counts.get(customer.id)?.add(channel, c.traffic, now);
            counts.sent++;
            const status = outcome.status;
            if (step.await === 'delivered' && status === 'delivered')
                patch = { ...base, status: 'done', outcome: 'delivered', attempt };
            else
                patch = {
                    ...base,
                    status: 'waiting',
                    attempt,
                    nextAt: later(waitMinutes * 60_000),
                    outcome: 'sent',
                };
        } else if (
            outcome.outcome === 'held' ||
            (outcome.outcome === 'duplicate' && outcome.status === 'held')
        ) {
            counts.held++;
            const next = verdict.decision === 'hold' ? verdict.nextAllowedAt : later(RETRY_MS);
            patch = {
                ...base,
                status: 'pending',
                attempt: attempt + 1,
                nextAt: next,
                outcome: verdict.decision === 'hold' ? `held:${verdict.reason}` : 'held',
            };
        } else if (
            outcome.outcome === 'dropped' ||
            (outcome.outcome === 'duplicate' && outcome.status === 'dropped')
        ) {
            counts.dropped++;
            patch = {
                ...base,
                status: 'cancelled',
                outcome: verdict.decision === 'drop' ? `dropped:${verdict.reason}` : 'dropped',
            };
        } else {
            counts.failed++;
            const retry = outcome.outcome === 'failed' && outcome.retryable && attempt + 1 < MAX_ATTEMPTS;
            patch = retry
                ? {
                      ...base,
                      status: 'pending',
                      attempt: attempt + 1,
                      nextAt: later(outcome.retryAfterMs ?? RETRY_MS),
                      outcome: `retry:${outcome.code}`,
                  }
                : // The next tick moves on to the next channel.
                  { ...base, status: 'waiting', attempt, nextAt: now, outcome: 'failed' };
        }
        await this.repos.cascades.update(c.id, patch, now);
    }

    /** The contact policy's verdict for this step, with the counts and the campaign's exclusions. */
    private verdict(
        c: Cascade,
        customer: Customer,
        channel: Channel,
        ctx: CascadeContext,
        now: Date,
    ): ContactVerdict {
        const campaign = c.campaignId !== null ? ctx.campaigns.get(c.campaignId) : undefined;
        const testCards = (campaign && campaignTestCards(campaign)) ?? null;
        const globalTest = this.config.testCards;
        const allowed =
            (testCards === null || testCards.includes(customer.cardNumber)) &&
            (!globalTest.length || globalTest.includes(customer.cardNumber));
        const counts = ctx.counts.get(customer.id);
        return decideContact(
            {
                channel,
                traffic: c.traffic,
                timezone: customer.timezone ?? this.timezone,
                consented: Boolean(ctx.consents.get(customer.id)?.has(channel)),
                hasContact: Boolean(contactFor(customer, channel)),
                sentToday: counts?.today(channel, now) ?? 0,
                marketingThisMonth: counts?.marketingThisMonth(now) ?? 0,
                lastPurchaseAt: customer.lastPurchaseAt,
                segment:
                    c.campaignId !== null ? ctx.segments.get(`${c.campaignId}:${customer.id}`) : undefined,
                excludedSegments: campaign ? campaignCascade(campaign).excludedSegments : undefined,
                testModeAllows: allowed,
            },
            now,
            this.policy,
        );
    }

    /** Records why a step was passed over (no consent or no contact), so support can answer "why no SMS?". */
    private async recordSkipped(
        c: Cascade,
        customer: Customer,
        step: CascadeStep,
        index: number,
        ctx: CascadeContext,
    ): Promise<void> {
        const channel = step.channel as Channel;
        const verdict: ContactVerdict = {
            decision: 'drop',
            reason: ctx.consents.get(customer.id)?.has(channel) ? 'no_contact' : 'no_consent',
        };
        await this.sender.send(
            {
                key: `${c.cascadeKey}:${index}:skip`,
                customerId: customer.id,
                campaignId: c.campaignId,
                kind: c.kind,
                step: index,
                traffic: c.traffic,
                verdict,
                message: { channel, to: '', text: '' },
            },
            this.providers.get(channel) as ChannelProvider,
        );
    }

    /** The cascade's steps: the campaign's explicit ones, or its (or the service) channels cheapest first. */
    private steps(c: Cascade, ctx: CascadeContext): CascadeStep[] {
        const campaign = c.campaignId !== null ? ctx.campaigns.get(c.campaignId) : undefined;
        const explicit = campaign && campaignCascade(campaign).steps;
        if (explicit?.length)
            return explicit.map((s) => ({
                channel: s.channel,
                waitMinutes: s.waitMinutes,
                await: s.await ?? 'delivered',
            }));
        const channels = campaign ? campaignChannels(campaign) : this.config.serviceChannels;
        return buildSteps(channels, this.config);
    }
}

function isSent(status: string | null): boolean {
    return status === 'sending' || status === 'sent' || status === 'delivered' || status === 'read';
}
