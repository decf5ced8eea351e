import {
    ActionIcon,
    Group,
    MultiSelect,
    NumberInput,
    Paper,
    Select,
    SimpleGrid,
    Stack,
    Text,
    TextInput,
} from '@mantine/core';
import type { ChainStepCount } from '../../../api/chain-types';
import {
    BRANCH_CONDITIONS,
    CHAIN_CHANNELS,
    CHAIN_EVENTS,
    CHAIN_KINDS,
    LIFECYCLE_SEGMENTS,
} from '../../../api/chain-types';
import { useChain } from '../../../app/chain-provider';
import { useFormat } from '../../../format/use-format';
import { useT } from '../../../i18n/locale-provider';
import { word } from '../chain-words';
import { type ChainForm, useOptions } from './chain-sections';

/** Runs standing on the step now and runs that passed it, test and holdout. */
function LiveCount({ count }: { count: ChainStepCount | undefined }) {
    const t = useT();
    const f = useFormat();
    if (!count) return null;
    return (
        <Text size="xs" c="dimmed" aria-label={t('chains.step.liveLabel')}>
            {t('chains.step.live', {
                at: f.count(count.at.test),
                atHoldout: f.count(count.at.holdout),
                passed: f.count(count.passed.test),
                passedHoldout: f.count(count.passed.holdout),
            })}
        </Text>
    );
}

/** Props of {@link StepCard}. */
export interface StepCardProps {
    form: ChainForm;
    index: number;
    count: ChainStepCount | undefined;
    onMove(to: number): void;
    onRemove(): void;
}

/** One step of the chain: its number, type, id and live count, moves, and the inputs of its type. */
export function StepCard({ form, index, count, onMove, onRemove }: StepCardProps) {
    const t = useT();
    const { currency } = useChain();
    const steps = form.values.steps;
    const step = steps[index];
    const at = (field: string) => form.getInputProps(`steps.${index}.${field}`);
    const kinds = useOptions('kind', CHAIN_KINDS);
    const channels = useOptions('channel', CHAIN_CHANNELS);
    const events = useOptions('event', CHAIN_EVENTS);
    const conditions = useOptions('condition', BRANCH_CONDITIONS);
    const segments = useOptions('segment', LIFECYCLE_SEGMENTS);
    const targets: { value: string; label: string }[] = [];
    steps.forEach((s, i) => {
        if (i === index || !s.id || targets.some((x) => x.value === s.id)) return;
        targets.push({ value: s.id, label: `${i + 1}. ${word(t, 'stepType', s.type)} · ${s.id}` });
    });
    const title = t('chains.step.title', { n: index + 1, type: word(t, 'stepType', step.type) });
    const stepError = form.errors[`steps.${index}`];
    return (
        <Paper withBorder p="sm" radius="md" component="li" aria-label={title}>
            <Stack gap="xs">
                <Group justify="space-between" align="flex-start" wrap="nowrap">
                    <div>
                        <Text fw={600}>{title}</Text>
                        <LiveCount count={count} />
                    </div>
                    <Group gap={4} wrap="nowrap">
                        <ActionIcon
                            variant="default"
                            disabled={index === 0}
                            onClick={() => onMove(index - 1)}
                            aria-label={t('chains.step.up', { n: index + 1 })}
                        >
                            ↑
                        </ActionIcon>
                        <ActionIcon
                            variant="default"
                            disabled={index === steps.length - 1}
                            onClick={() => onMove(index + 1)}
                            aria-label={t('chains.step.down', { n: index + 1 })}
                        >
                            ↓
                        </ActionIcon>
                        <ActionIcon
                            variant="default"
                            c="red.9"
                            onClick={onRemove}
                            aria-label={t('chains.step.remove', { n: index + 1 })}
                        >
                            ✕
                        </ActionIcon>
                    </Group>
                </Group>
                {stepError && (
                    <Text size="sm" c="red.9" role="alert">
                        {stepError}
                    </Text>
                )}
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                    <TextInput
                        label={t('chains.step.id')}
                        description={t('chains.step.idHint')}
                        {...at('id')}
                    />
                    {step.type === 'send' && (
                        <Select
                            label={t('chains.step.kind')}
                            data={kinds}
                            allowDeselect={false}
                            {...at('kind')}
                        />
                    )}
                    {step.type === 'wait' && (
                        <NumberInput
                            label={t('chains.step.hours')}
                            min={1}
                            allowDecimal={false}
                            {...at('hours')}
                        />
                    )}
                    {step.type === 'branch' && (
                        <Select
                            label={t('chains.step.condition')}
                            data={conditions}
                            allowDeselect={false}
                            {...at('condition')}
                        />
                    )}
                    {step.type === 'grant' && (
                        <NumberInput
                            label={t('chains.step.bonus', { currency })}
                            min={0}
                            decimalScale={2}
                            {...at('bonus')}
                        />
                    )}
                </SimpleGrid>
                {step.type === 'send' && (
                    <SimpleGrid cols={{ base: 1, sm: 2 }}>
                        <MultiSelect
                            label={t('chains.step.channels')}
                            description={t('chains.step.channelsHint')}
                            data={channels}
                            {...at('channels')}
                        />
                        <NumberInput
                            label={t('chains.step.deadlineHours')}
                            description={t('chains.step.deadlineHint')}
                            min={1}
                            allowDecimal={false}
                            {...at('deadlineHours')}
                        />
                    </SimpleGrid>
                )}
                {step.type === 'wait' && (
                    <Select
                        label={t('chains.step.until')}
                        placeholder={t('chains.step.untilNone')}
                        clearable
                        data={events}
                        {...at('until')}
                    />
                )}
                {step.type === 'branch' && (
                    <>
                        <SimpleGrid cols={{ base: 1, sm: 2 }}>
                            <NumberInput
                                label={t('chains.step.withinHours')}
                                min={1}
                                allowDecimal={false}
                                {...at('withinHours')}
                            />
                            {step.condition === 'entered-segment' && (
                                <Select
                                    label={t('chains.step.segment')}
                                    data={segments}
                                    allowDeselect={false}
                                    {...at('segment')}
                                />
                            )}
                        </SimpleGrid>
                        <SimpleGrid cols={{ base: 1, sm: 2 }}>
                            <Select
                                label={t('chains.step.then')}
                                placeholder={t('chains.step.next')}
                                clearable
                                data={targets}
                                {...at('then')}
                            />
                            <Select
                                label={t('chains.step.otherwise')}
                                placeholder={t('chains.step.next')}
                                clearable
                                data={targets}
                                {...at('otherwise')}
                            />
                        </SimpleGrid>
                    </>
                )}
                {step.type === 'grant' && (
                    <NumberInput
                        label={t('chains.step.lifetimeDays')}
                        min={1}
                        max={730}
                        allowDecimal={false}
                        {...at('lifetimeDays')}
                    />
                )}
            </Stack>
        </Paper>
    );
}
