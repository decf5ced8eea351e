import { Badge } from '@mantine/core';
import type { DashboardView } from '../../../api/contract';
import { useFormat } from '../../../format/use-format';
import { useT } from '../../../i18n/locale-provider';
import { DashboardSection, EmptyNote } from './dashboard-section';
import { FiguresTable } from './figures-table';

type Campaign = DashboardView['campaigns'][number];

/** Campaigns with their members and the measured uplift (a share, with its interval). */
export function CampaignsSection({ campaigns }: { campaigns: DashboardView['campaigns'] }) {
    const t = useT();
    const f = useFormat();
    const uplift = ({ uplift: u }: Campaign) =>
        u
            ? t('dashboard.upliftValue', {
                  estimate: f.percent(u.estimate),
                  low: f.percent(u.low),
                  high: f.percent(u.high),
              })
            : t('dashboard.upliftUnknown');
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
                                <Badge variant="light" color={c.status === 'running' ? 'teal' : 'gray'}>
                                    {c.status}
                                </Badge>
                            ),
                        },
                        {
                            header: t('dashboard.campaignMembers'),
                            cell: (c) => f.count(c.members),
                            numeric: true,
                        },
                        { header: t('dashboard.campaignUplift'), cell: uplift, numeric: true },
                    ]}
                />
            )}
        </DashboardSection>
    );
}
