import type { Tone } from '../../app/status-badge';

/** The statuses the log's filter offers, in the order a message goes through them. */
export const FILTER_STATUSES = ['held', 'dropped', 'sending', 'sent', 'delivered', 'read', 'failed'] as const;

/** The kinds of message the filter offers (the API's vocabulary). */
export const MESSAGE_KINDS = [
    'lapse-offer',
    'offer-expiry',
    'bonus-expiry',
    'welcome',
    'balance',
    'second-purchase',
    'winback',
    'wonback-thanks',
] as const;

/** The channels, in the API's order. */
export const CHANNELS = ['sms', 'email', 'push', 'telegram', 'viber', 'whatsapp'] as const;

/** How a message status looks: delivered is good, held a warning, failed bad. */
export function statusTone(status: string): Tone {
    if (status === 'delivered' || status === 'read') return 'ok';
    if (status === 'held') return 'warn';
    if (status === 'failed') return 'bad';
    if (status === 'dropped') return 'neutral';
    return 'info';
}

/** The log's filter keys as the URL keeps them (`message`: the message open in the drawer). */
export const LOG_URL_KEYS = [
    'card',
    'campaignId',
    'channel',
    'status',
    'kind',
    'from',
    'to',
    'message',
] as const;
