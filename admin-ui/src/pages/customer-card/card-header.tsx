import { Alert, Anchor, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import type { CustomerCard } from '../../api/contract';
import { useFormat } from '../../format/use-format';
import { StatusBadge } from '../../app/status-badge';
import { useT } from '../../i18n/locale-provider';
import { cardPath, word } from './desk-words';

function Figure({ label, value, hint }: { label: string; value: string; hint?: string }) {
    return (
        <Paper withBorder p="sm">
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                {label}
            </Text>
            <Text size="xl" fw={700}>
                {value}
            </Text>
            {hint && (
                <Text size="xs" c="dimmed">
                    {hint}
                </Text>
            )}
        </Paper>
    );
}

/** The top of the card: who, which card, its marks (kind, blocked), and the bonuses in three figures. */
export function CardHeader({ card, requested }: { card: CustomerCard; requested: string }) {
    const t = useT();
    const f = useFormat();
    const c = card.customer;
    return (
        <Stack gap="sm">
            {card.replacedBy && (
                <Alert color="yellow" role="status" title={t('card.replacedTitle', { card: requested })}>
                    <Text size="sm">
                        {t('card.replacedText', { at: f.dateTime(card.replacedBy.replacedAt) })}{' '}
                        <Anchor component={Link} to={cardPath(card.replacedBy.cardNumber)}>
                            {t('card.openCurrent', { card: card.replacedBy.cardNumber })}
                        </Anchor>
                    </Text>
                </Alert>
            )}
            <Group gap="sm" align="center">
                <Title order={1}>{c.name ?? t('customer.noName')}</Title>
                <StatusBadge tone={c.cardKind === 'regular' ? 'info' : 'mark'} size="lg">
                    {word(t, 'cardKind', c.cardKind)}
                </StatusBadge>
                {c.blocked && (
                    <StatusBadge tone="bad" size="lg">
                        {t('customer.blocked')}
                    </StatusBadge>
                )}
            </Group>
            <Text>
                {t('card.number')}{' '}
                <Text span ff="monospace" fw={600}>
                    {c.cardNumber}
                </Text>
                {c.homeStore && <> · {t('card.homeStore', { store: c.homeStore.name })}</>}
            </Text>
            {c.blocked && (
                <Alert color="red" role="status">
                    {t('card.blockedSince', {
                        at: c.blockedAt ? f.dateTime(c.blockedAt) : '—',
                        reason: c.blockReason ?? '—',
                    })}
                </Alert>
            )}
            <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
                <Figure label={t('customer.balance')} value={f.bonuses(c.balance)} />
                <Figure
                    label={t('customer.pending')}
                    value={f.bonuses(c.pending)}
                    hint={t('customer.pendingHint')}
                />
                <Figure label={t('customer.debt')} value={f.bonuses(c.debt)} hint={t('customer.debtHint')} />
                <Figure
                    label={t('customer.purchases')}
                    value={f.count(c.purchaseCount)}
                    hint={t('customer.purchasesTotal', { total: f.money(c.purchaseTotal) })}
                />
            </SimpleGrid>
        </Stack>
    );
}
