import type { ContactVerdictView, CustomerMessageView } from '../../../api/contract';
import type { Formatters } from '../../../format/use-format';
import type { Translate } from '../../../i18n/locale-provider';
import { isMessageId } from '../../../i18n/messages';
import { word } from '../desk-words';

/** The rule that held a message, in words (`SMS daily cap 3/3`), or null for a rule this build does not know. */
function holdRule(verdict: ContactVerdictView, channel: string, t: Translate): string | null {
    const id = `verdict.hold.${verdict.reason ?? ''}`;
    if (!isMessageId(id)) return null;
    return t(id, {
        channel,
        used: verdict.used ?? 0,
        cap: verdict.cap ?? 0,
        minutes: verdict.gapMinutes ?? 0,
    });
}

/**
 * Why the customer did or did not get a message, in the UI's language:
 * "sent", "not sent: no SMS consent", "held: SMS daily cap 3/3, next allowed
 * 5 Dec, 09:00 (…customer's time)". Falls back to the API's English
 * explanation for a decision this build has no words for.
 */
export function verdictText(
    message: Pick<CustomerMessageView, 'channel' | 'verdict' | 'explanation'>,
    customerTimezone: string | null,
    t: Translate,
    f: Formatters,
): string {
    const v = message.verdict;
    if (!v) return message.explanation ?? '—';
    const channel = word(t, 'channel', message.channel);
    if (v.decision === 'send') {
        return v.waived
            ? t('verdict.sendWaived', { channel, used: v.waived.used, cap: v.waived.cap })
            : t('verdict.send');
    }
    if (v.decision === 'drop') {
        const id = `verdict.drop.${v.reason ?? ''}`;
        return isMessageId(id) ? t(id, { channel }) : (message.explanation ?? v.reason ?? '—');
    }
    const rule = holdRule(v, channel, t);
    if (!rule) return message.explanation ?? '—';
    const next = v.nextAllowedAt ? f.dateTime(v.nextAllowedAt, v.timezone ?? customerTimezone) : '—';
    return t('verdict.hold', { rule, next });
}
