import { normalisePhone } from './phone.js';

/**
 * What a person at the store desk typed into the customer search, read as
 * they meant it:
 *
 * - `recent`: nothing typed; the newest customers.
 * - `email`: it contains `@`; an exact, case-insensitive e-mail (stored lower case).
 * - `cardOrPhone`: digits only; a card number exactly, or the phone number
 *   the digits make in the chain's country (`89123456789` → `+79123456789`),
 *   when they make one.
 * - `phone`: a phone number in any format (`+7 912 345-67-89`, `8 (912) 3456789`), in E.164.
 * - `card`: a card number with letters or dashes (`AB-1234`).
 * - `name`: anything else; the start of a name, compared by {@link nameSearchKey}.
 */
export type CustomerQuery =
    | { kind: 'recent' }
    | { kind: 'email'; email: string }
    | { kind: 'cardOrPhone'; card: string; phone: string | null }
    | { kind: 'phone'; phone: string }
    | { kind: 'card'; card: string }
    | { kind: 'name'; prefix: string };

/** Characters a phone number is written with: digits, spaces, `+ - ( ) .`. */
const PHONE_CHARS = /^\+?[\d\s().-]+$/;
/** A card number: 4 to 64 letters, digits or dashes (the POS's rule). */
const CARD = /^[A-Za-z0-9-]{4,64}$/;

/**
 * The key names are searched by: trimmed, inner runs of spaces made one,
 * lower case in every script (SQLite's own `lower()` and `NOCASE` fold
 * ASCII only) and `ё` read as `е`, as Russian is often typed. A stored
 * name's key is kept beside it (`refill_customers.name_search`).
 */
export function nameSearchKey(name: string): string {
    return name.trim().replace(/\s+/g, ' ').toLowerCase().replace(/ё/g, 'е');
}

/** Reads a search as typed ({@link CustomerQuery}); phones without a country code are `defaultCountry`'s. */
export function classifyCustomerQuery(typed: string | undefined, defaultCountry: string): CustomerQuery {
    const q = (typed ?? '').trim();
    if (!q) return { kind: 'recent' };
    if (q.includes('@')) return { kind: 'email', email: q.toLowerCase() };
    if (/^\d+$/.test(q)) return { kind: 'cardOrPhone', card: q, phone: normalisePhone(q, defaultCountry) };
    if (PHONE_CHARS.test(q) && /\d/.test(q)) {
        const phone = normalisePhone(q, defaultCountry);
        if (phone) return { kind: 'phone', phone };
    }
    if (CARD.test(q) && /\d/.test(q)) return { kind: 'card', card: q };
    return { kind: 'name', prefix: nameSearchKey(q) };
}
