import { consentPurposeOf, type Customer } from '../../customers/index.js';
import type { Cascade } from '../entities/cascade.entity.js';
import type { ContactFacts, SentMessage } from '../policy/contact-policy.js';
import type { CascadeContext } from './cascade-context.loader.js';
import { contactFor } from './message-composer.js';

/**
 * Whether the customer consented to messages of this traffic class in
 * `channel`: marketing consent for marketing, service consent for service
 * (a STOP reply withdraws the first only).
 */
export function consentedTo(
    ctx: CascadeContext,
    customerId: number,
    channel: string,
    traffic: string,
): boolean {
    const consents = consentPurposeOf(traffic) === 'service' ? ctx.serviceConsents : ctx.consents;
    return Boolean(consents.get(customerId)?.has(channel));
}

/** Whether a cascade step's channel can reach the customer: consent of the cascade's class, and a contact. */
export function usableChannel(ctx: CascadeContext, c: Cascade, customer: Customer, channel: string): boolean {
    return (
        consentedTo(ctx, customer.id, channel, c.traffic) &&
        Boolean(contactFor(customer, channel)) &&
        !unreachable(customer, channel)
    );
}

/**
 * Whether the customer's contact in `channel` is known not to work: they
 * blocked the Telegram bot, or their email hard-bounced (the cascade skips
 * the channel, recorded as "no contact").
 */
export function unreachable(customer: Customer, channel: string): boolean {
    if (channel === 'telegram') return Boolean(customer.telegramBlockedAt);
    if (channel === 'email') return Boolean(customer.emailUndeliverableAt);
    return false;
}

/** The timezone the customer's messages are timed in (see {@link CascadeContext.zones}). */
export function zoneOf(ctx: CascadeContext, customerId: number, chainZone: string): string {
    return ctx.zones.get(customerId) ?? chainZone;
}

/**
 * What the contact policy needs to know about the customer for one step of
 * a cascade: their zone, consent of the cascade's class and contact in the
 * channel, what they were sent lately (this page's sends included), their
 * last purchase, and the reminder's deadline.
 */
export function customerFacts(
    ctx: CascadeContext,
    c: Cascade,
    customer: Customer,
    channel: string,
    chainZone: string,
): Pick<ContactFacts, 'timezone' | 'consented' | 'hasContact' | 'sent' | 'lastPurchaseAt' | 'deadline'> {
    return {
        timezone: zoneOf(ctx, customer.id, chainZone),
        consented: consentedTo(ctx, customer.id, channel, c.traffic),
        hasContact: Boolean(contactFor(customer, channel)),
        sent: othersThan(c, channel, ctx.counts.get(customer.id)?.recent() ?? []),
        lastPurchaseAt: customer.lastPurchaseAt,
        deadline: c.deadlineAt,
    };
}

/**
 * What the customer was sent, without this cascade's own message in
 * `channel` (`<cascade key>:<step>`): a message a crashed run left claimed or
 * handed over is taken up again under its key, and must not count against
 * itself (its own gap, its own cap).
 */
function othersThan(c: Cascade, channel: string, sent: readonly SentMessage[]): readonly SentMessage[] {
    const prefix = `${c.cascadeKey}:`;
    const own = (s: SentMessage) =>
        s.channel === channel && s.key?.startsWith(prefix) && /^\d+$/.test(s.key.slice(prefix.length));
    return sent.some(own) ? sent.filter((s) => !own(s)) : sent;
}
