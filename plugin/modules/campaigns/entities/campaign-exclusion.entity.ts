import { EntitySchema } from 'typeorm';
import type { Campaign } from './campaign.entity.js';
import type { Customer } from '../../customers/index.js';
import { bigInt, int, str } from '../../../kernel/db/entity-columns.js';

/**
 * A customer the daily selection of a campaign excluded for a reason, at
 * least once: written once, with the first day. The report counts distinct
 * excluded customers from these rows; the run rows keep the per-day counts.
 */
export interface CampaignExclusion {
    campaignId: number;
    customerId: number;
    /** An exclusion reason of the selection (`no_channel`, `within_rhythm`, `daily_cap`, …). */
    reason: string;
    /** Local date (chain timezone) of the first run that excluded the customer for this reason. */
    firstDay: string;
    /** The related row, when loaded through TypeORM relations. */
    campaign?: Campaign;
    /** The related row, when loaded through TypeORM relations. */
    customer?: Customer;
}

/** TypeORM schema of {@link CampaignExclusion}. */
export const CampaignExclusionEntity = new EntitySchema<CampaignExclusion>({
    name: 'RefillCampaignExclusion',
    tableName: 'refill_campaign_exclusions',
    columns: {
        campaignId: { ...int('campaign_id'), primary: true },
        customerId: { ...bigInt('customer_id'), primary: true },
        reason: { ...str('reason', 24), primary: true },
        firstDay: str('first_day', 10),
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
});
