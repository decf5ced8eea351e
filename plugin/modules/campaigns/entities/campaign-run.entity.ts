import { EntitySchema } from 'typeorm';
import type { Campaign } from './campaign.entity.js';
import { int, str, text, time } from '../../../kernel/db/entity-columns.js';

/**
 * One part (a customer-id range) of one campaign's daily selection: how
 * many candidates it saw, how many it assigned to each group, and how many
 * it excluded for each reason. Re-running a part replaces its row.
 */
export interface CampaignRun {
    campaignId: number;
    day: string;
    part: number;
    parts: number;
    /** `running`, `done` or `skipped` (seasonal month, paused). */
    status: string;
    candidates: number;
    assignedTest: number;
    assignedControl: number;
    alreadyMembers: number;
    /** JSON object: exclusion reason → count. */
    exclusions: string | null;
    startedAt: Date;
    finishedAt: Date | null;
    /** The related row, when loaded through TypeORM relations. */
    campaign?: Campaign;
}

/** TypeORM schema of {@link CampaignRun}. */
export const CampaignRunEntity = new EntitySchema<CampaignRun>({
    name: 'RefillCampaignRun',
    tableName: 'refill_campaign_runs',
    columns: {
        campaignId: { ...int('campaign_id'), primary: true },
        day: { ...str('day', 10), primary: true },
        part: { ...int('part'), primary: true },
        parts: int('parts'),
        status: str('status', 12),
        candidates: int('candidates', false, 0),
        assignedTest: int('assigned_test', false, 0),
        assignedControl: int('assigned_control', false, 0),
        alreadyMembers: int('already_members', false, 0),
        exclusions: text('exclusions'),
        startedAt: time('started_at'),
        finishedAt: time('finished_at', true),
    },
    relations: {
        campaign: {
            type: 'many-to-one',
            target: 'RefillCampaign',
            joinColumn: { name: 'campaign_id' },
            onDelete: 'CASCADE',
        },
    },
});
