import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { CustomerView } from '../services/customer.service.js';

/** What a masked opaque contact (Telegram chat id, push token) shows: that there is one. */
const HIDDEN = '***';

/** Stars for every digit but the last `keep`. */
function starDigits(text: string, keep: number): string {
    let seen = 0;
    const total = text.replace(/\D/g, '').length;
    return text.replace(/\d/g, (d) => (++seen > total - keep ? d : '*'));
}

/**
 * A phone number with only its country code, its first group (area or
 * operator code) and its last two digits: `+79161234567` → `+7 916 ***-**-67`.
 * The grouping is libphonenumber-js's national format for the number's
 * country, without the national prefix and parentheses. Anything that is not
 * a valid number shows at most its last two digits.
 */
export function maskPhone(phone: string): string {
    const parsed = parsePhoneNumberFromString(phone);
    if (!parsed?.isValid()) {
        const digits = phone.replace(/\D/g, '');
        return digits.length > 4 ? `${HIDDEN}${digits.slice(-2)}` : HIDDEN;
    }
    const national = parsed.formatNational();
    // The national number starts where its digits do (after a national prefix such as `8` or `0`).
    const prefixDigits = national.replace(/\D/g, '').length - parsed.nationalNumber.length;
    let index = 0;
    for (let seen = 0; index < national.length; index++)
        if (/\d/.test(national[index]) && seen++ === prefixDigits) break;
    const grouped = national.slice(index).replace(/[()]/g, '').replace(/\s+/g, ' ').trim();
    const [first, ...rest] = grouped.split(' ');
    const tail = rest.join(' ');
    if (!tail) return `+${parsed.countryCallingCode} ${starDigits(first, 2)}`;
    return `+${parsed.countryCallingCode} ${first} ${starDigits(tail, 2)}`;
}

/** An email with the first character of its local part and the domain: `i***@example.com`. */
export function maskEmail(email: string): string {
    const at = email.lastIndexOf('@');
    if (at < 1 || at === email.length - 1) return HIDDEN;
    return `${[...email.slice(0, at)][0]}${HIDDEN}${email.slice(at)}`;
}

/**
 * A customer as a till sees it when contacts are not exposed: phone and
 * email masked, Telegram chat id and push token shown only as being there
 * (`***`). Absent contacts stay null. Everything else is as it is.
 */
export function maskContacts(customer: CustomerView): CustomerView {
    return {
        ...customer,
        phone: customer.phone === null ? null : maskPhone(customer.phone),
        email: customer.email === null ? null : maskEmail(customer.email),
        telegramChatId: customer.telegramChatId === null ? null : HIDDEN,
        pushToken: customer.pushToken === null ? null : HIDDEN,
    };
}
