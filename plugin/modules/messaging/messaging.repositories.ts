import type { SettingRepository } from '../../kernel/db/setting.repository.js';
import type { AdminTokenRepository } from '../admin/repositories/admin-token.repository.js';
import type { AuditRepository } from '../admin/repositories/audit.repository.js';
import type { CampaignRunRepository } from '../campaigns/repositories/campaign-run.repository.js';
import type { CampaignRepository } from '../campaigns/repositories/campaign.repository.js';
import type { OfferRepository } from '../campaigns/repositories/offer.repository.js';
import type { ConsentRepository } from '../customers/repositories/consent.repository.js';
import type { CustomerRepository } from '../customers/repositories/customer.repository.js';
import type { CascadeRepository } from './repositories/cascade.repository.js';
import type { MessageRepository } from './repositories/message.repository.js';
import type { ReminderCandidateQuery } from './repositories/reminder-candidate.query.js';
import type { SendBatchRepository } from './repositories/send-batch.repository.js';

/** The repositories messaging's services take: its own and the lower modules' (the composition root passes its bag). */
export interface MessagingRepositories {
    adminTokens: AdminTokenRepository;
    audit: AuditRepository;
    campaigns: CampaignRepository;
    cascades: CascadeRepository;
    consents: ConsentRepository;
    customers: CustomerRepository;
    messages: MessageRepository;
    offers: OfferRepository;
    reminders: ReminderCandidateQuery;
    runs: CampaignRunRepository;
    sendBatches: SendBatchRepository;
    settings: SettingRepository;
}
