/**
 * Every action the audit log records (`refill_audit_log.action`): what was
 * done, as `<subject>.<verb>` in snake_case. Entries written before this
 * list existed may hold an older spelling (`admin-token.create`,
 * `customer.card-kind`, `campaign.sends.test-cards`): read them through
 * {@link canonicalAuditAction}; stored rows are never rewritten.
 */
export const AUDIT_ACTIONS = [
    'admin_user.create',
    'admin_user.update',
    'admin_user.password_reset',
    'admin.sign_in',
    'admin.password_change',
    'admin_token.create',
    'admin_token.revoke',
    'pos_key.create',
    'pos_key.revoke',
    'store.upsert',
    'category.upsert',
    'category.rebuild',
    'customer.card_kind',
    'customer.contacts',
    'customer.consent',
    'customer.replace_card',
    'customer.block',
    'customer.unblock',
    'ledger.adjust',
    'template.save',
    'template.remove',
    'contact_policy.save',
    'channel.test_send',
    'campaign.create',
    'campaign.update',
    'campaign.activate',
    'campaign.launch',
    'campaign.pause',
    'campaign.resume',
    'campaign.finish',
    'campaign.members.export',
    'campaign.sends.approve',
    'campaign.sends.release',
    'campaign.sends.kill',
    'campaign.sends.resume',
    'campaign.sends.test_cards',
    'campaign.test_send',
    'job.run',
    'job.pause',
    'job.resume',
    'lifecycle.thresholds',
    'chain.create',
    'chain.update',
    'chain.activate',
    'chain.pause',
    'chain.archive',
    'chain.seed',
    'program.global_control',
    'segment.create',
    'segment.update',
    'segment.archive',
] as const;

/** One of {@link AUDIT_ACTIONS}. */
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Spellings older versions stored, with the one used now. */
export const LEGACY_AUDIT_ACTIONS: Readonly<Record<string, AuditAction>> = {
    'admin-token.create': 'admin_token.create',
    'admin-token.revoke': 'admin_token.revoke',
    'customer.card-kind': 'customer.card_kind',
    'campaign.sends.test-cards': 'campaign.sends.test_cards',
};

/** A stored action in today's spelling (an unknown one is returned as it is). */
export function canonicalAuditAction(stored: string): string {
    return LEGACY_AUDIT_ACTIONS[stored] ?? stored;
}
