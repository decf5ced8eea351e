import type { Clock } from '../../../kernel/clock.js';
import type { Database } from '../../../kernel/db/database.js';
import type { SettingRepository } from '../../../kernel/db/setting.repository.js';
import type { AuditRepository } from '../../admin/index.js';
import type { ContactPolicySettings } from './contact-policy.js';
import {
    editableContactPolicySchema,
    policyMeaning,
    policyValues,
    type EditableContactPolicy,
} from './contact-policy.values.js';

/** The `refill_settings` row that holds the stored policy (JSON of {@link StoredPolicy}). */
export const CONTACT_POLICY_SETTING = 'messaging.contact_policy';

/** What the settings row holds: the values, who saved them and when. */
interface StoredPolicy {
    policy: EditableContactPolicy;
    updatedBy: string;
    updatedAt: string;
}

/** The policy as the admin API shows it: current values, defaults, meanings, who changed it last. */
export interface ContactPolicyView {
    policy: EditableContactPolicy;
    defaults: EditableContactPolicy;
    /** Whether a saved policy overrides the options (false: the options apply). */
    customised: boolean;
    updatedBy: string | null;
    updatedAt: Date | null;
    values: Array<{ path: string; value: number | string; default: number | string; meaning: string }>;
}

/**
 * The contact policy at run time: the options give the defaults, a marketer
 * may save other values (validated, audited with before and after), and the
 * sender reads the policy afresh at the start of every dispatch run (one
 * small read per run, no cache), so a change applies from the next run on
 * every instance. A stored value that no longer validates is ignored in
 * favour of the options.
 */
export class ContactPolicyService {
    constructor(
        private readonly db: Database,
        private readonly settings: SettingRepository,
        private readonly audit: AuditRepository,
        private readonly defaults: EditableContactPolicy,
        private readonly clock: Clock,
    ) {}

    /** The policy the sender applies now. */
    async current(): Promise<ContactPolicySettings> {
        const stored = await this.stored();
        return { ...(stored?.policy ?? this.defaults), serviceInWindow: true };
    }

    /** The policy with its defaults and the meaning of every value. */
    async view(): Promise<ContactPolicyView> {
        const stored = await this.stored();
        const policy = stored?.policy ?? this.defaults;
        const defaults = new Map(policyValues(this.defaults).map((v) => [v.path, v.value]));
        return {
            policy,
            defaults: this.defaults,
            customised: stored !== null,
            updatedBy: stored?.updatedBy ?? null,
            updatedAt: stored ? new Date(stored.updatedAt) : null,
            values: policyValues(policy).map((v) => ({
                ...v,
                default: defaults.get(v.path) ?? v.value,
                meaning: policyMeaning(v.path, v.value, policy),
            })),
        };
    }

    /** Saves a validated policy and its audit entry in one transaction; used from the next dispatch run. */
    async save(policy: EditableContactPolicy, actor: string): Promise<ContactPolicyView> {
        await this.db.transaction(async (tx) => {
            const now = this.clock();
            const before = await this.stored();
            const row: StoredPolicy = { policy, updatedBy: actor, updatedAt: now.toISOString() };
            await this.settings.set(CONTACT_POLICY_SETTING, JSON.stringify(row), now, tx);
            await this.audit.append(
                tx,
                {
                    actor,
                    action: 'contact_policy.save',
                    entityType: 'contact_policy',
                    entityId: 'messaging',
                    details: { before: before?.policy ?? this.defaults, after: policy },
                },
                now,
            );
        });
        return this.view();
    }

    /** The saved policy, or null when none is saved or it no longer validates. */
    private async stored(): Promise<StoredPolicy | null> {
        const raw = await this.settings.get(CONTACT_POLICY_SETTING);
        if (!raw) return null;
        try {
            const parsed = JSON.parse(raw) as StoredPolicy;
            const { error, value } = editableContactPolicySchema.validate(parsed.policy, { convert: false });
            return error ? null : { ...parsed, policy: value };
        } catch {
            return null;
        }
    }
}
