import { Alert, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useSearchParams } from 'react-router';
import { useCustomerReceipts } from '../../../api/customers';
import type { ReceiptView } from '../../../api/contract';
import { ScrollTable } from '../../../app/desk-table';
import { ShowMore } from '../../../app/list-paging';
import { StatusBadge } from '../../../app/status-badge';
import { useFormat } from '../../../format/use-format';
import { useT } from '../../../i18n/locale-provider';
import { SectionState } from './section-state';

/** How many pages the receipts tab loads looking for a receipt a ledger line links to. */
const MAX_PAGES_TO_FIND = 20;

function Receipt({ receipt, target }: { receipt: ReceiptView; target: boolean }) {
    const t = useT();
    const f = useFormat();
    const ref = useRef<HTMLDivElement>(null);
    useEffect(() => {
        if (!target || !ref.current) return;
        ref.current.scrollIntoView({ block: 'start' });
        ref.current.focus({ preventScroll: true });
    }, [target]);
    const headingId = `receipt-${receipt.id}-title`;
    return (
        <Paper
            ref={ref}
            withBorder
            p="sm"
            tabIndex={-1}
            component="section"
            aria-labelledby={headingId}
            bd={target ? '2px solid var(--mantine-color-blue-6)' : undefined}
        >
            <Group justify="space-between" align="baseline" mb="xs">
                <Title order={2} size="h5" id={headingId}>
                    {t('receipts.title', { receipt: receipt.receiptId, store: receipt.storeCode })}
                </Title>
                <Text size="sm">{f.dateTime(receipt.at)}</Text>
            </Group>
            <Group gap="lg" mb="xs">
                <Text size="sm">{t('receipts.total', { total: f.money(receipt.total) })}</Text>
                <Text size="sm">{t('receipts.bonusSpent', { amount: f.bonuses(receipt.bonusSpent) })}</Text>
                <Text size="sm">
                    {t('receipts.bonusAccrued', { amount: f.bonuses(receipt.bonusAccrued) })}
                </Text>
            </Group>
            <ScrollTable label={t('receipts.lines', { receipt: receipt.receiptId })} minWidth={520}>
                <Table.Thead>
                    <Table.Tr>
                        <Table.Th>{t('receipts.sku')}</Table.Th>
                        <Table.Th>{t('receipts.product')}</Table.Th>
                        <Table.Th ta="right">{t('receipts.quantity')}</Table.Th>
                        <Table.Th ta="right">{t('receipts.amount')}</Table.Th>
                    </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                    {receipt.lines.map((line, i) => (
                        <Table.Tr key={`${line.sku}-${i}`}>
                            <Table.Td ff="monospace">{line.sku}</Table.Td>
                            <Table.Td>{line.name}</Table.Td>
                            <Table.Td ta="right">{line.quantity}</Table.Td>
                            <Table.Td ta="right">{f.money(line.amount)}</Table.Td>
                        </Table.Tr>
                    ))}
                </Table.Tbody>
            </ScrollTable>
            {receipt.returns.map((ret) => (
                <Alert
                    key={ret.id}
                    color="orange"
                    mt="xs"
                    title={t('receipts.return', { returnId: ret.returnId })}
                >
                    <Stack gap={2}>
                        <Text size="sm">
                            {t('receipts.returnSummary', {
                                at: f.dateTime(ret.at),
                                amount: f.money(ret.amount),
                                bonuses: f.bonuses(ret.bonusReturned),
                            })}
                        </Text>
                        {ret.lines.map((line, i) => (
                            <Text key={`${line.sku}-${i}`} size="xs">
                                {t('receipts.returnLine', {
                                    sku: line.sku,
                                    quantity: line.quantity,
                                    amount: f.money(line.amount),
                                })}
                            </Text>
                        ))}
                    </Stack>
                </Alert>
            ))}
        </Paper>
    );
}

/**
 * The receipts with their lines and returns, newest first. A ledger line's
 * link (`?tab=receipts&receipt=<id>`) lands here: the tab loads further pages
 * until it finds that receipt, then scrolls to it and focuses it.
 */
export function ReceiptsSection({ cardNumber }: { cardNumber: string }) {
    const t = useT();
    const [params] = useSearchParams();
    const wanted = params.get('receipt');
    const receipts = useCustomerReceipts(cardNumber);
    const all = receipts.data?.pages.flatMap((page) => page.data) ?? [];
    const found = wanted ? all.some((r) => r.receiptId === wanted) : true;
    const pagesLoaded = receipts.data?.pages.length ?? 0;
    const canLookFurther = receipts.hasNextPage && pagesLoaded < MAX_PAGES_TO_FIND;
    useEffect(() => {
        if (!found && canLookFurther && !receipts.isFetching) void receipts.fetchNextPage();
    }, [found, canLookFurther, receipts]);
    return (
        <SectionState query={receipts} isEmpty={(data) => data.pages[0]?.data.length === 0}>
            {() => (
                <Stack gap="sm">
                    {wanted && !found && !canLookFurther && (
                        <Alert color="yellow" role="status">
                            {t('receipts.notFound', { receipt: wanted })}
                        </Alert>
                    )}
                    {wanted && found && (
                        <StatusBadge tone="info" size="lg">
                            {t('receipts.showing', { receipt: wanted })}
                        </StatusBadge>
                    )}
                    {all.map((receipt) => (
                        <Receipt key={receipt.id} receipt={receipt} target={receipt.receiptId === wanted} />
                    ))}
                    <ShowMore
                        shown={all.length}
                        hasMore={receipts.hasNextPage}
                        loading={receipts.isFetchingNextPage}
                        onMore={() => void receipts.fetchNextPage()}
                    />
                </Stack>
            )}
        </SectionState>
    );
}
