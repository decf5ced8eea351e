import { Alert, Button, Group, Paper, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import {
    type CampaignChannel,
    type CampaignDesignBody,
    usePreviewMessage,
    useTestSend,
} from '../../../api/campaigns';
import { errorMessage } from '../../../app/error-state';
import { useT } from '../../../i18n/locale-provider';

/** What a step's preview needs from the editor. */
export interface PreviewContext {
    /** The design as it stands (null while it cannot be estimated: no category or channel yet). */
    design: CampaignDesignBody | null;
    /** The saved campaign being edited, if any. */
    campaignId: number | null;
    /** The saved campaign's test cards (a test send goes only to one of them). */
    testCards: string[];
    /** Whether the user may preview and send (not the read-only analyst). */
    canAct: boolean;
}

/** A step's message rendered for a real customer, and a test send to a test card. */
export function StepPreview({
    channel,
    card,
    context,
}: {
    channel: CampaignChannel;
    card: string;
    context: PreviewContext;
}) {
    const t = useT();
    const preview = usePreviewMessage();
    const send = useTestSend(context.campaignId ?? 0);
    const [testCard, setTestCard] = useState<string | null>(context.testCards[0] ?? null);
    const shown = preview.data;
    const ask = () =>
        context.design &&
        preview.mutate({
            design: context.design,
            channel,
            ...(context.campaignId ? { campaignId: context.campaignId } : {}),
            ...(card ? { card } : {}),
        });
    const sendTest = () =>
        testCard &&
        send.mutate(
            { channel, card: testCard },
            {
                onSuccess: () =>
                    notifications.show({
                        color: 'teal',
                        message: t('campaigns.editor.testSent', { card: testCard }),
                    }),
            },
        );
    return (
        <Stack gap="xs">
            <Group gap="sm" align="flex-end" wrap="wrap">
                <Button
                    size="xs"
                    variant="light"
                    onClick={ask}
                    loading={preview.isPending}
                    disabled={!context.canAct || !context.design}
                >
                    {t('campaigns.editor.preview', { channel: t(`channel.${channel}`) })}
                </Button>
                {context.campaignId !== null && context.testCards.length > 0 && (
                    <>
                        <Select
                            size="xs"
                            w={180}
                            label={t('campaigns.editor.testCard')}
                            data={context.testCards}
                            value={testCard}
                            onChange={setTestCard}
                            disabled={!context.canAct}
                        />
                        <Button
                            size="xs"
                            variant="default"
                            onClick={sendTest}
                            loading={send.isPending}
                            disabled={!context.canAct || !testCard}
                        >
                            {t('campaigns.editor.sendTest')}
                        </Button>
                    </>
                )}
            </Group>
            {context.campaignId === null && (
                <Text size="xs" c="dimmed">
                    {t('campaigns.editor.testAfterSave')}
                </Text>
            )}
            {context.campaignId !== null && context.testCards.length === 0 && (
                <Text size="xs" c="dimmed">
                    {t('campaigns.editor.noTestCards')}
                </Text>
            )}
            {(preview.isError || send.isError) && (
                <Alert color="red" role="alert" p="xs">
                    {errorMessage(preview.error ?? send.error, t)}
                </Alert>
            )}
            {shown && (
                <Paper
                    withBorder
                    p="sm"
                    bg="gray.0"
                    aria-label={t('campaigns.editor.previewOf', { channel: t(`channel.${channel}`) })}
                    role="region"
                >
                    <Text size="xs" c="dimmed">
                        {t('campaigns.editor.previewFor', {
                            card: shown.customer.card,
                            name: shown.customer.name ?? '—',
                            source: shown.source,
                        })}
                        {!shown.reachable && ` · ${t('campaigns.editor.unreachable')}`}
                        {shown.sms && ` · ${t('campaigns.editor.segments', { count: shown.sms.segments })}`}
                    </Text>
                    {shown.subject && (
                        <Text fw={600} size="sm">
                            {shown.subject}
                        </Text>
                    )}
                    <Text size="sm" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
                        {shown.text}
                    </Text>
                </Paper>
            )}
        </Stack>
    );
}
