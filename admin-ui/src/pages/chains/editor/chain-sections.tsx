import {
    MultiSelect,
    NumberInput,
    SegmentedControl,
    Select,
    SimpleGrid,
    Stack,
    Text,
    TextInput,
} from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { CHAIN_EVENTS, LIFECYCLE_SEGMENTS, TRIGGER_TYPES } from '../../../api/chain-types';
import { useSavedSegmentOptions } from '../../../api/chains';
import { useChain } from '../../../app/chain-provider';
import { useT } from '../../../i18n/locale-provider';
import { FormSection } from '../../campaigns/editor/form-section';
import { word } from '../chain-words';
import type { ChainValues } from './chain-form';

/** The form the sections edit. */
export type ChainForm = UseFormReturnType<ChainValues>;

/** Select options of a vocabulary, worded from `chains.<group>.<value>`. */
export function useOptions(group: string, values: readonly string[]) {
    const t = useT();
    return values.map((value) => ({ value, label: word(t, group, value) }));
}

const WEEKDAYS = ['1', '2', '3', '4', '5', '6', '7'] as const;

/** Name, key and the trigger: its type and that type's parameters. */
export function TriggerSection({ form, creating }: { form: ChainForm; creating: boolean }) {
    const t = useT();
    const { currency } = useChain();
    const triggers = useOptions('trigger', TRIGGER_TYPES);
    const segments = useOptions('segment', LIFECYCLE_SEGMENTS);
    const weekdays = useOptions('weekday', WEEKDAYS);
    const saved = useSavedSegmentOptions();
    const type = form.values.triggerType;
    return (
        <FormSection title={t('chains.editor.trigger')} hint={t('chains.editor.triggerHint')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput label={t('chains.editor.name')} required {...form.getInputProps('name')} />
                <TextInput
                    label={t('chains.editor.key')}
                    description={t('chains.editor.keyHint')}
                    required
                    disabled={!creating}
                    {...form.getInputProps('key')}
                />
            </SimpleGrid>
            <Select
                label={t('chains.editor.triggerType')}
                data={triggers}
                allowDeselect={false}
                {...form.getInputProps('triggerType')}
            />
            {type === 'purchase-in-category' && (
                <NumberInput
                    label={t('chains.editor.categoryId')}
                    description={t('chains.editor.categoryIdHint')}
                    min={1}
                    allowDecimal={false}
                    {...form.getInputProps('categoryId')}
                />
            )}
            {type === 'segment-entered' && (
                <Select
                    label={t('chains.editor.segment')}
                    data={segments}
                    allowDeselect={false}
                    {...form.getInputProps('segment')}
                />
            )}
            {type === 'bonuses-burning' && (
                <NumberInput
                    label={t('chains.editor.daysBefore')}
                    min={1}
                    max={90}
                    allowDecimal={false}
                    {...form.getInputProps('daysBefore')}
                />
            )}
            {type === 'balance-crossed' && (
                <NumberInput
                    label={t('chains.editor.amount', { currency })}
                    min={0}
                    decimalScale={2}
                    {...form.getInputProps('amount')}
                />
            )}
            {type === 'schedule' && (
                <Stack gap="sm">
                    <SimpleGrid cols={{ base: 1, sm: 2 }}>
                        <Select
                            label={t('chains.editor.every')}
                            data={[
                                { value: 'day', label: t('chains.editor.everyDay') },
                                { value: 'week', label: t('chains.editor.everyWeek') },
                            ]}
                            allowDeselect={false}
                            {...form.getInputProps('every')}
                        />
                        {form.values.every === 'week' && (
                            <Select
                                label={t('chains.editor.weekday')}
                                data={weekdays}
                                allowDeselect={false}
                                {...form.getInputProps('weekday')}
                            />
                        )}
                    </SimpleGrid>
                    <SegmentedControl
                        aria-label={t('chains.editor.audience')}
                        data={[
                            { value: 'lifecycle', label: t('chains.editor.audienceLifecycle') },
                            { value: 'saved', label: t('chains.editor.audienceSaved') },
                        ]}
                        {...form.getInputProps('audienceKind')}
                    />
                    {form.values.audienceKind === 'lifecycle' ? (
                        <Select
                            label={t('chains.editor.segment')}
                            data={segments}
                            allowDeselect={false}
                            {...form.getInputProps('audienceSegment')}
                        />
                    ) : (
                        <Select
                            label={t('chains.editor.segmentId')}
                            data={saved.data ?? []}
                            searchable
                            nothingFoundMessage={t('chains.editor.noSavedSegment')}
                            value={form.values.segmentId === '' ? null : String(form.values.segmentId)}
                            onChange={(v) => form.setFieldValue('segmentId', v ? Number(v) : '')}
                            error={form.errors.segmentId}
                        />
                    )}
                </Stack>
            )}
        </FormSection>
    );
}

/** The goal and its window, stop events, re-entry, priority, holdout and the budget cap. */
export function SettingsSection({ form }: { form: ChainForm }) {
    const t = useT();
    const { currency } = useChain();
    const events = useOptions('event', CHAIN_EVENTS);
    const goals = useOptions('event', ['purchase', 'points-used']);
    return (
        <FormSection title={t('chains.editor.settings')} hint={t('chains.editor.settingsHint')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <Select
                    label={t('chains.editor.goal')}
                    data={[{ value: 'none', label: t('chains.editor.noGoal') }, ...goals]}
                    allowDeselect={false}
                    {...form.getInputProps('goal')}
                />
                <NumberInput
                    label={t('chains.editor.goalWindowDays')}
                    min={1}
                    max={365}
                    allowDecimal={false}
                    {...form.getInputProps('goalWindowDays')}
                />
            </SimpleGrid>
            <MultiSelect
                label={t('chains.editor.stopOn')}
                description={t('chains.editor.stopOnHint')}
                data={events}
                {...form.getInputProps('stopOn')}
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <Select
                    label={t('chains.editor.reentry')}
                    data={[
                        { value: 'once', label: t('chains.editor.reentryOnce') },
                        { value: 'every', label: t('chains.editor.reentryEvery') },
                        { value: 'always', label: t('chains.editor.reentryAlways') },
                    ]}
                    allowDeselect={false}
                    {...form.getInputProps('reentry')}
                />
                {form.values.reentry === 'every' && (
                    <NumberInput
                        label={t('chains.editor.reentryDays')}
                        min={1}
                        max={3650}
                        allowDecimal={false}
                        {...form.getInputProps('reentryDays')}
                    />
                )}
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <NumberInput
                    label={t('chains.editor.priority')}
                    description={t('chains.editor.priorityHint')}
                    min={0}
                    max={10_000}
                    allowDecimal={false}
                    {...form.getInputProps('priority')}
                />
                <NumberInput
                    label={t('chains.editor.holdout')}
                    description={t('chains.editor.holdoutHint')}
                    min={0}
                    max={50}
                    decimalScale={2}
                    suffix=" %"
                    {...form.getInputProps('holdoutPct')}
                />
                <NumberInput
                    label={t('chains.editor.budgetCap', { currency })}
                    description={t('chains.editor.budgetCapHint')}
                    min={0}
                    decimalScale={2}
                    {...form.getInputProps('budgetCap')}
                />
            </SimpleGrid>
            <Text size="xs" c="dimmed">
                {t('chains.editor.moneyNote')}
            </Text>
        </FormSection>
    );
}
