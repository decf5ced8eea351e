import { Anchor, Stack, Tabs } from '@mantine/core';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { isApiError } from '../../api/api-error';
import { useCustomerCard } from '../../api/customers';
import type { CustomerCard } from '../../api/contract';
import { useSession } from '../../api/session';
import { ErrorState } from '../../app/error-state';
import { MessagePage } from '../../app/message-page';
import { PageLoader } from '../../app/session-guard';
import { type MessageId } from '../../i18n/messages';
import { useT } from '../../i18n/locale-provider';
import { DeskActions, type OpenDialog } from './actions/desk-actions';
import { CardHeader } from './card-header';
import { canActAtDesk } from './desk-words';
import { AuditSection } from './sections/audit-section';
import { CampaignsSection } from './sections/campaigns-section';
import { ConsentsSection } from './sections/consents-section';
import { LedgerSection } from './sections/ledger-section';
import { LifecycleSection } from './sections/lifecycle-section';
import { LotsSection } from './sections/lots-section';
import { MessagesSection } from './sections/messages-section';
import { OffersSection } from './sections/offers-section';
import { ProfileSection } from './sections/profile-section';
import { ReceiptsSection } from './sections/receipts-section';

const TABS = [
    'profile',
    'lots',
    'ledger',
    'receipts',
    'offers',
    'campaigns',
    'messages',
    'consents',
    'audit',
] as const;
type Tab = (typeof TABS)[number];

const TAB_LABELS: Record<Tab, MessageId> = {
    profile: 'card.tab.profile',
    lots: 'card.tab.lots',
    ledger: 'card.tab.ledger',
    receipts: 'card.tab.receipts',
    offers: 'card.tab.offers',
    campaigns: 'card.tab.campaigns',
    messages: 'card.tab.messages',
    consents: 'card.tab.consents',
    audit: 'card.tab.audit',
};

function isTab(value: string | null): value is Tab {
    return (TABS as readonly (string | null)[]).includes(value);
}

function CardBody({ card, requested }: { card: CustomerCard; requested: string }) {
    const t = useT();
    const role = useSession().data?.user.role;
    const [params, setParams] = useSearchParams();
    const [dialog, setDialog] = useState<OpenDialog | null>(null);
    const tab: Tab = isTab(params.get('tab')) ? (params.get('tab') as Tab) : 'profile';
    const customer = card.customer;
    // Sections ask by the customer's current card (a replaced one still leads here).
    const cardNumber = customer.cardNumber;
    const acts = canActAtDesk(role);
    // The audit log is open to admins, analysts and (for customers) managers; not to marketers.
    const tabs = TABS.filter((name) => name !== 'audit' || role !== 'marketer');
    const section = (name: Tab) => {
        switch (name) {
            case 'profile':
                return (
                    <Stack gap="lg">
                        <ProfileSection customer={customer} />
                        <LifecycleSection cardNumber={cardNumber} />
                    </Stack>
                );
            case 'lots':
                return <LotsSection cardNumber={cardNumber} />;
            case 'ledger':
                return <LedgerSection cardNumber={cardNumber} />;
            case 'receipts':
                return <ReceiptsSection cardNumber={cardNumber} />;
            case 'offers':
                return <OffersSection cardNumber={cardNumber} />;
            case 'campaigns':
                return <CampaignsSection cardNumber={cardNumber} />;
            case 'messages':
                return <MessagesSection cardNumber={cardNumber} timezone={customer.timezone} />;
            case 'consents':
                return (
                    <ConsentsSection
                        card={card}
                        onChange={acts ? (target) => setDialog({ kind: 'consent', target }) : undefined}
                    />
                );
            case 'audit':
                return <AuditSection cardNumber={cardNumber} customerId={customer.id} />;
        }
    };
    return (
        <Stack gap="lg">
            <Anchor component={Link} to="/customers" size="sm">
                {t('card.back')}
            </Anchor>
            <CardHeader card={card} requested={requested} />
            {acts && <DeskActions customer={customer} open={dialog} setOpen={setDialog} />}
            <Tabs
                value={tab}
                onChange={(next) =>
                    setParams(next && next !== 'profile' ? { tab: next } : {}, { replace: true })
                }
                keepMounted={false}
            >
                <Tabs.List aria-label={t('card.sections')}>
                    {tabs.map((name) => (
                        <Tabs.Tab key={name} value={name}>
                            {t(TAB_LABELS[name])}
                        </Tabs.Tab>
                    ))}
                </Tabs.List>
                {tabs.map((name) => (
                    <Tabs.Panel key={name} value={name} pt="md">
                        {name === tab && section(name)}
                    </Tabs.Panel>
                ))}
            </Tabs>
        </Stack>
    );
}

/**
 * The customer card: who they are and how to reach them, the card's marks,
 * bonuses (balance, pending, debt), then tabs — lots, the ledger with the
 * cause of every line, receipts with returns, offers, campaigns, messages
 * with their verdicts, consents with history, the audit log — and, for
 * admins and managers, the store desk's actions.
 */
export default function CustomerCardPage() {
    const t = useT();
    const requested = useParams().cardNumber ?? '';
    const card = useCustomerCard(requested);
    if (card.isPending) return <PageLoader />;
    if (isApiError(card.error, 'REFILL_CUSTOMER_NOT_FOUND', 'REFILL_NOT_FOUND'))
        return <MessagePage title={t('card.notFoundTitle')} text={t('card.notFound', { card: requested })} />;
    if (card.isError) return <ErrorState error={card.error} onRetry={() => void card.refetch()} />;
    return <CardBody card={card.data} requested={requested} />;
}
