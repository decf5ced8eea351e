import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RefillConfig } from '../../../config/refill-options.js';
import type { Database } from '../../../kernel/db/database.js';
import { buildSteps, planStep, type CascadeStep } from '../rules/cascade.rules.js';
import type { Cascade } from '../entities/cascade.entity.js';
import type { Customer, CustomerRepository } from '../../customers/index.js';
import type { CascadePatch, CascadeRepository } from '../repositories/cascade.repository.js';
import {
    campaignCascade,
    campaignTestCards,
    inGlobalControl,
    type GlobalControl,
} from '../../campaigns/index.js';
import { campaignSteps } from './campaign-steps.js';
import type { Clock } from '../../../kernel/clock.js';
import type { ChannelProvider } from '../channels/channel-provider.js';
import { isChannel, type Channel } from '../../../kernel/vocabulary/channels.js';
import { SEND_LEASE_MS, type MessageSender, type SendRequest } from '../message-sender.js';
import { afterSend, stepMessageKey, type PlannedSend } from './cascade-outcome.js';
import { decideContact, type ContactPolicySettings, type ContactVerdict } from '../policy/contact-policy.js';
import { consentedTo, customerFacts, usableChannel, zoneOf } from './contact-facts.js';
import type { CascadeContext, CascadeContextLoader } from './cascade-context.loader.js';
import type { MessageComposer } from './message-composer.js';
import { boundedMemo } from '../../../kernel/bounded-memo.js';
import { chainChannelsOf } from '../services/chain-messages.service.js';
import type { SendThrottle } from './send-throttle.js';
import { withoutDeferred } from './throttled-work.js';
import { withSender } from './campaign-sender.js';
import type { BudgetGate, PageBudgets } from './budget-gate.js';

/** The repository methods {@link CascadeDispatcher} calls (the composition root passes its bag). */
export interface CascadeDispatcherPorts {
    cascades: Pick<CascadeRepository, 'claimDue' | 'updateMany'>;
    /** Where a blocked Telegram bot is remembered (none: not remembered). */
    customers?: Partial<Pick<CustomerRepository, 'markUnreachable'>>;
}

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
    /** Steps another run held (or this run had no time left to hand over): due again when that claim ends. */
    busy: number;
    /** Steps a provider's send-rate limit or limit answer made wait: re-planned shortly, not attempts. */
    throttled: number;
}

const FINAL = new Set(['done', 'exhausted', 'expired', 'cancelled']);

/** A campaign's messaging settings, parsed once per page. */
interface CampaignPlan {
    steps: CascadeStep[];
    excludedSegments: string[] | undefined;
    testCards: string[] | null;
}

/** The loaded context of a page, its one moment, its campaigns' settings and the run's contact policy. */
type PageContext = CascadeContext & {
    now: Date;
    plans: Map<number, CampaignPlan>;
    policy: ContactPolicySettings;
    /** The page's capped campaigns' spend (none without a budget gate). */
    budgets?: PageBudgets;
    /** The program's global control group, read once per run (null: off). */
    globalControl?: GlobalControl | null;
};

/** Where the dispatcher reads the program's global control group: once at the start of every run. */
export interface GlobalControlSource {
    current(): Promise<GlobalControl | null>;
}

/** Where the dispatcher reads the contact policy: once at the start of every run (the policy may change at run time). */
export interface ContactPolicySource {
    current(): Promise<ContactPolicySettings>;
}

/** A page's claim: its token and until when it holds the page's cascades and messages. */
interface PageClaim {
    token: string;
    leaseUntil: Date;
}

/** What one page decided: the batch to send, the sends to follow up, the cascade changes. */
interface PageWork {
    items: Array<{ request: SendRequest; provider: ChannelProvider }>;
    sends: PlannedSend[];
    patches: Array<{ c: Cascade; patch: CascadePatch }>;
}

/**
 * The cascade engine. Each run claims the due cascades page by page (a
 * lease, so a second run never decides the same cascade and a run that dies
 * leaves them due again): a waiting one whose message was delivered (or
 * read) is done, otherwise it moves on to the next channel; a pending one
 * plans its step (cheapest usable channel, deadline-aware), asks the
 * contact policy, and sends through the sender under the page's lease, with
 * one message key per step that every retry reuses. Cascades of one
 * customer run in order, different customers in parallel. Campaigns are
 * re-read every page, so the kill switch and test mode take effect within
 * one tick.
 */
export class CascadeDispatcher {
    private readonly serviceSteps: CascadeStep[];
    /** The steps of a chain send's own channel list (comma-joined), built once per list. */
    private readonly chainSteps = boundedMemo((list) => buildSteps(list.split(','), this.config), 100);

    constructor(
        private readonly db: Database,
        private readonly repos: CascadeDispatcherPorts,
        private readonly loader: CascadeContextLoader,
        private readonly composer: MessageComposer,
        private readonly sender: MessageSender,
        private readonly providers: Map<Channel, ChannelProvider>,
        private readonly config: RefillConfig['messaging'],
        private readonly timezone: string,
        private readonly clock: Clock,
        private readonly policySource: ContactPolicySource,
        /** The shared send-rate gate (none: providers are not limited). */
        private readonly throttle?: SendThrottle,
        /** Stops a campaign's sending at its budget cap (none: no caps). */
        private readonly budget?: BudgetGate,
        /** The global control group (none: nobody is held out). */
        private readonly controlSource?: GlobalControlSource,
    ) {
        this.serviceSteps = buildSteps(config.serviceChannels, config);
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
            busy: 0,
            throttled: 0,
        };
        let seen = 0;
        /** The earliest moment a step this run deferred for the send rate may go. */
        let throttledUntil: Date | null = null;
        // Read afresh every run: a policy saved in the admin UI applies from the next run, on every instance.
        const policy = await this.policySource.current();
        const globalControl = (await this.controlSource?.current()) ?? null;
        for (const status of ['waiting', 'pending'] as const)
            for (;;) {
                const size = Math.min(this.config.dispatch.pageSize, limit - seen);
                if (size <= 0) return counts;
                const now = this.clock();
                const claim: PageClaim = {
                    token: randomBytes(12).toString('hex'),
                    leaseUntil: new Date(now.getTime() + SEND_LEASE_MS),
                };
                const page = await this.repos.cascades.claimDue(
                    status,
                    now,
                    size,
                    claim.token,
                    claim.leaseUntil,
                );
                if (!page.length) {
                    // Steps deferred for the send rate whose window opens soon go in this run.
                    if (status === 'waiting' || !throttledUntil) break;
                    const wait = throttledUntil.getTime() - now.getTime();
                    throttledUntil = null;
                    if (wait < 0 || wait > this.config.dispatch.rateWaitMs) break;
                    await sleep(wait + 5);
                    continue;
                }
                seen += page.length;
                const deferredUntil = await this.runPage(page, claim, counts, policy, globalControl);
                if (deferredUntil && (!throttledUntil || deferredUntil < throttledUntil))
                    throttledUntil = deferredUntil;
                await touch?.();
            }
        return counts;
    }

    private async runPage(
        page: readonly Cascade[],
        claim: PageClaim,
        counts: DispatchCounts,
        policy: ContactPolicySettings,
        globalControl: GlobalControl | null,
    ): Promise<Date | null> {
        // One moment per page: the policy's zone arithmetic is memoised on it.
        const now = this.clock();
        const loaded = await this.loader.load(page, now);
        const ctx: PageContext = {
            ...loaded,
            now,
            plans: this.campaignPlans(loaded),
            policy,
            budgets: await this.budget?.load(loaded.campaigns),
            globalControl,
        };
        const decided: PageWork = { items: [], sends: [], patches: [] };
        // Decide in order (a customer's earlier message counts against the caps of the later ones) …
        for (const c of page)
            try {
                await this.decide(c, ctx, decided);
            } catch (error) {
                // One broken reminder (a template missing for its channel, bad stored data) must not
                // block the queue behind it: it ends with the error's code, and the rest go on.
                const code = (error as { code?: string }).code ?? 'REFILL_INTERNAL';
                decided.patches.push({
                    c,
                    patch: { status: 'cancelled', outcome: `error:${code}`.slice(0, 64) },
                });
            }
        // … take the providers' send-rate tokens (what does not fit waits for its window) …
        const deferred = this.throttle
            ? await this.throttle.admit(decided.items, now)
            : new Map<number, Date>();
        const work = deferred.size ? withoutDeferred(decided, deferred) : decided;
        counts.throttled += deferred.size;
        const paused = new Map<string, Date>();
        const items = this.throttle
            ? work.items.map((i) => ({ ...i, provider: this.throttle!.guard(i.provider, paused) }))
            : work.items;
        // … send the page in one batch (claimed in one statement, bounded concurrency, under the page's lease) …
        const outcomes = await this.sender.sendMany(items, {
            concurrency: this.config.dispatch.concurrency,
            leaseUntil: claim.leaseUntil,
        });
        await this.rememberBlocked(items, outcomes, now);
        for (const s of work.sends)
            work.patches.push({
                c: s.c,
                patch: afterSend(s, outcomes[s.item], now, counts, this.reportsDelivery(s.step.channel)),
            });
        // … and record where every cascade stands in multi-row statements.
        await this.db.transaction((tx) =>
            this.repos.cascades.updateMany(
                tx,
                work.patches.map(({ c, patch }) => ({ cascade: c, patch })),
                now,
            ),
        );
        for (const { patch } of work.patches)
            if (patch.status && FINAL.has(patch.status)) counts[patch.status as keyof DispatchCounts]++;
        if (ctx.budgets) await this.budget?.record(ctx.budgets, loaded.campaigns, now);
        let earliest: Date | null = null;
        for (const until of deferred.values()) if (!earliest || until < earliest) earliest = until;
        return earliest;
    }

    /** Plans one cascade's next move into `work`: an end, a skipped channel's record, or a send. */
    private async decide(c: Cascade, ctx: PageContext, work: PageWork): Promise<void> {
        const now = ctx.now;
        const customer = ctx.customers.get(c.customerId);
        const campaign = c.campaignId !== null ? ctx.campaigns.get(c.campaignId) : undefined;
        const end = (status: Cascade['status'], outcome: string): void => {
            work.patches.push({ c, patch: { status, outcome } });
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
        if (campaign && ctx.budgets?.stops(campaign.id, 0)) return end('cancelled', 'budget');
        const plan = planStep({
            steps,
            from,
            usable: (s) => usableChannel(ctx, c, customer, s.channel),
            now,
            deadline: c.deadlineAt,
            zone: zoneOf(ctx, customer.id, this.timezone),
            window: ctx.policy.window,
            reliableChannel: this.config.reliableChannel,
        });
        if (plan.action === 'expired') return end('expired', 'deadline');
        for (const skipped of plan.skipped)
            work.items.push(this.skippedRecord(c, customer, steps[skipped], skipped, ctx));
        if (plan.action === 'exhausted') return end('exhausted', 'no_channel');
        const step = steps[plan.step];
        const channel = step.channel as Channel;
        const attempt = plan.step === c.step && c.status === 'pending' ? c.attempt : 0;
        const verdict = this.verdict(c, customer, channel, ctx, now);
        if (campaign && ctx.budgets && verdict.decision === 'send') {
            const estimate = this.budget!.estimate(channel);
            if (ctx.budgets.stops(campaign.id, estimate)) return end('cancelled', 'budget');
            ctx.budgets.spend(campaign.id, estimate);
        }
        const message =
            verdict.decision === 'send'
                ? withSender((await this.composer.compose(c, customer, channel, ctx)).message, campaign)
                : { channel, to: '', text: '' };
        // Counted now, so the customer's next cascade in this page sees it against the caps.
        if (verdict.decision === 'send') ctx.counts.get(customer.id)?.add(channel, c.traffic, now);
        work.sends.push({
            c,
            step,
            index: plan.step,
            attempt,
            waitMinutes: plan.waitMinutes,
            verdict,
            item: work.items.length,
        });
        work.items.push({
            request: {
                key: stepMessageKey(c.cascadeKey, plan.step),
                attempts: attempt,
                customerId: customer.id,
                campaignId: c.campaignId,
                chainId: c.chainId ?? null,
                kind: c.kind,
                step: plan.step,
                traffic: c.traffic,
                verdict,
                message,
            },
            provider: this.providers.get(channel) as ChannelProvider,
        });
    }

    /**
     * Remembers the customers whose Telegram bot answered "blocked by the
     * user" (403), so their next cascades skip Telegram instead of trying it
     * first every time (until a new chat id).
     */
    private async rememberBlocked(
        items: ReadonlyArray<{ request: SendRequest }>,
        outcomes: ReadonlyArray<{ outcome: string; code?: string }>,
        now: Date,
    ): Promise<void> {
        const blocked = items
            .filter(
                (item, i) =>
                    item.request.message.channel === 'telegram' &&
                    outcomes[i]?.outcome === 'failed' &&
                    outcomes[i]?.code === 'CHANNEL_BLOCKED',
            )
            .map((item) => item.request.customerId);
        if (blocked.length) await this.repos.customers?.markUnreachable?.(this.db, blocked, 'telegram', now);
    }

    /** Whether the channel's provider reports delivery (otherwise acceptance is all there is to wait for). */
    private reportsDelivery(channel: string): boolean {
        return isChannel(channel) && Boolean(this.providers.get(channel)?.parseStatusCallback);
    }

    /** The contact policy's verdict for this step, with the counts and the campaign's exclusions. */
    private verdict(
        c: Cascade,
        customer: Customer,
        channel: Channel,
        ctx: PageContext,
        now: Date,
    ): ContactVerdict {
        const plan = c.campaignId !== null ? ctx.plans.get(c.campaignId) : undefined;
        const testCards = plan?.testCards ?? null;
        const globalTest = this.config.testCards;
        const allowed =
            (testCards === null || testCards.includes(customer.cardNumber)) &&
            (!globalTest.length || globalTest.includes(customer.cardNumber));
        return decideContact(
            {
                channel,
                traffic: c.traffic,
                ...customerFacts(ctx, c, customer, channel, this.timezone),
                segment:
                    c.campaignId !== null ? ctx.segments.get(`${c.campaignId}:${customer.id}`) : undefined,
                excludedSegments: plan?.excludedSegments,
                testModeAllows: allowed,
                inGlobalControl: inGlobalControl(ctx.globalControl ?? null, customer.id),
            },
            now,
            ctx.policy,
        );
    }

    /** The record of why a step was passed over (no consent or no contact), so support can answer "why no SMS?". */
    private skippedRecord(
        c: Cascade,
        customer: Customer,
        step: CascadeStep,
        index: number,
        ctx: CascadeContext,
    ): PageWork['items'][number] {
        const channel = step.channel as Channel;
        return {
            request: {
                key: `${c.cascadeKey}:${index}:skip`,
                customerId: customer.id,
                campaignId: c.campaignId,
                chainId: c.chainId ?? null,
                kind: c.kind,
                step: index,
                traffic: c.traffic,
                verdict: {
                    decision: 'drop',
                    reason: consentedTo(ctx, customer.id, channel, c.traffic) ? 'no_contact' : 'no_consent',
                },
                message: { channel, to: '', text: '' },
            },
            provider: this.providers.get(channel) as ChannelProvider,
        };
    }

    /** The cascade's steps: its campaign's, or the service channels cheapest first. */
    private steps(c: Cascade, ctx: PageContext): CascadeStep[] {
        const fromCampaign = c.campaignId !== null ? ctx.plans.get(c.campaignId)?.steps : undefined;
        if (fromCampaign) return fromCampaign;
        // A chain's send step may name its channels (cheapest first among them).
        const only = c.chainId != null ? chainChannelsOf(c.payload) : null;
        return only ? this.chainSteps(only.join(',')) : this.serviceSteps;
    }

    /**
     * Each campaign's messaging settings, read once per page: its explicit
     * steps or its channels cheapest first, the segments it leaves out, and
     * its test-mode cards.
     */
    private campaignPlans(ctx: CascadeContext): Map<number, CampaignPlan> {
        const plans = new Map<number, CampaignPlan>();
        for (const [id, campaign] of ctx.campaigns) {
            plans.set(id, {
                steps: campaignSteps(campaign, this.config),
                excludedSegments: campaignCascade(campaign).excludedSegments,
                testCards: campaignTestCards(campaign),
            });
        }
        return plans;
    }
}
