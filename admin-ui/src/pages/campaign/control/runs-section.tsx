import { Alert, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useCampaignControl, useCampaignSends } from '../../../api/campaign';
import type { CampaignDetail, SendBatchView } from '../../../api/campaign-types';
import { useSession } from '../../../api/session';
import { Loaded } from '../../../app/list-parts';
import { StatusBadge } from '../../../app/status-badge';
import { useFormat } from '../../../format/use-format';
import { useT } from '../../../i18n/locale-provider';
import { BATCH_STATUS, BATCH_TONE, canControl, samePerson } from '../campaign-words';
import { Section } from '../section';
import { ControlError } from './control-error';
import { RunReview } from './run-review';

/** One run: its state, the review while it waits for approval, and approve or release for those who may. */
function RunCard({ campaign, batch }: { campaign: CampaignDetail; batch: SendBatchView }) {
    const t = useT();
    const f = useFormat();
    const user = useSession().data?.user;
    const control = useCampaignControl(campaign.id);
    const launcher = campaign.launchedBy ?? campaign.createdBy;
    const mayControl = canControl(user?.role);
    const ownLaunch = samePerson(user?.username, launcher);
    const waiting = batch.status === 'awaiting_approval';
    const held = batch.status === 'canary' || batch.status === 'canary_failed';
    const act = (kind: 'approve' | 'release', done: string) =>
        control.mutate(
            { kind, day: batch.runDay },
            { onSuccess: () => notifications.show({ color: 'teal', message: done }) },
        );
    return (
        <Paper
            withBorder
            p="md"
            component="article"
            aria-label={t('campaign.run', { day: f.day(batch.runDay) })}
        >
            <Stack gap="sm">
                <Group justify="space-between" gap="xs">
                    <Group gap="xs">
                        <Text fw={600}>{t('campaign.run', { day: f.day(batch.runDay) })}</Text>
                        <StatusBadge tone={BATCH_TONE[batch.status]}>
                            {t(BATCH_STATUS[batch.status])}
                        </StatusBadge>
                    </Group>
                    <Text size="sm" c="dimmed">
                        {t('campaign.runSize', { count: batch.recipients })}
                        {batch.canarySize > 0 && ` · ${t('campaign.runCanary', { count: batch.canarySize })}`}
                    </Text>
                </Group>
                {batch.approvedBy && batch.approvedAt && (
                    <Text size="sm">
                        {t('campaign.approvedBy', {
                            who: batch.approvedBy,
                            time: f.dateTime(batch.approvedAt),
                        })}
                    </Text>
                )}
                {batch.status === 'canary' && batch.canaryUntil && (
                    <Text size="sm">
                        {t('campaign.canaryUntil', { time: f.dateTime(batch.canaryUntil) })}
                    </Text>
                )}
                {batch.status === 'canary_failed' && (
                    <Alert color="red" role="alert">
                        {batch.note ?? t('campaign.batch.canary_failed')}
                    </Alert>
                )}
                {waiting && (
                    <>
                        <Alert color="yellow" variant="light" role="note">
                            {t('campaign.awaitingExplain', { who: launcher })}
                        </Alert>
                        <RunReview campaignId={campaign.id} day={batch.runDay} />
                    </>
                )}
                {mayControl && waiting && (
                    <Group gap="sm" align="center">
                        <Button
                            onClick={() => act('approve', t('campaign.approveDone'))}
                            loading={control.isPending}
                            disabled={ownLaunch}
                            aria-describedby={ownLaunch ? `own-launch-${batch.runDay}` : undefined}
                        >
                            {t('campaign.approve')}
                        </Button>
                        {ownLaunch && (
                            <Text size="sm" id={`own-launch-${batch.runDay}`}>
                                {t('campaign.ownLaunch')}
                            </Text>
                        )}
                    </Group>
                )}
                {mayControl && held && (
                    <Group gap="sm">
                        <Button
                            onClick={() => act('release', t('campaign.releaseDone'))}
                            loading={control.isPending}
                        >
                            {t('campaign.release')}
                        </Button>
                        <Text size="sm" c="dimmed">
                            {t('campaign.releaseExplain')}
                        </Text>
                    </Group>
                )}
                <ControlError error={control.error} />
            </Stack>
        </Paper>
    );
}

/** The campaign's daily runs as the send guard sees them, newest first. */
export function RunsSection({ campaign }: { campaign: CampaignDetail }) {
    const t = useT();
    const sends = useCampaignSends(campaign.id);
    return (
        <Section title={t('campaign.runs')}>
            <Loaded query={sends}>
                {() =>
                    sends.data!.batches.length === 0 ? (
                        <Text size="sm" c="dimmed">
                            {t('campaign.noRuns')}
                        </Text>
                    ) : (
                        <Stack gap="sm">
                            {sends.data!.batches.map((b) => (
                                <RunCard key={b.runDay} campaign={campaign} batch={b} />
                            ))}
                        </Stack>
                    )
                }
            </Loaded>
        </Section>
    );
}
