import {
    Alert,
    Button,
    Group,
    NumberInput,
    SimpleGrid,
    Stack,
    Table,
    Text,
    TextInput,
    Title,
} from '@mantine/core';
import { useState } from 'react';
import { isApiError } from '../../api/api-error';
import type { ContactPolicyValues } from '../../api/messaging';
import { ScrollTable } from '../../app/desk-table';
import { errorMessage } from '../../app/error-state';
import { useT } from '../../i18n/locale-provider';
import { word } from '../customer-card/desk-words';
import { generalMeaning, POLICY_CHANNELS } from './policy-meaning';

type CapKind = 'daily' | 'weekly' | 'serviceDaily';

/** Props of {@link PolicyForm}. */
export interface PolicyFormProps {
    initial: ContactPolicyValues;
    defaults: ContactPolicyValues;
    saving: boolean;
    /** The last save's failure: field problems are shown at their fields. */
    error: unknown;
    onSave(values: ContactPolicyValues): void;
    onCancel(): void;
}

/** The contact policy's edit form: every value, with the API's field problems at their fields. */
export function PolicyForm(props: PolicyFormProps) {
    const t = useT();
    const [p, setP] = useState<ContactPolicyValues>(props.initial);
    const problems = isApiError(props.error, 'REFILL_VALIDATION') ? props.error.fieldProblems() : [];
    const problem = (path: string) =>
        problems.some((x) => x.path === path) ? t('messaging.policy.badValue') : undefined;
    const num = (value: string | number) => (typeof value === 'number' ? value : Number.NaN);
    const setCap = (kind: CapKind, channel: string, value: number) =>
        setP((v) => ({ ...v, caps: { ...v.caps, [kind]: { ...v.caps[kind], [channel]: value } } }));
    const field = (key: 'quietDaysAfterPurchase' | 'minGapMinutes' | 'monthlyMarketingCap', max: number) => (
        <NumberInput
            label={t(`messaging.policy.label.${key}`)}
            description={generalMeaning(p, key, t)}
            min={0}
            max={max}
            allowDecimal={false}
            allowNegative={false}
            value={p[key]}
            onChange={(value) => setP((v) => ({ ...v, [key]: num(value) }))}
            error={problem(key)}
        />
    );
    return (
        <form
            aria-label={t('messaging.policy.editTitle')}
            onSubmit={(event) => {
                event.preventDefault();
                props.onSave(p);
            }}
        >
            <Stack gap="md">
                <div>
                    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
                        <TextInput
                            type="time"
                            label={t('messaging.policy.windowFrom')}
                            value={p.window.from}
                            onChange={(e) =>
                                setP((v) => ({ ...v, window: { ...v.window, from: e.currentTarget.value } }))
                            }
                            error={problem('window.from')}
                        />
                        <TextInput
                            type="time"
                            label={t('messaging.policy.windowTo')}
                            value={p.window.to}
                            onChange={(e) =>
                                setP((v) => ({ ...v, window: { ...v.window, to: e.currentTarget.value } }))
                            }
                            error={problem('window.to')}
                        />
                    </SimpleGrid>
                    <Text size="xs" c="dimmed" mt={4}>
                        {generalMeaning(p, 'window', t)}
                    </Text>
                </div>
                <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
                    {field('quietDaysAfterPurchase', 90)}
                    {field('minGapMinutes', 7 * 24 * 60)}
                    {field('monthlyMarketingCap', 1000)}
                    <NumberInput
                        label={t('messaging.policy.label.allChannelsDaily')}
                        description={generalMeaning(p, 'allChannelsDaily', t)}
                        min={0}
                        max={100}
                        allowDecimal={false}
                        allowNegative={false}
                        value={p.caps.allChannels.daily}
                        onChange={(value) =>
                            setP((v) => ({
                                ...v,
                                caps: {
                                    ...v.caps,
                                    allChannels: { ...v.caps.allChannels, daily: num(value) },
                                },
                            }))
                        }
                        error={problem('caps.allChannels.daily')}
                    />
                    <NumberInput
                        label={t('messaging.policy.label.allChannelsWeekly')}
                        description={generalMeaning(p, 'allChannelsWeekly', t)}
                        min={0}
                        max={500}
                        allowDecimal={false}
                        allowNegative={false}
                        value={p.caps.allChannels.weekly}
                        onChange={(value) =>
                            setP((v) => ({
                                ...v,
                                caps: {
                                    ...v.caps,
                                    allChannels: { ...v.caps.allChannels, weekly: num(value) },
                                },
                            }))
                        }
                        error={problem('caps.allChannels.weekly')}
                    />
                </SimpleGrid>
                <Title order={2} size="h4">
                    {t('messaging.policy.perChannel')}
                </Title>
                <ScrollTable label={t('messaging.policy.perChannel')} minWidth={460}>
                    <Table.Thead>
                        <Table.Tr>
                            <Table.Th scope="col">{t('messages.channel')}</Table.Th>
                            {(['daily', 'weekly', 'serviceDaily'] as const).map((kind) => (
                                <Table.Th key={kind} scope="col">
                                    {t(`messaging.policy.label.${kind}`)}
                                </Table.Th>
                            ))}
                        </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                        {POLICY_CHANNELS.map((channel) => (
                            <Table.Tr key={channel}>
                                <Table.Td>{word(t, 'channel', channel)}</Table.Td>
                                {(['daily', 'weekly', 'serviceDaily'] as const).map((kind) => (
                                    <Table.Td key={kind}>
                                        <NumberInput
                                            aria-label={t('messaging.policy.capOf', {
                                                cap: t(`messaging.policy.label.${kind}`),
                                                channel: word(t, 'channel', channel),
                                            })}
                                            w={96}
                                            min={0}
                                            max={kind === 'weekly' ? 500 : 100}
                                            allowDecimal={false}
                                            allowNegative={false}
                                            value={p.caps[kind][channel]}
                                            onChange={(value) => setCap(kind, channel, num(value))}
                                            error={problem(`caps.${kind}.${channel}`)}
                                        />
                                    </Table.Td>
                                ))}
                            </Table.Tr>
                        ))}
                    </Table.Tbody>
                </ScrollTable>
                {props.error != null && problems.length === 0 && (
                    <Alert color="red" role="alert">
                        {errorMessage(props.error, t)}
                    </Alert>
                )}
                {problems.length > 0 && (
                    <Alert color="red" role="alert">
                        {t('messaging.policy.fixFields', { count: problems.length })}
                    </Alert>
                )}
                <Group justify="space-between">
                    <Button variant="subtle" onClick={() => setP(props.defaults)}>
                        {t('messaging.policy.useDefaults')}
                    </Button>
                    <Group gap="sm">
                        <Button variant="default" onClick={props.onCancel}>
                            {t('common.cancel')}
                        </Button>
                        <Button type="submit" loading={props.saving}>
                            {t('common.save')}
                        </Button>
                    </Group>
                </Group>
            </Stack>
        </form>
    );
}
