import { Stack, Table, Title } from '@mantine/core';
import { useCustomerMessages } from '../../../api/customers';
import type { CustomerMessagesView } from '../../../api/contract';
import { ScrollTable } from '../../../app/desk-table';
import { ClientPager, useClientPages } from '../../../app/list-paging';
import { StatusBadge } from '../../../app/status-badge';
import { useFormat } from '../../../format/use-format';
import { useT } from '../../../i18n/locale-provider';
import { word } from '../desk-words';
import { verdictText } from './message-verdict';
import { SectionState } from './section-state';

const DECISION_TONES = { send: 'ok', hold: 'warn', drop: 'bad' } as const;

function MessagesTables({ data, timezone }: { data: CustomerMessagesView; timezone: string | null }) {
    const t = useT();
    const f = useFormat();
    const pages = useClientPages(data.messages);
    return (
        <Stack gap="md">
            <ScrollTable label={t('card.tab.messages')} minWidth={820}>
                <Table.Thead>
                    <Table.Tr>
                        <Table.Th>{t('messages.at')}</Table.Th>
                        <Table.Th>{t('messages.channel')}</Table.Th>
                        <Table.Th>{t('messages.kind')}</Table.Th>
                        <Table.Th>{t('messages.status')}</Table.Th>
                        <Table.Th>{t('messages.verdict')}</Table.Th>
                        <Table.Th ta="right">{t('messages.cost')}</Table.Th>
                    </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                    {pages.rows.map((m) => (
                        <Table.Tr key={m.key}>
                            <Table.Td>{f.dateTime(m.createdAt, timezone)}</Table.Td>
                            <Table.Td>{word(t, 'channel', m.channel)}</Table.Td>
                            <Table.Td>
                                {word(t, 'messageKind', m.kind)}
                                {' · '}
                                {word(t, 'traffic', m.traffic)}
                            </Table.Td>
                            <Table.Td>
                                <StatusBadge
                                    tone={m.verdict ? DECISION_TONES[m.verdict.decision] : 'neutral'}
                                >
                                    {word(t, 'messageStatus', m.status)}
                                </StatusBadge>
                                {m.failureReason && <div>{m.failureReason}</div>}
                            </Table.Td>
                            <Table.Td>{verdictText(m, timezone, t, f)}</Table.Td>
                            <Table.Td ta="right">{f.money(m.cost)}</Table.Td>
                        </Table.Tr>
                    ))}
                </Table.Tbody>
            </ScrollTable>
            <ClientPager {...pages} />
            {data.cascades.length > 0 && (
                <>
                    <Title order={2} size="h4">
                        {t('messages.cascades')}
                    </Title>
                    <ScrollTable label={t('messages.cascades')} minWidth={640}>
                        <Table.Thead>
                            <Table.Tr>
                                <Table.Th>{t('messages.kind')}</Table.Th>
                                <Table.Th>{t('messages.status')}</Table.Th>
                                <Table.Th>{t('messages.step')}</Table.Th>
                                <Table.Th>{t('messages.nextAt')}</Table.Th>
                                <Table.Th>{t('messages.deadline')}</Table.Th>
                            </Table.Tr>
                        </Table.Thead>
                        <Table.Tbody>
                            {data.cascades.map((c) => (
                                <Table.Tr key={c.key}>
                                    <Table.Td>{word(t, 'messageKind', c.kind)}</Table.Td>
                                    <Table.Td>
                                        {word(t, 'cascadeStatus', c.status)}
                                        {c.outcome && ` · ${word(t, 'cascadeOutcome', c.outcome)}`}
                                    </Table.Td>
                                    <Table.Td>
                                        {t('messages.stepValue', {
                                            step: c.step,
                                            channel: c.channel ? word(t, 'channel', c.channel) : '—',
                                        })}
                                    </Table.Td>
                                    <Table.Td>{f.dateTime(c.nextAt, timezone)}</Table.Td>
                                    <Table.Td>
                                        {c.deadlineAt ? f.dateTime(c.deadlineAt, timezone) : '—'}
                                    </Table.Td>
                                </Table.Tr>
                            ))}
                        </Table.Tbody>
                    </ScrollTable>
                </>
            )}
        </Stack>
    );
}

/** The latest messages with the contact policy's verdicts (why sent, held or not sent), and the cascades. */
export function MessagesSection({ cardNumber, timezone }: { cardNumber: string; timezone: string | null }) {
    const messages = useCustomerMessages(cardNumber);
    return (
        <SectionState query={messages} isEmpty={(d) => d.messages.length === 0 && d.cascades.length === 0}>
            {(data) => <MessagesTables data={data} timezone={timezone} />}
        </SectionState>
    );
}
