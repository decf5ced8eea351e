import type { BatchStatus, CampaignStatus } from '../../api/campaign-types';
import type { Role } from '../../api/contract';
import type { Tone } from '../../app/status-badge';
import type { MessageId } from '../../i18n/messages';

/** Whether `role` may change a campaign (launch, approve, kill…): admins and marketers. */
export function canControl(role: Role | undefined): boolean {
    return role === 'admin' || role === 'marketer';
}

/** Whether two recorded actors are one person (the API compares normalised usernames). */
export function samePerson(a: string | null | undefined, b: string | null | undefined): boolean {
    return Boolean(a && b && a.trim().toLowerCase() === b.trim().toLowerCase());
}

/** The tone of a campaign's status badge. */
export const CAMPAIGN_TONE: Record<CampaignStatus, Tone> = {
    draft: 'neutral',
    scheduled: 'info',
    active: 'ok',
    paused: 'warn',
    finished: 'neutral',
};

/** The name of a campaign status (the shell's words). */
export const CAMPAIGN_STATUS: Record<CampaignStatus, MessageId> = {
    draft: 'campaignStatus.draft',
    scheduled: 'campaignStatus.scheduled',
    active: 'campaignStatus.active',
    paused: 'campaignStatus.paused',
    finished: 'campaignStatus.finished',
};

/** The tone of a run's status in the send guard. */
export const BATCH_TONE: Record<BatchStatus, Tone> = {
    awaiting_approval: 'warn',
    canary: 'info',
    canary_failed: 'bad',
    released: 'ok',
    killed: 'neutral',
};

/** The name of a run's status in the send guard. */
export const BATCH_STATUS: Record<BatchStatus, MessageId> = {
    awaiting_approval: 'campaign.batch.awaiting_approval',
    canary: 'campaign.batch.canary',
    canary_failed: 'campaign.batch.canary_failed',
    released: 'campaign.batch.released',
    killed: 'campaign.batch.killed',
};
