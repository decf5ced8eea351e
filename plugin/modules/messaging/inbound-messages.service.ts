import {
    CUSTOMER_OPT_OUT_SOURCES,
    normalisePhone,
    type ConsentRepository,
    type CustomerRepository,
} from '../customers/index.js';
import type { Database } from '../../kernel/db/database.js';
import { RefillError } from '../../kernel/errors/refill-error.js';
import type { Clock } from '../../kernel/clock.js';
import type { CascadeRepository } from './repositories/cascade.repository.js';
import type { MessageRepository } from './repositories/message.repository.js';
import { ChannelError, type ChannelProvider } from './channels/channel-provider.js';
import { isChannel, type Channel } from '../../kernel/vocabulary/channels.js';
import type { LinkSigner } from './link-signer.js';
import type { EventBus } from '../../kernel/events/event-bus.js';
import { inEventTransaction } from '../../kernel/events/event-transaction.js';

/** The repository methods {@link InboundMessagesService} calls (the composition root passes its bag). */
export interface InboundMessagesPorts {
    cascades: Pick<CascadeRepository, 'completeByMessage' | 'hurryByMessage'>;
    consents: Pick<ConsentRepository, 'record' | 'separateService'>;
    customers: Pick<CustomerRepository, 'findByIds' | 'idsByPhone' | 'lockByIds'>;
    messages: Pick<MessageRepository, 'applyStatus' | 'keyOf'>;
}

/** Words that withdraw SMS marketing consent when a customer replies with them (Russian and English). */
const STOP_WORDS = /^\s*(stop|unsubscribe|cancel|end|quit|стоп|отписаться|отписка|отказ)(?![\p{L}\p{N}])/iu;

/**
 * What comes back from the outside: delivery reports (they complete or
 * hurry the cascades waiting on them), unsubscribe links and STOP replies
 * (they withdraw the channel's marketing consent, recorded in the consent
 * history with its source; service messages such as bonus-expiry notices
 * follow their own consent and keep coming). Every entry point is
 * authenticated by a signed token.
 */
export class InboundMessagesService {
    constructor(
        private readonly db: Database,
        private readonly repos: InboundMessagesPorts,
        private readonly providers: Map<Channel, ChannelProvider>,
        private readonly links: LinkSigner,
        private readonly defaultCountry: string,
        private readonly clock: Clock,
        /** Where the withdrawal is said (`MarketingWithdrawn`, in its transaction); none in unit tests. */
        private readonly events: EventBus | null = null,
    ) {}

    /** The URLs to give the chain's gateways, per channel (status callbacks) and for SMS replies. */
    async endpoints(publicUrl = ''): Promise<Record<string, string>> {
        const base = publicUrl.replace(/\/$/, '');
        const out: Record<string, string> = {};
        for (const [channel, provider] of this.providers)
            if (provider.parseStatusCallback)
                out[`status:${channel}`] =
                    `${base}/messaging/v1/status/${channel}/${await this.links.endpointToken(`status:${channel}`)}`;
        out['inbound:sms'] =
            `${base}/messaging/v1/inbound/sms/${await this.links.endpointToken('inbound:sms')}`;
        return out;
    }

    /** Applies a provider's delivery report; returns how many messages changed. */
    async statusCallback(
        channel: string,
        token: string,
        request: { headers: Record<string, unknown>; body: unknown },
    ): Promise<{ updated: number }> {
        const provider = isChannel(channel) ? this.providers.get(channel) : undefined;
        if (!provider?.parseStatusCallback || !(await this.links.verifyEndpoint(`status:${channel}`, token)))
            throw new RefillError('REFILL_NOT_FOUND', 'No such callback');
        let updates;
        try {
            updates = provider.parseStatusCallback(request);
        } catch (error) {
            if (error instanceof ChannelError && error.code === 'CHANNEL_AUTH')
                throw new RefillError('REFILL_UNAUTHORIZED', error.message);
            throw new RefillError('REFILL_VALIDATION', 'The callback body cannot be read', [
                { path: 'body', message: (error as Error).message },
            ]);
        }
        let updated = 0;
        const now = this.clock();
        for (const u of updates) {
            const n = await this.repos.messages.applyStatus(
                provider.id,
                u.providerMessageId,
                u.status,
                u.reason ?? null,
                now,
            );
            updated += n;
            if (!n) continue;
            const key = await this.repos.messages.keyOf(provider.id, u.providerMessageId);
            if (!key) continue;
            if (u.status === 'failed') await this.repos.cascades.hurryByMessage(key, now);
            else await this.repos.cascades.completeByMessage(key, u.status, now);
        }
        return { updated };
    }

    /** What an unsubscribe link stands for (the confirmation page shows the channel); 404 when forged. */
    async unsubscribeTarget(token: string) {
        const target = await this.links.verifyUnsubscribe(token);
        if (!target) throw new RefillError('REFILL_NOT_FOUND', 'This unsubscribe link is not valid');
        return target;
    }

    /** Withdraws the marketing consent of the channel an unsubscribe link names (idempotent). */
    async unsubscribe(token: string): Promise<{ channel: string }> {
        const target = await this.unsubscribeTarget(token);
        if (!(await this.repos.customers.findByIds(this.db, [target.customerId])).length)
            throw new RefillError('REFILL_NOT_FOUND', 'This unsubscribe link is not valid');
        await this.withdraw([target.customerId], target.channel, 'unsubscribe-link');
        return { channel: target.channel };
    }

    /** A reply to an SMS: STOP words withdraw SMS marketing consent of every customer with that phone. */
    async inboundSms(token: string, from: string, text: string): Promise<{ unsubscribed: number }> {
        if (!(await this.links.verifyEndpoint('inbound:sms', token)))
            throw new RefillError('REFILL_NOT_FOUND', 'No such endpoint');
        if (!STOP_WORDS.test(text)) return { unsubscribed: 0 };
        const phone = normalisePhone(from, this.defaultCountry);
        if (!phone)
            throw new RefillError('REFILL_VALIDATION', 'Invalid request', [
                { path: 'from', message: 'is not a valid phone number' },
            ]);
        const ids = await this.repos.customers.idsByPhone(this.db, phone);
        await this.withdraw(ids, 'sms', 'stop-reply');
        return { unsubscribed: ids.length };
    }

    private async withdraw(
        customerIds: readonly number[],
        channel: string,
        source: (typeof CUSTOMER_OPT_OUT_SOURCES)[number],
    ): Promise<void> {
        if (!customerIds.length) return;
        const now = this.clock();
        await inEventTransaction(this.db, this.events, async (tx, publish) => {
            // Customer rows first, as every write path does, so a till's concurrent update sees this.
            await this.repos.customers.lockByIds(tx, customerIds);
            // Service consent followed marketing until now: it keeps what it was.
            await this.repos.consents.separateService(tx, customerIds, [channel]);
            await this.repos.consents.record(
                tx,
                customerIds.map((customerId) => ({
                    customerId,
                    channel,
                    granted: false,
                    changedAt: now,
                    source,
                })),
                now,
                'marketing',
            );
            await publish('MarketingWithdrawn', { customerIds, channel, source, withdrawnAt: now });
        });
    }
}
