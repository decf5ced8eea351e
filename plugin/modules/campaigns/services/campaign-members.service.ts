import { stringify } from 'csv-stringify/sync';
import type { Database } from '../../../kernel/db/database.js';
import { maskCard } from '../../../kernel/logging/logger.js';
import type { AuditRepository } from '../../admin/index.js';
import type {
    CampaignMemberListQuery,
    MemberFilter,
    MemberOutcome,
} from '../repositories/campaign-member-list.query.js';
import type { CampaignService } from './campaign.service.js';
import type { Clock } from '../../../kernel/clock.js';

/** A member as the paginated list shows it: the card masked to its last four digits. */
export type MemberView = Omit<MemberOutcome, 'cardNumber' | 'assignedAt' | 'windowEndsAt'> & {
    /** `****1234`: the list never shows whole card numbers (the audited export does). */
    card: string;
    assignedAt: string;
    windowEndsAt: string;
};

/** One page of the member list. */
export interface MemberPage {
    members: MemberView[];
    page: number;
    pageSize: number;
    /** Members matching the filter. */
    total: number;
}

/** The export's columns; money in minor currency units, as the header says. */
export const MEMBER_CSV_HEADER = [
    'card',
    'group',
    'assignment_day',
    'assigned_at_utc',
    'window_ends_at_utc',
    'mature',
    'converted',
    'revenue_in_window_minor_units',
    'offer_used',
];

/**
 * The members of a campaign for marketers and support: a paginated list
 * (any admin role; cards masked to their last four digits, an exact card
 * can be looked up) and a CSV export of every member with whole card numbers
 * (the routes allow it to admins and marketers), each export recorded in
 * the audit log with who, which campaign, the filter and the row count.
 */
export class CampaignMembersService {
    constructor(
        private readonly db: Database,
        private readonly query: CampaignMemberListQuery,
        private readonly campaigns: CampaignService,
        private readonly audit: AuditRepository,
        private readonly clock: Clock,
    ) {}

    /** One page of members in customer-id order (page 1 first). */
    async page(
        campaignId: number,
        filter: MemberFilter,
        page: number,
        pageSize: number,
    ): Promise<MemberPage> {
        const campaign = await this.campaigns.find(campaignId);
        const now = this.clock();
        const [total, rows] = await Promise.all([
            this.query.count(campaign.id, filter),
            this.query.page(campaign.id, campaign.categoryId, now, filter, (page - 1) * pageSize, pageSize),
        ]);
        return {
            members: rows.map((m) => {
                const { cardNumber, assignedAt, windowEndsAt, ...rest } = m;
                return {
                    card: maskCard(cardNumber),
                    ...rest,
                    assignedAt: assignedAt.toISOString(),
                    windowEndsAt: windowEndsAt.toISOString(),
                };
            }),
            page,
            pageSize,
            total,
        };
    }

    /**
     * Starts an export: records it in the audit log first (so an export
     * broken off midway is on record too), then yields the CSV in chunks,
     * header first, with whole card numbers.
     */
    async export(
        campaignId: number,
        filter: MemberFilter,
        actor: string,
    ): Promise<{ campaignCode: string; rows: number; chunks: AsyncGenerator<string> }> {
        const campaign = await this.campaigns.find(campaignId);
        const now = this.clock();
        const rows = await this.query.count(campaign.id, filter);
        await this.db.transaction((tx) =>
            this.audit.append(
                tx,
                {
                    actor,
                    action: 'campaign.members.export',
                    entityType: 'campaign',
                    entityId: String(campaign.id),
                    details: {
                        rows,
                        group: filter.group ?? 'all',
                        card: filter.cardNumber === undefined ? null : maskCard(filter.cardNumber),
                        cards: 'whole',
                    },
                },
                now,
            ),
        );
        const query = this.query;
        async function* chunks(): AsyncGenerator<string> {
            yield stringify([MEMBER_CSV_HEADER]);
            for await (const page of query.all(campaign.id, campaign.categoryId, now, filter))
                yield stringify(
                    page.map((m) => [
                        m.cardNumber,
                        m.group,
                        m.assignmentDay,
                        m.assignedAt.toISOString(),
                        m.windowEndsAt.toISOString(),
                        String(m.mature),
                        String(m.converted),
                        m.revenueInWindow,
                        m.offerUsed === null ? '' : String(m.offerUsed),
                    ]),
                );
        }
        return { campaignCode: campaign.code, rows, chunks: chunks() };
    }
}
