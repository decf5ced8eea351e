import { Table, Text, Title } from '@mantine/core';
import type { ContactPolicyValues } from '../../api/messaging';
import { DataTable } from '../../app/list-parts';
import { useT } from '../../i18n/locale-provider';
import { word } from '../customer-card/desk-words';
import {
    channelMeaning,
    GENERAL_VALUES,
    generalMeaning,
    generalValue,
    POLICY_CHANNELS,
} from './policy-meaning';

/** A current value, with the default beside it when they differ. */
function Value({ value, fallback }: { value: string | number; fallback: string | number }) {
    const t = useT();
    return (
        <>
            <Text span fw={600}>
                {value}
            </Text>
            {String(value) !== String(fallback) && (
                <Text span size="xs" c="dimmed">
                    {' '}
                    {t('messaging.policy.default', { value: fallback })}
                </Text>
            )}
        </>
    );
}

/** The policy read-only: each value, its default when changed, and what it means for a customer. */
export function PolicyTables({
    policy,
    defaults,
}: {
    policy: ContactPolicyValues;
    defaults: ContactPolicyValues;
}) {
    const t = useT();
    return (
        <>
            <Title order={2} size="h4" mb="xs">
                {t('messaging.policy.general')}
            </Title>
            <DataTable
                caption={t('messaging.policy.general')}
                columns={[
                    t('messaging.policy.setting'),
                    t('messaging.policy.value'),
                    t('messaging.policy.meaning'),
                ]}
                minWidth={700}
                isEmpty={false}
                emptyText=""
            >
                {GENERAL_VALUES.map((key) => (
                    <Table.Tr key={key}>
                        <Table.Td>{t(`messaging.policy.label.${key}`)}</Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>
                            <Value value={generalValue(policy, key)} fallback={generalValue(defaults, key)} />
                        </Table.Td>
                        <Table.Td>{generalMeaning(policy, key, t)}</Table.Td>
                    </Table.Tr>
                ))}
            </DataTable>
            <Title order={2} size="h4" mt="lg" mb="xs">
                {t('messaging.policy.perChannel')}
            </Title>
            <DataTable
                caption={t('messaging.policy.perChannel')}
                columns={[
                    t('messages.channel'),
                    t('messaging.policy.label.daily'),
                    t('messaging.policy.label.weekly'),
                    t('messaging.policy.label.serviceDaily'),
                    t('messaging.policy.meaning'),
                ]}
                minWidth={760}
                isEmpty={false}
                emptyText=""
            >
                {POLICY_CHANNELS.map((channel) => (
                    <Table.Tr key={channel}>
                        <Table.Td>{word(t, 'channel', channel)}</Table.Td>
                        <Table.Td>
                            <Value
                                value={policy.caps.daily[channel]}
                                fallback={defaults.caps.daily[channel]}
                            />
                        </Table.Td>
                        <Table.Td>
                            <Value
                                value={policy.caps.weekly[channel]}
                                fallback={defaults.caps.weekly[channel]}
                            />
                        </Table.Td>
                        <Table.Td>
                            <Value
                                value={policy.caps.serviceDaily[channel]}
                                fallback={defaults.caps.serviceDaily[channel]}
                            />
                        </Table.Td>
                        <Table.Td>{channelMeaning(policy, channel, t)}</Table.Td>
                    </Table.Tr>
                ))}
            </DataTable>
        </>
    );
}
