/**
 * How many messages a customer may get. Marketing caps count marketing
 * messages; service messages (bonus expiry, balance, welcome) have their
 * own cap, so a day's offers never keep a burn notice back.
 */
export interface ContactCaps {
    /** Marketing messages per channel per local day. */
    daily: Record<string, number>;
    /** Marketing messages per channel in any 7 days (a rolling week). */
    weekly: Record<string, number>;
    /** Marketing messages over every channel: per local day, and in any 7 days. */
    allChannels: { daily: number; weekly: number };
    /** Service messages per channel per local day. */
    serviceDaily: Record<string, number>;
}

/** The defaults: every channel has a daily and a weekly marketing cap, and a service cap. */
export const DEFAULT_CONTACT_CAPS: ContactCaps = {
    daily: { sms: 3, email: 2, push: 3, telegram: 3, viber: 3, whatsapp: 3 },
    weekly: { sms: 5, email: 5, push: 7, telegram: 7, viber: 5, whatsapp: 5 },
    allChannels: { daily: 4, weekly: 10 },
    serviceDaily: { sms: 5, email: 5, push: 10, telegram: 10, viber: 5, whatsapp: 5 },
};
