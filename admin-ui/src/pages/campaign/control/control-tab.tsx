import { Alert, Stack } from '@mantine/core';
import type { CampaignDetail } from '../../../api/campaign-types';
import { useSession } from '../../../api/session';
import { useT } from '../../../i18n/locale-provider';
import { canControl } from '../campaign-words';
import { CampaignControls } from './campaign-controls';
import { RunsSection } from './runs-section';
import { TimelineSection } from './timeline-section';

/** Launch and control: the lifecycle and kill switch (admins and marketers), the runs, the timeline. */
export function ControlTab({ campaign }: { campaign: CampaignDetail }) {
    const t = useT();
    const role = useSession().data?.user.role;
    return (
        <Stack gap="md">
            {canControl(role) ? (
                <CampaignControls campaign={campaign} />
            ) : (
                <Alert color="gray" variant="light" role="note">
                    {t('campaign.readOnly')}
                </Alert>
            )}
            <RunsSection campaign={campaign} />
            <TimelineSection campaignId={campaign.id} />
        </Stack>
    );
}
