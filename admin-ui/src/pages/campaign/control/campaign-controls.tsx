import { Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Link } from 'react-router';
import { type CampaignControl, useCampaignControl } from '../../../api/campaign';
import type { CampaignDetail, CampaignStatus } from '../../../api/campaign-types';
import { ConfirmModal } from '../../../app/dialog-parts';
import { useT } from '../../../i18n/locale-provider';
import type { MessageId } from '../../../i18n/messages';
import { Section } from '../section';
import { ControlError } from './control-error';
import { KillDialog } from './kill-dialog';

type Move = 'launch' | 'pause' | 'resume' | 'finish';

/** The moves each status allows (the API's rule), in the order the buttons show. */
const MOVES: Record<CampaignStatus, Move[]> = {
    draft: ['launch'],
    scheduled: ['pause', 'finish'],
    active: ['pause', 'finish'],
    paused: ['resume', 'finish'],
    finished: [],
};

const MOVE_WORDS: Record<Move, { label: MessageId; explain: MessageId; done: MessageId }> = {
    launch: {
        label: 'campaign.move.launch',
        explain: 'campaign.move.launchExplain',
        done: 'campaign.move.launchDone',
    },
    pause: {
        label: 'campaign.move.pause',
        explain: 'campaign.move.pauseExplain',
        done: 'campaign.move.pauseDone',
    },
    resume: {
        label: 'campaign.move.resume',
        explain: 'campaign.move.resumeExplain',
        done: 'campaign.move.resumeDone',
    },
    finish: {
        label: 'campaign.move.finish',
        explain: 'campaign.move.finishExplain',
        done: 'campaign.move.finishDone',
    },
};

/**
 * Launch, pause, resume and finish the campaign (each confirmed first, each
 * audited), and its sends' kill switch (with a required reason) and resume.
 * Shown to admins and marketers only.
 */
export function CampaignControls({ campaign }: { campaign: CampaignDetail }) {
    const t = useT();
    const control = useCampaignControl(campaign.id);
    const [asked, setAsked] = useState<Move | 'kill' | 'resumeSends' | null>(null);
    const close = () => {
        setAsked(null);
        control.reset();
    };
    const run = (what: CampaignControl, done: string) =>
        control.mutate(what, {
            onSuccess: () => {
                notifications.show({ color: 'teal', message: done });
                setAsked(null);
            },
        });
    const move = asked && asked !== 'kill' && asked !== 'resumeSends' ? asked : null;
    const live = campaign.status !== 'draft' && campaign.status !== 'finished';
    return (
        <Section title={t('campaign.controls')}>
            <Stack gap="sm">
                <Group gap="sm">
                    {MOVES[campaign.status].map((m) => (
                        <Button
                            key={m}
                            variant={m === 'launch' ? 'filled' : 'default'}
                            onClick={() => setAsked(m)}
                        >
                            {t(MOVE_WORDS[m].label)}
                        </Button>
                    ))}
                    {campaign.status !== 'finished' && (
                        <Button component={Link} to={`/campaigns/${campaign.id}/edit`} variant="default">
                            {t('campaign.editDesign')}
                        </Button>
                    )}
                    {live && !campaign.sends.killed && (
                        <Button color="red.9" onClick={() => setAsked('kill')}>
                            {t('campaign.kill.open')}
                        </Button>
                    )}
                    {campaign.sends.killed && (
                        <Button variant="default" onClick={() => setAsked('resumeSends')}>
                            {t('campaign.resumeSends')}
                        </Button>
                    )}
                </Group>
                {campaign.status === 'finished' && (
                    <Text size="sm" c="dimmed">
                        {t('campaign.finishedNoControls')}
                    </Text>
                )}
            </Stack>
            {move && (
                <ConfirmModal
                    opened
                    title={t(MOVE_WORDS[move].label)}
                    confirmLabel={t(MOVE_WORDS[move].label)}
                    color={move === 'finish' ? 'red.9' : undefined}
                    loading={control.isPending}
                    onConfirm={() => run({ kind: move }, t(MOVE_WORDS[move].done))}
                    onClose={close}
                >
                    <Stack gap="sm">
                        <Text size="sm">{t(MOVE_WORDS[move].explain)}</Text>
                        <Text size="sm" c="dimmed">
                            {t('campaign.audited')}
                        </Text>
                        <ControlError error={control.error} />
                    </Stack>
                </ConfirmModal>
            )}
            {asked === 'resumeSends' && (
                <ConfirmModal
                    opened
                    title={t('campaign.resumeSends')}
                    confirmLabel={t('campaign.resumeSends')}
                    loading={control.isPending}
                    onConfirm={() => run({ kind: 'resumeSends' }, t('campaign.resumeSendsDone'))}
                    onClose={close}
                >
                    <Stack gap="sm">
                        <Text size="sm">{t('campaign.resumeSendsExplain')}</Text>
                        <ControlError error={control.error} />
                    </Stack>
                </ConfirmModal>
            )}
            <KillDialog
                opened={asked === 'kill'}
                pending={control.isPending}
                error={control.error}
                onKill={(reason) => run({ kind: 'kill', reason }, t('campaign.kill.done'))}
                onClose={close}
            />
        </Section>
    );
}
