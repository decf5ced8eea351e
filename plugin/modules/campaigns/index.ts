/**
 * The campaigns module's door: everything other modules and the composition level
 * may use. Nothing else in `plugin/modules/campaigns/` is imported from outside it
 * (see README.md here and CONTRIBUTING.md).
 */
/** Entity: customers left out of a campaign (`refill_campaign_exclusions`). */
export { type CampaignExclusion, CampaignExclusionEntity } from './entities/campaign-exclusion.entity.js';
/** Entity: campaign members with their test/control group (`refill_campaign_members`). */
export { type CampaignMember, CampaignMemberEntity } from './entities/campaign-member.entity.js';
/** Entity: daily selection runs (`refill_campaign_runs`). */
export { type CampaignRun, CampaignRunEntity } from './entities/campaign-run.entity.js';
/** Entity: campaigns and their design (`refill_campaigns`). */
export { type Campaign, CampaignEntity, type CampaignStatus } from './entities/campaign.entity.js';
/** Entity: personal offers (`refill_offers`). */
export { type Offer, OfferEntity } from './entities/offer.entity.js';
/** Query: the daily selection's candidates (also the catalog's lapse-days reader). */
export { CampaignCandidateQuery } from './repositories/campaign-candidate.query.js';
/** Repository: campaign exclusions. */
export { CampaignExclusionRepository } from './repositories/campaign-exclusion.repository.js';
/** Query: a campaign's member list pages. */
export { CampaignMemberListQuery } from './repositories/campaign-member-list.query.js';
/** Repository: campaign members. */
export { CampaignMemberRepository } from './repositories/campaign-member.repository.js';
/** Query: a customer's offers and campaign memberships (the store desk). */
export { CustomerCampaignsQuery } from './repositories/customer-campaigns.query.js';
/** Query: a campaign's messaging counts for its report. */
export { CampaignMessagingQuery } from './repositories/campaign-messaging.query.js';
/** Query: a campaign's report sums. */
export { CampaignReportQuery } from './repositories/campaign-report.query.js';
/** Repository: selection runs. */
export { CampaignRunRepository } from './repositories/campaign-run.repository.js';
/** Repository: campaigns. */
export { type CampaignFields, CampaignRepository } from './repositories/campaign.repository.js';
/** Query: lapse history for campaign planning. */
export { LapseHistoryQuery } from './repositories/lapse-history.query.js';
/** Repository: personal offers (the sale reads and redeems them). */
export { OfferRepository } from './repositories/offer.repository.js';
/** The campaigns' part of a customer's balance answer (customers' ActiveOffersReader port). */
export { CampaignOffersReader } from './services/active-offers.reader.js';
/** Campaign design: the view, and the pure readers of its channels, cascade and test cards. */
export {
    campaignCascade,
    campaignChannels,
    type CampaignDesign,
    campaignTestCards,
    type CampaignView,
} from './services/campaign-design.js';
/** Service: a campaign's member list and audited CSV export. */
export { CampaignMembersService } from './services/campaign-members.service.js';
/** Service: the history a plan is computed from. */
export { CampaignPlanHistoryService } from './services/campaign-plan-history.service.js';
/** Service: campaign plans (power, forecast, money), of a stored campaign or an unsaved design. */
export {
    type CampaignPlan,
    CampaignPlanningService,
    type SendTimeEstimate,
    type SendTimeEstimator,
} from './services/campaign-planning.service.js';
/** The units of the plan and of the editor's estimate, by JSON path. */
export { ESTIMATE_UNITS, PLAN_UNITS } from './services/campaign-report.units.js';
/** The pre-launch bill: messages by channel × cost and expected offer bonuses. */
export { campaignBill, type CampaignBill, offerBonusPerConverter } from './stats/campaign-bill.stats.js';
/** Service: campaign reports (uplift, iROAS). */
export { type CampaignReport, CampaignReportService } from './services/campaign-report.service.js';
/** Service: the daily selection and assignment (publishes MemberAssigned), and dry runs. */
export { CampaignSelectionService, type SelectionSummary } from './services/campaign-selection.service.js';
/** Service: campaign lifecycle (create, update, start, pause, stop; audited). */
export { CampaignService } from './services/campaign.service.js';
/** Service: the store desk's read of a customer's offers and campaign memberships. */
export { CustomerCampaignsService } from './services/customer-campaigns.service.js';
/** Service: personal offers granted by hand. */
export { OfferService } from './services/offer.service.js';
/** Admin API: campaign body schemas. */
export { createCampaignBody } from './routes/campaign.schemas.js';
/** Admin API: campaign routes and their table. */
export {
    adminCampaignRoutes,
    adminCampaignRouteTable,
    type CampaignApiServices,
} from './routes/campaigns.routes.js';
/** Admin API: a campaign's timeline (its audited steps) and its table. */
export {
    adminCampaignTimelineRoutes,
    adminCampaignTimelineRouteTable,
    type CampaignTimelineServices,
} from './routes/campaign-timeline.routes.js';
/** Admin API: the store desk's offers and campaigns routes of a customer, and their table. */
export {
    adminCustomerCampaignRoutes,
    adminCustomerCampaignRouteTable,
} from './routes/admin-customer-campaigns.routes.js';
/** Job definitions: the daily campaigns job and the selection tasks. */
export {
    type CampaignJobDeps,
    campaignsDailyJob,
    campaignSelectPartTask,
    campaignSelectTask,
} from './jobs/campaign-jobs.js';
export {
    inGlobalControl,
    parseGlobalControl,
    GLOBAL_CONTROL_SETTING,
    GLOBAL_CONTROL_MAX_BP,
    type GlobalControl,
} from './rules/global-control.rules.js';
/** The deterministic test/control hash (v2): chains assign their holdout with it. */
export { assignGroup, hashBucket } from './stats/assignment.rules.js';
/** Statistics the chains' reports reuse: the SRM check, the uplift tests and the money table. */
export { srmCheck, type SrmResult } from './stats/srm.stats.js';
export { compareMeans, compareProportions, type Estimate, type UpliftResult } from './stats/uplift.stats.js';
export { type GroupSums, proportionSums } from './stats/group-sums.js';
export { campaignMoney, type CampaignMoney, type Interval } from './stats/money.stats.js';
