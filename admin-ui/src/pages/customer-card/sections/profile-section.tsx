import { Anchor, List, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
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

/** Profile and contacts: how to reach the customer, their time, purchases so far, earlier cards. */
export function ProfileSection({ customer: c }: { customer: CustomerProfile }) {
    const t = useT();
    const f = useFormat();
    const chain = useChain();
    const yesNo = (value: boolean) => (value ? t('common.yes') : t('common.no'));
    const when = (iso: string | null) => (iso ? f.dateTime(iso) : '—');
    return (
        <Stack gap="md">
            <Title order={2} size="h3">
                {t('card.contacts')}
            </Title>
            <Table variant="vertical" layout="fixed" withTableBorder>
                <Table.Tbody>
                    <Row label={t('customer.name')}>{c.name ?? '—'}</Row>
                    <Row label={t('customer.phone')}>{c.phone ?? '—'}</Row>
                    <Row label={t('customer.email')}>{c.email ?? '—'}</Row>
                    <Row label={t('customer.telegram')}>{yesNo(c.hasTelegram)}</Row>
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
