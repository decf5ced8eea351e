import { ActionIcon, Button, Group, NumberInput, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { CampaignChannel, CampaignEstimate } from '../../../api/campaigns';
import { useFormat } from '../../../format/use-format';
import { useT } from '../../../i18n/locale-provider';
import type { DesignForm } from './design-sections';
import { FormSection } from './form-section';
import { StepPreview, type PreviewContext } from './step-preview';

const CHANNELS: readonly CampaignChannel[] = ['push', 'telegram', 'email', 'viber', 'whatsapp', 'sms'];

/**
 * The reminder cascade: its steps in order (each a channel, the wait for
 * delivery before the next, the lapse-offer template of that channel with a
 * preview for a real customer), ordered by cost on request.
 */
export function CascadeSection({
    form,
    estimate,
    preview,
}: {
    form: DesignForm;
    estimate: CampaignEstimate | undefined;
    preview: PreviewContext;
}) {
    const t = useT();
    const f = useFormat();
    const [card, setCard] = useState('');
    const steps = form.values.steps;
    const unused = CHANNELS.filter((c) => !steps.some((s) => s.channel === c));
    const cost = (channel: string) => estimate?.steps.find((s) => s.channel === channel)?.costPerMessage;
    const orderByCost = () =>
        form.setFieldValue(
            'steps',
            [...steps].sort((a, b) => (cost(a.channel) ?? Infinity) - (cost(b.channel) ?? Infinity)),
        );
    const move = (from: number, to: number) => form.reorderListItem('steps', { from, to });
    return (
        <FormSection title={t('campaigns.editor.cascade')} hint={t('campaigns.editor.cascadeHint')}>
            {form.errors.steps && (
                <Text c="red.8" size="sm" role="alert">
                    {form.errors.steps}
                </Text>
            )}
            {steps.map((step, i) => {
                const price = cost(step.channel);
                return (
                    <Paper key={step.channel} withBorder p="sm" radius="sm">
                        <Stack gap="xs">
                            <Group justify="space-between" wrap="wrap" gap="xs">
                                <Text fw={600}>
                                    {t('campaigns.editor.step', {
                                        n: i + 1,
                                        channel: t(`channel.${step.channel}`),
                                    })}
                                </Text>
                                <Group gap={4}>
                                    <ActionIcon
                                        variant="default"
                                        aria-label={t('campaigns.editor.stepUp', { n: i + 1 })}
                                        disabled={i === 0}
                                        onClick={() => move(i, i - 1)}
                                    >
                                        ↑
                                    </ActionIcon>
                                    <ActionIcon
                                        variant="default"
                                        aria-label={t('campaigns.editor.stepDown', { n: i + 1 })}
                                        disabled={i === steps.length - 1}
                                        onClick={() => move(i, i + 1)}
                                    >
                                        ↓
                                    </ActionIcon>
                                    <ActionIcon
                                        variant="default"
                                        color="red"
                                        aria-label={t('campaigns.editor.stepRemove', { n: i + 1 })}
                                        disabled={steps.length === 1}
                                        onClick={() => form.removeListItem('steps', i)}
                                    >
                                        ×
                                    </ActionIcon>
                                </Group>
                            </Group>
                            <Group align="flex-end" gap="md" wrap="wrap">
                                <NumberInput
                                    w={200}
                                    label={t('campaigns.editor.wait', { n: i + 1 })}
                                    min={0.1}
                                    max={336}
                                    decimalScale={1}
                                    {...form.getInputProps(`steps.${i}.waitHours`)}
                                />
                                <Text size="sm" c="dimmed">
                                    {price === undefined
                                        ? t('campaigns.editor.costUnknown')
                                        : t('campaigns.editor.costPerMessage', { cost: f.money(price) })}
                                    {' · '}
                                    {t('campaigns.editor.template', { channel: step.channel })}
                                </Text>
                            </Group>
                            <StepPreview channel={step.channel} card={card} context={preview} />
                        </Stack>
                    </Paper>
                );
            })}
            <Group align="flex-end" gap="sm" wrap="wrap">
                <Select
                    w={220}
                    label={t('campaigns.editor.addChannel')}
                    placeholder={t('campaigns.editor.addChannelPick')}
                    data={unused.map((c) => ({ value: c, label: t(`channel.${c}`) }))}
                    value={null}
                    onChange={(c) => c && form.insertListItem('steps', { channel: c, waitHours: 24 })}
                    disabled={unused.length === 0}
                />
                <Button variant="default" onClick={orderByCost} disabled={!estimate || steps.length < 2}>
                    {t('campaigns.editor.orderByCost')}
                </Button>
                <TextInput
                    w={260}
                    label={t('campaigns.editor.previewCard')}
                    description={t('campaigns.editor.previewCardHint')}
                    value={card}
                    onChange={(e) => setCard(e.currentTarget.value.trim())}
                />
            </Group>
        </FormSection>
    );
}
