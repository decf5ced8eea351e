import type { Translate } from '../../i18n/locale-provider';
import { isMessageId } from '../../i18n/messages';
import type { Role } from '../../api/contract';

/**
 * An API value in words: `word(t, 'channel', 'sms')` is the message
 * `channel.sms`, or the value itself when the UI has no word for it yet
 * (a new kind the API learned after this build).
 */
export function word(t: Translate, group: string, value: string): string {
    const id = `${group}.${value}`;
    return isMessageId(id) ? t(id) : value;
}

/** Whether a role works the store desk (the API checks too; the others only read). */
export function canActAtDesk(role: Role | undefined): boolean {
    return role === 'admin' || role === 'manager';
}

/** The card page's path for a card number. */
export function cardPath(cardNumber: string): string {
    return `/customers/${encodeURIComponent(cardNumber)}`;
}
