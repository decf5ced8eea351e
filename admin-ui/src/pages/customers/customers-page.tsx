import { Anchor, Button, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { type FormEvent, useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useCustomerSearch } from '../../api/customers';
import type { CustomerSummary } from '../../api/contract';
import { ScrollTable } from '../../app/desk-table';
import { ErrorState } from '../../app/error-state';
import { ShowMore } from '../../app/list-paging';
import { StatusBadge } from '../../app/status-badge';
import { PageLoader } from '../../app/session-guard';
import { useFormat } from '../../format/use-format';
import { useT } from '../../i18n/locale-provider';
import { cardPath, word } from '../customer-card/desk-words';

/** The search box's text after the person stops typing for this long goes to the URL and the API. */
const TYPING_PAUSE_MS = 350;

function CustomerRow({ customer }: { customer: CustomerSummary }) {
    const t = useT();
    const f = useFormat();
    const navigate = useNavigate();
    const path = cardPath(customer.cardNumber);
    return (
        <Table.Tr style={{ cursor: 'pointer' }} onClick={() => void navigate(path)}>
            <Table.Td>
                <Anchor component={Link} to={path} onClick={(e) => e.stopPropagation()} ff="monospace">
                    {customer.cardNumber}
                </Anchor>
            </Table.Td>
            <Table.Td>{customer.name ?? <Text c="dimmed">{t('customer.noName')}</Text>}</Table.Td>
            <Table.Td>{customer.phone ?? '—'}</Table.Td>
            <Table.Td visibleFrom="lg">{customer.email ?? '—'}</Table.Td>
            <Table.Td ta="right">{f.bonusAmount(customer.balance)}</Table.Td>
            <Table.Td visibleFrom="lg">
                {customer.lastPurchaseAt ? f.dateTime(customer.lastPurchaseAt) : '—'}
            </Table.Td>
            <Table.Td visibleFrom="lg">{customer.homeStore?.name ?? '—'}</Table.Td>
            <Table.Td>
                <Group gap={4} wrap="nowrap">
                    {customer.blocked && <StatusBadge tone="bad">{t('customer.blocked')}</StatusBadge>}
                    {customer.cardKind !== 'regular' && (
                        <StatusBadge tone="mark">{word(t, 'cardKind', customer.cardKind)}</StatusBadge>
                    )}
                </Group>
            </Table.Td>
        </Table.Tr>
    );
}

function Results({ q }: { q: string }) {
    const t = useT();
    const search = useCustomerSearch(q);
    if (search.isPending) return <PageLoader />;
    if (search.isError) return <ErrorState error={search.error} onRetry={() => void search.refetch()} />;
    const rows = search.data.pages.flatMap((page) => page.data);
    if (rows.length === 0)
        return (
            <Text role="status" c="dimmed">
                {q ? t('customers.nothingFound', { q }) : t('customers.none')}
            </Text>
        );
    const caption = q ? t('customers.resultsFor', { q }) : t('customers.newest');
    return (
        <Stack gap={0}>
            <ScrollTable label={caption} minWidth={560}>
                <Table.Thead>
                    <Table.Tr>
                        <Table.Th>{t('customer.cardNumber')}</Table.Th>
                        <Table.Th>{t('customer.name')}</Table.Th>
                        <Table.Th>{t('customer.phone')}</Table.Th>
                        <Table.Th visibleFrom="lg">{t('customer.email')}</Table.Th>
                        <Table.Th ta="right">{t('customer.balance')}</Table.Th>
                        <Table.Th visibleFrom="lg">{t('customer.lastPurchase')}</Table.Th>
                        <Table.Th visibleFrom="lg">{t('customer.homeStore')}</Table.Th>
                        <Table.Th>{t('customer.marks')}</Table.Th>
                    </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                    {rows.map((customer) => (
                        <CustomerRow key={customer.id} customer={customer} />
                    ))}
                </Table.Tbody>
            </ScrollTable>
            <ShowMore
                shown={rows.length}
                hasMore={search.hasNextPage}
                loading={search.isFetchingNextPage}
                onMore={() => void search.fetchNextPage()}
            />
        </Stack>
    );
}

/**
 * Customers: one search box that takes what the person at the counter has —
 * a phone typed any way, a card number, an e-mail or the start of a name —
 * and the matching customers (the newest when empty). The search is in the
 * URL (`?q=`), so a link to it can be shared; a row opens the customer card.
 */
export default function CustomersPage() {
    const t = useT();
    const [params, setParams] = useSearchParams();
    const q = (params.get('q') ?? '').trim();
    const [text, setText] = useState(q);
    const [typed] = useDebouncedValue(text.trim(), TYPING_PAUSE_MS);

    const show = (next: string) => {
        if (next !== q) setParams(next ? { q: next } : {}, { replace: true });
    };
    // The text settled: search for it. (`q` is left out on purpose: going back in history must not re-apply old text.)
    useEffect(() => show(typed), [typed]);
    // The URL changed (back, forward, a shared link): the box shows it.
    useEffect(() => setText((current) => (current.trim() === q ? current : q)), [q]);

    const submit = (event: FormEvent) => {
        event.preventDefault();
        show(text.trim());
    };
    return (
        <Stack gap="md">
            <Title order={1}>{t('customers.title')}</Title>
            <form onSubmit={submit} role="search">
                <Group align="flex-end" gap="sm" wrap="nowrap">
                    <TextInput
                        flex={1}
                        type="search"
                        label={t('customers.searchLabel')}
                        description={t('customers.searchHint')}
                        value={text}
                        onChange={(event) => setText(event.currentTarget.value)}
                        autoFocus
                        autoComplete="off"
                        spellCheck={false}
                    />
                    <Button type="submit">{t('customers.search')}</Button>
                </Group>
            </form>
            <Results q={q} />
        </Stack>
    );
}
