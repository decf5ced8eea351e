/**
 * What an audit entry is about (`refill_audit_log.entity_type`), one
 * snake_case spelling each. Entries written before this list existed may
 * spell `admin_token` as `admin-token`: read them through
 * {@link canonicalAuditEntityType}; stored rows are never rewritten.
 */
export const AUDIT_ENTITY_TYPES = [
    'admin_user',
    'admin_token',
    'pos_key',
    'store',
    'category',
    'customer',
    'campaign',
    'template',
    'contact_policy',
    'channel',
    'job',
    'lifecycle',
    'chain',
    'program',
    'segment',
] as const;

/** One of {@link AUDIT_ENTITY_TYPES}. */
export type AuditEntityType = (typeof AUDIT_ENTITY_TYPES)[number];

/** Spellings older versions stored, with the one used now. */
export const LEGACY_AUDIT_ENTITY_TYPES: Readonly<Record<string, AuditEntityType>> = {
    'admin-token': 'admin_token',
};

/** A stored entity type in today's spelling (an unknown one is returned as it is). */
export function canonicalAuditEntityType(stored: string): string {
    return LEGACY_AUDIT_ENTITY_TYPES[stored] ?? stored;
}
