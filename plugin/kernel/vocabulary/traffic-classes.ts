/**
 * What a message is for. `marketing`: offers and reminders of them (caps,
 * quiet hours and marketing consent apply; STOP replies and unsubscribe links
 * withdraw it). `service`: what the customer needs to know about their own
 * bonuses (expiry, balance, welcome), which follows the service consent.
 */
export const TRAFFIC_CLASSES = ['marketing', 'service'] as const;

/** One of {@link TRAFFIC_CLASSES}. */
export type TrafficClass = (typeof TRAFFIC_CLASSES)[number];
