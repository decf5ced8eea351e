import { Badge, Text } from '@mantine/core';
import type { DashboardView } from '../../../api/contract';
import { useFormat } from '../../../format/use-format';
import { useT } from '../../../i18n/locale-provider';
import { isMessageId } from '../../../i18n/messages';
import { DashboardSection, EmptyNote } from './dashboard-section';
import { FiguresTable } from './figures-table';

type Campaign = DashboardView['campaigns'][number];

/** The measured uplift: the estimate, and its interval below it. */
function Uplift({ uplift }: { uplift: Campaign['uplift'] }) {
    const t = useT();
    const f = useFormat();
    if (!uplift)
        return (
            <Text span inherit c="dimmed">
                {t('dashboard.upliftUnknown')}
            </Text>
        );
    return (
        <>
            <Text span inherit fw={600} style={{ whiteSpace: 'nowrap' }}>
                {f.percent(uplift.estimate)}
            </Text>
            <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                {t('dashboard.upliftInterval', { low: f.percent(uplift.low), high: f.percent(uplift.high) })}
            </Text>
        </>
    );
}

/** Campaigns with their members and the measured uplift (a share, with its interval). */
export function CampaignsSection({ campaigns }: { campaigns: DashboardView['campaigns'] }) {
    const t = useT();
    const f = useFormat();
    const status = (c: Campaign) => {
        const id = `campaignStatus.${c.status}`;
        return isMessageId(id) ? t(id) : c.status;
    };
    return (
        <DashboardSection title={t('dashboard.campaigns')}>
            {campaigns.length === 0 ? (
                <EmptyNote />
            ) : (
                <FiguresTable
                    rows={campaigns}
                    rowKey={(c) => c.id}
                    columns={[
                        { header: t('dashboard.campaignName'), cell: (c) => c.name },
                        {
                            header: t('dashboard.campaignStatus'),
                            cell: (c) => (
                                <Badge
                                    variant="filled"
                                    tt="none"
                                    color={c.status === 'active' ? 'teal.9' : 'gray.7'}
                                    styles={{ root: { maxWidth: 'none' }, label: { overflow: 'visible' } }}
                                >
                                    {status(c)}
                                </Badge>
                            ),
                        },
                        {
                            header: t('dashboard.campaignMembers'),
                            cell: (c) => f.count(c.members),
                            numeric: true,
                        },
                        {
                            header: t('dashboard.campaignUplift'),
                            cell: (c) => <Uplift uplift={c.uplift} />,
                            numeric: true,
                        },
                    ]}
                />
            )}
        </DashboardSection>
    );
}
