/**
 * The channels Refill sends through, in the order lists and import files show
 * them (the customers CSV has its `consent_<channel>` columns in this order).
 * Every other channel list is derived from this one.
 */
export const CHANNELS = ['sms', 'email', 'push', 'telegram', 'viber', 'whatsapp'] as const;

/** One of {@link CHANNELS}. */
export type Channel = (typeof CHANNELS)[number];

/** The customer's contact field a channel sends to. */
export type ContactField = 'phone' | 'email' | 'pushToken' | 'telegramChatId';

/** The address each channel sends to: a phone for SMS and the phone messengers. */
export const CHANNEL_CONTACTS: Readonly<Record<Channel, ContactField>> = {
    sms: 'phone',
    email: 'email',
    push: 'pushToken',
    telegram: 'telegramChatId',
    viber: 'phone',
    whatsapp: 'phone',
};

/** Channels a customer grants or withdraws consent for: every channel. */
export const CONSENT_CHANNELS = CHANNELS;

/** One of {@link CONSENT_CHANNELS}. */
export type ConsentChannel = Channel;

/** Channels that send to the customer's phone number. */
export const PHONE_CHANNELS: readonly Channel[] = CHANNELS.filter((c) => CHANNEL_CONTACTS[c] === 'phone');

/** Whether a string names a channel. */
export function isChannel(value: unknown): value is Channel {
    return (CHANNELS as readonly unknown[]).includes(value);
}
