import type { AuditRepository } from '../admin/index.js';
import type { CategoryRebuildRepository } from '../catalog/index.js';
import type { CustomerRepository } from '../customers/index.js';
import type { CampaignCandidateQuery } from './repositories/campaign-candidate.query.js';
import type { CampaignExclusionRepository } from './repositories/campaign-exclusion.repository.js';
import type { CampaignMemberRepository } from './repositories/campaign-member.repository.js';
import type { CampaignRunRepository } from './repositories/campaign-run.repository.js';
import type { CampaignRepository } from './repositories/campaign.repository.js';
import type { OfferRepository } from './repositories/offer.repository.js';

/** The repositories the campaigns' services and jobs take: their own and the lower modules' (the composition root passes its bag). */
export interface CampaignsRepositories {
    audit: AuditRepository;
    campaigns: CampaignRepository;
    candidates: CampaignCandidateQuery;
    customers: CustomerRepository;
    exclusions: CampaignExclusionRepository;
    members: CampaignMemberRepository;
    offers: OfferRepository;
    rebuilds: CategoryRebuildRepository;
    runs: CampaignRunRepository;
}
