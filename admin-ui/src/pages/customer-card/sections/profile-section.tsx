import { Anchor, Badge, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useIntl } from 'react-intl';
import { Link } from 'react-router';
import type { CustomerProfile } from '../../../api/contract';
import { useChain } from '../../../app/chain-provider';
import { useFormat } from '../../../format/use-format';
import { useT } from '../../../i18n/locale-provider';
import { CustomerClock } from '../customer-clock';
import { cardPath } from '../desk-words';

function Row({ label, children }: { label: string; children: ReactNode }) {
    return (
        <Table.Tr>
            <Table.Th w={220}>{label}</Table.Th>
            <Table.Td>{children}</Table.Td>
        </Table.Tr>
    );
}

/** A contact with the mark that it cannot be reached (`since`: when it was found out), if any. */
function Reachable({ value, mark }: { value: ReactNode; mark: string | null }) {
    return (
        <Group gap="xs" wrap="wrap">
            <span>{value}</span>
            {mark && (
                <Badge color="red" variant="light" tt="none">
                    {mark}
                </Badge>
            )}
        </Group>
    );
}

/**
 * Profile and contacts: how to reach the customer (with the marks that an
 * e-mail bounced or the Telegram bot is blocked), their time, birth date and
 * card form, purchases so far, earlier cards.
 */
export function ProfileSection({ customer: c }: { customer: CustomerProfile }) {
    const t = useT();
    const f = useFormat();
    const chain = useChain();
    const yesNo = (value: boolean) => (value ? t('common.yes') : t('common.no'));
    const intl = useIntl();
    const when = (iso: string | null) => (iso ? f.dateTime(iso) : '—');
    const birthDate = c.birthDate
        ? intl.formatDate(new Date(`${c.birthDate}T00:00:00Z`), { dateStyle: 'long', timeZone: 'UTC' })
        : '—';
    return (
        <Stack gap="md">
            <Title order={2} size="h3">
                {t('card.contacts')}
            </Title>
            <Table variant="vertical" layout="fixed" withTableBorder>
                <Table.Tbody>
                    <Row label={t('customer.name')}>{c.name ?? '—'}</Row>
                    <Row label={t('customer.phone')}>{c.phone ?? '—'}</Row>
                    <Row label={t('customer.email')}>
                        <Reachable
                            value={c.email ?? '—'}
                            mark={
                                c.emailUndeliverableAt
                                    ? t('customer.emailUndeliverable', {
                                          since: f.dateTime(c.emailUndeliverableAt),
                                      })
                                    : null
                            }
                        />
                    </Row>
                    <Row label={t('customer.telegram')}>
                        <Reachable
                            value={yesNo(c.hasTelegram)}
                            mark={
                                c.telegramBlockedAt
                                    ? t('customer.telegramBlocked', {
                                          since: f.dateTime(c.telegramBlockedAt),
                                      })
                                    : null
                            }
                        />
                    </Row>
                    <Row label={t('customer.push')}>{yesNo(c.hasPush)}</Row>
                    <Row label={t('customer.timezone')}>
                        <Stack gap={2}>
                            <Text size="sm">
                                {c.timezone ?? t('customer.chainTimezone', { zone: chain.timezone })}
                            </Text>
                            <CustomerClock timezone={c.timezone} />
                        </Stack>
                    </Row>
                    <Row label={t('customer.locale')}>
                        {c.locale ? t(c.locale === 'en' ? 'locale.en' : 'locale.ru') : '—'}
                    </Row>
                    <Row label={t('customer.birthDate')}>{birthDate}</Row>
                    <Row label={t('customer.cardForm')}>
                        {c.cardForm
                            ? t(
                                  c.cardForm === 'virtual'
                                      ? 'customer.cardForm.virtual'
                                      : 'customer.cardForm.physical',
                              )
                            : '—'}
                    </Row>
                    <Row label={t('customer.homeStore')}>
                        {c.homeStore ? `${c.homeStore.name} (${c.homeStore.code})` : '—'}
                    </Row>
                    <Row label={t('customer.enrolledAt')}>{when(c.enrolledAt)}</Row>
                    <Row label={t('customer.firstPurchase')}>{when(c.firstPurchaseAt)}</Row>
                    <Row label={t('customer.lastPurchase')}>{when(c.lastPurchaseAt)}</Row>
                    <Row label={t('customer.updatedAt')}>{when(c.updatedAt)}</Row>
                </Table.Tbody>
            </Table>
            <Title order={2} size="h3">
                {t('card.previousCards')}
            </Title>
            {c.previousCards.length === 0 ? (
                <Text c="dimmed">{t('card.noPreviousCards')}</Text>
            ) : (
                <List>
                    {c.previousCards.map((p) => (
                        <List.Item key={p.cardNumber}>
                            <Anchor component={Link} to={cardPath(p.cardNumber)} ff="monospace">
                                {p.cardNumber}
                            </Anchor>{' '}
                            — {t('card.replacedAt', { at: f.dateTime(p.replacedAt) })}
                        </List.Item>
                    ))}
                </List>
            )}
        </Stack>
    );
}
