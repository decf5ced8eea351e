import { Anchor, Stack, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useCustomerLedger } from '../../../api/customers';
import type { LedgerCause } from '../../../api/contract';
import { ScrollTable } from '../../../app/desk-table';
import { ShowMore } from '../../../app/list-paging';
import { useFormat } from '../../../format/use-format';
import { type Translate, useT } from '../../../i18n/locale-provider';
import { word } from '../desk-words';
import { SectionState } from './section-state';

/** The same page, on the receipts tab, scrolled to one receipt. */
export function receiptLink(receiptId: string): string {
    return `?${new URLSearchParams({ tab: 'receipts', receipt: receiptId }).toString()}`;
}

function ReceiptRef({ receiptId }: { receiptId: string }) {
    const t = useT();
    return (
        <Anchor
            component={Link}
            to={receiptLink(receiptId)}
            aria-label={t('ledger.openReceipt', { receipt: receiptId })}
        >
            {receiptId}
        </Anchor>
    );
}

/** Why a line happened, in words, with the receipt linked. */
function CauseText({ cause, t }: { cause: LedgerCause; t: Translate }): ReactNode {
    const receipt = cause.receiptId ? <ReceiptRef receiptId={cause.receiptId} /> : null;
    switch (cause.type) {
        case 'receipt':
            return receipt ? (
                <>
                    {t('cause.receipt')} {receipt}
                </>
            ) : (
                t('cause.receiptUnknown')
            );
        case 'return':
            return (
                <>
                    {t('cause.return', { returnId: cause.returnId ?? '—' })} {receipt}
                    {cause.reason && (
                        <Text size="xs" c="dimmed">
                            {cause.reason}
                        </Text>
                    )}
                </>
            );
        case 'expiry':
            return t('cause.expiry');
        case 'offer':
            return cause.campaignId
                ? t('cause.offerOfCampaign', { campaign: cause.campaignId })
                : t('cause.offer');
        case 'adjustment':
            return (
                <>
                    {t('cause.adjustment', { author: cause.author ?? '—' })}
                    {cause.reason && (
                        <Text size="sm" fs="italic">
                            «{cause.reason}»
                        </Text>
                    )}
                </>
            );
        case 'import':
            return cause.reason ? t('cause.importWithReason', { reason: cause.reason }) : t('cause.import');
        default:
            return cause.label;
    }
}

/** The ledger, newest first: every change of the bonuses with its cause; receipts link to the receipts tab. */
export function LedgerSection({ cardNumber }: { cardNumber: string }) {
    const t = useT();
    const f = useFormat();
    const ledger = useCustomerLedger(cardNumber);
    return (
        <SectionState query={ledger} isEmpty={(data) => data.pages[0]?.data.length === 0}>
            {(data) => {
                const lines = data.pages.flatMap((page) => page.data);
                return (
                    <Stack gap={0}>
                        <ScrollTable label={t('card.tab.ledger')} minWidth={680}>
                            <Table.Thead>
                                <Table.Tr>
                                    <Table.Th>{t('ledger.at')}</Table.Th>
                                    <Table.Th ta="right">{t('ledger.amount')}</Table.Th>
                                    <Table.Th>{t('ledger.kind')}</Table.Th>
                                    <Table.Th>{t('ledger.cause')}</Table.Th>
                                </Table.Tr>
                            </Table.Thead>
                            <Table.Tbody>
                                {lines.map((line) => (
                                    <Table.Tr key={line.id}>
                                        <Table.Td>{f.dateTime(line.at)}</Table.Td>
                                        <Table.Td
                                            ta="right"
                                            fw={600}
                                            c={line.amount < 0 ? 'red.9' : 'teal.9'}
                                        >
                                            {line.amount > 0 ? '+' : ''}
                                            {f.bonusAmount(line.amount)}
                                        </Table.Td>
                                        <Table.Td>{word(t, 'ledgerKind', line.kind)}</Table.Td>
                                        <Table.Td>
                                            <CauseText cause={line.cause} t={t} />
                                        </Table.Td>
                                    </Table.Tr>
                                ))}
                            </Table.Tbody>
                        </ScrollTable>
                        <ShowMore
                            shown={lines.length}
                            hasMore={ledger.hasNextPage}
                            loading={ledger.isFetchingNextPage}
                            onMore={() => void ledger.fetchNextPage()}
                        />
                    </Stack>
                );
            }}
        </SectionState>
    );
}
