/**
 * A fresh idempotency key (a v4 UUID) for one desk action: the dialog makes
 * one when it opens and sends it with every submit, so a double click or a
 * retry after a lost answer applies the change once. `crypto.randomUUID`
 * exists only in secure contexts (HTTPS, localhost); a till's back office on
 * plain HTTP in the store's network gets the same UUID from
 * `crypto.getRandomValues`, which exists everywhere.
 */
export function newIdempotencyKey(): string {
    if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
