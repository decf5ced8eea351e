import { Button, Stack, Table, Text, Title } from '@mantine/core';
import {
    CONSENT_CHANNELS,
    type ConsentChannel,
    type ConsentKind,
    type CustomerCard,
} from '../../../api/contract';
import { ScrollTable } from '../../../app/desk-table';
import { ClientPager, useClientPages } from '../../../app/list-paging';
import { StatusBadge } from '../../../app/status-badge';
import { useFormat } from '../../../format/use-format';
import { useT } from '../../../i18n/locale-provider';
import { word } from '../desk-words';

const KINDS: readonly ConsentKind[] = ['marketing', 'service'];

/** A consent to change: which one, and what to set it to. */
export interface ConsentTarget {
    channel: ConsentChannel;
    kind: ConsentKind;
    granted: boolean;
}

/**
 * The consents per channel and purpose as they stand, each with when and
 * where it last changed, and their history (who changed what, and where).
 * With `onChange`, each consent has a button that opens the change dialog.
 */
export function ConsentsSection({
    card,
    onChange,
}: {
    card: CustomerCard;
    onChange?: (target: ConsentTarget) => void;
}) {
    const t = useT();
    const f = useFormat();
    const history = useClientPages(card.consentHistory);
    const find = (channel: ConsentChannel, kind: ConsentKind) =>
        card.consents.find((c) => c.channel === channel && c.kind === kind);
    return (
        <Stack gap="md">
            <ScrollTable label={t('consents.current')} minWidth={640}>
                <Table.Thead>
                    <Table.Tr>
                        <Table.Th>{t('consents.channel')}</Table.Th>
                        {KINDS.map((kind) => (
                            <Table.Th key={kind}>{word(t, 'consentKind', kind)}</Table.Th>
                        ))}
                    </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                    {CONSENT_CHANNELS.map((channel) => (
                        <Table.Tr key={channel}>
                            <Table.Th scope="row">{word(t, 'channel', channel)}</Table.Th>
                            {KINDS.map((kind) => {
                                const consent = find(channel, kind);
                                const granted = consent?.granted ?? false;
                                const what = t('consents.what', {
                                    channel: word(t, 'channel', channel),
                                    kind: word(t, 'consentKind', kind),
                                });
                                return (
                                    <Table.Td key={kind}>
                                        <Stack gap={2} align="flex-start">
                                            <StatusBadge tone={granted ? 'ok' : 'neutral'}>
                                                {granted ? t('consents.granted') : t('consents.notGranted')}
                                            </StatusBadge>
                                            {consent && (
                                                <Text size="xs" c="dimmed">
                                                    {t('consents.changed', {
                                                        at: f.dateTime(consent.changedAt),
                                                        source: consent.source ?? '—',
                                                    })}
                                                </Text>
                                            )}
                                            {onChange && (
                                                <Button
                                                    size="compact-xs"
                                                    variant="subtle"
                                                    aria-label={
                                                        granted
                                                            ? t('consents.withdrawLabel', { what })
                                                            : t('consents.grantLabel', { what })
                                                    }
                                                    onClick={() =>
                                                        onChange({ channel, kind, granted: !granted })
                                                    }
                                                >
                                                    {granted ? t('consents.withdraw') : t('consents.grant')}
                                                </Button>
                                            )}
                                        </Stack>
                                    </Table.Td>
                                );
                            })}
                        </Table.Tr>
                    ))}
                </Table.Tbody>
            </ScrollTable>
            <Title order={2} size="h4">
                {t('consents.history')}
            </Title>
            {card.consentHistory.length === 0 ? (
                <Text c="dimmed">{t('common.none')}</Text>
            ) : (
                <>
                    <ScrollTable label={t('consents.history')} minWidth={640}>
                        <Table.Thead>
                            <Table.Tr>
                                <Table.Th>{t('consents.at')}</Table.Th>
                                <Table.Th>{t('consents.channel')}</Table.Th>
                                <Table.Th>{t('consents.kind')}</Table.Th>
                                <Table.Th>{t('consents.state')}</Table.Th>
                                <Table.Th>{t('consents.source')}</Table.Th>
                                <Table.Th>{t('consents.actor')}</Table.Th>
                            </Table.Tr>
                        </Table.Thead>
                        <Table.Tbody>
                            {history.rows.map((h, i) => (
                                <Table.Tr key={`${h.at}-${h.channel}-${h.kind}-${i}`}>
                                    <Table.Td>{f.dateTime(h.at)}</Table.Td>
                                    <Table.Td>{word(t, 'channel', h.channel)}</Table.Td>
                                    <Table.Td>{word(t, 'consentKind', h.kind)}</Table.Td>
                                    <Table.Td>
                                        {h.granted ? t('consents.granted') : t('consents.withdrawn')}
                                    </Table.Td>
                                    <Table.Td>{h.source ?? '—'}</Table.Td>
                                    <Table.Td>{h.actor ?? '—'}</Table.Td>
                                </Table.Tr>
                            ))}
                        </Table.Tbody>
                    </ScrollTable>
                    <ClientPager {...history} />
                </>
            )}
        </Stack>
    );
}
