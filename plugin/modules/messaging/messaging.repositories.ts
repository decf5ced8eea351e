import type { SettingRepository } from '../../kernel/db/setting.repository.js';
import type { AdminTokenRepository, AuditRepository } from '../admin/index.js';
import type { CampaignRepository, CampaignRunRepository, OfferRepository } from '../campaigns/index.js';
import type { ConsentRepository, CustomerRepository } from '../customers/index.js';
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
