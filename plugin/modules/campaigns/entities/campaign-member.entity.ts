import { EntitySchema } from 'typeorm';
import type { Campaign } from './campaign.entity.js';
import type { Customer } from '../../customers/index.js';
import { bigInt, int, str, time } from '../../../kernel/db/entity-columns.js';

/**
 * A customer's one assignment in a campaign, written once and never changed:
 * the group (test or control), the hash bucket it came from, and the
 * attribution window both groups are measured in.
 */
export interface CampaignMember {
    campaignId: number;
    customerId: number;
    group: 'test' | 'control';
    bucket: number;
    /** `lapsed` or `regular`. */
    segment: string;
    assignedAt: Date;
    /** Local date (chain timezone) of the assignment, `YYYY-MM-DD`. */
    assignmentDay: string;
    /** Assignment + offer validity + settlement lag: conversions count before it. */
    windowEndsAt: Date;
    daysSinceLast: number | null;
    medianIntervalDays: number | null;
    /** The related row, when loaded through TypeORM relations. */
    campaign?: Campaign;
    /** The related row, when loaded through TypeORM relations. */
    customer?: Customer;
}

/** TypeORM schema of {@link CampaignMember}. */
export const CampaignMemberEntity = new EntitySchema<CampaignMember>({
    name: 'RefillCampaignMember',
    tableName: 'refill_campaign_members',
    columns: {
        campaignId: { ...int('campaign_id'), primary: true },
        customerId: { ...bigInt('customer_id'), primary: true },
        group: str('group_name', 8),
        bucket: int('bucket'),
        segment: str('segment', 8),
        assignedAt: time('assigned_at'),
        assignmentDay: str('assignment_day', 10),
        windowEndsAt: time('window_ends_at'),
        daysSinceLast: int('days_since_last', true),
        medianIntervalDays: int('median_interval_days', true),
    },
    relations: {
        campaign: {
            type: 'many-to-one',
            target: 'RefillCampaign',
            joinColumn: { name: 'campaign_id' },
            onDelete: 'CASCADE',
        },
        customer: {
            type: 'many-to-one',
            target: 'RefillCustomer',
            joinColumn: { name: 'customer_id' },
            onDelete: 'RESTRICT',
        },
    },
    indices: [
        { name: 'IDX_refill_campaign_members_day', columns: ['campaignId', 'assignmentDay'] },
        { name: 'IDX_refill_campaign_members_customer', columns: ['customerId'] },
    ],
});
