import type { Clock } from '../../../kernel/clock.js';
import type { Database } from '../../../kernel/db/database.js';
import type { SettingRepository } from '../../../kernel/db/setting.repository.js';
import { sqlDialect } from '../../../kernel/db/sql-dialect.js';
import type { AuditRepository } from '../../admin/index.js';
import { DEFAULT_LIFECYCLE_THRESHOLDS, type LifecycleThresholds } from '../rules/lifecycle.rules.js';
import { LIFECYCLE_SETTING, lifecycleThresholdsSchema } from './lifecycle-thresholds.values.js';

/** The thresholds as the admin API shows them. */
export interface LifecycleThresholdsView {
    thresholds: LifecycleThresholds;
    defaults: LifecycleThresholds;
    /** Whether saved thresholds override the defaults. */
    customised: boolean;
}

/**
 * The lifecycle thresholds: the defaults, or what an editor saved in
 * `refill_settings` (validated again on read; an invalid stored value
 * falls back to the defaults). A save is audited with before and after, and
 * takes effect at the next run of `segments-daily`.
 */
export class LifecycleSettingsService {
    constructor(
        private readonly db: Database,
        private readonly settings: Pick<SettingRepository, 'get' | 'set'>,
        private readonly audit: Pick<AuditRepository, 'append'>,
        private readonly clock: Clock,
    ) {}

    /** The thresholds in force. */
    async thresholds(): Promise<LifecycleThresholds> {
        return (await this.stored()) ?? { ...DEFAULT_LIFECYCLE_THRESHOLDS };
    }

    /** The thresholds with the defaults. */
    async view(): Promise<LifecycleThresholdsView> {
        const stored = await this.stored();
        return {
            thresholds: stored ?? { ...DEFAULT_LIFECYCLE_THRESHOLDS },
            defaults: { ...DEFAULT_LIFECYCLE_THRESHOLDS },
            customised: stored !== null,
        };
    }

    /** Saves validated thresholds and their audit entry in one transaction. */
    async save(thresholds: LifecycleThresholds, actor: string): Promise<LifecycleThresholdsView> {
        const now = this.clock();
        await this.db.transaction(async (tx) => {
            // The setting's row first, so two saves audit each other's value as `before`.
            const [row] = await tx.all<{ value: string }>(
                `SELECT value FROM refill_settings WHERE name = ?${sqlDialect.forUpdate(tx.dialect)}`,
                [LIFECYCLE_SETTING],
            );
            const before = parse(row?.value ?? null) ?? { ...DEFAULT_LIFECYCLE_THRESHOLDS };
            await this.settings.set(LIFECYCLE_SETTING, JSON.stringify(thresholds), now, tx);
            await this.audit.append(
                tx,
                {
                    actor,
                    action: 'lifecycle.thresholds',
                    entityType: 'lifecycle',
                    entityId: 'thresholds',
                    details: { before, after: thresholds },
                },
                now,
            );
        });
        return this.view();
    }

    private async stored(): Promise<LifecycleThresholds | null> {
        return parse(await this.settings.get(LIFECYCLE_SETTING));
    }
}

/** Stored thresholds, or null when none are stored or they no longer validate. */
function parse(raw: string | null): LifecycleThresholds | null {
    if (!raw) return null;
    try {
        const { error, value } = lifecycleThresholdsSchema.validate(JSON.parse(raw));
        return error ? null : value;
    } catch {
        return null;
    }
}
