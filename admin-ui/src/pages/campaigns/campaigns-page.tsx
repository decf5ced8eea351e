import { Anchor, Button, Table, Text } from '@mantine/core';
import { useIntl } from 'react-intl';
import { Link } from 'react-router';
import { type CampaignOverviewItem, useCampaignOverview } from '../../api/campaigns';
import { useSession } from '../../api/session';
import { DataTable, Loaded, Moment, PageHeader } from '../../app/list-parts';
import { StatusBadge, type Tone } from '../../app/status-badge';
import { useFormat } from '../../format/use-format';
import { useT } from '../../i18n/locale-provider';
import { isMessageId } from '../../i18n/messages';

const TONE: Record<string, Tone> = {
    draft: 'neutral',
    scheduled: 'info',
    active: 'ok',
    paused: 'warn',
    finished: 'mark',
};

/** An estimate with its 95% interval below it, or a dash while unknown. */
function WithInterval({ value, show }: { value: CampaignOverviewItem['uplift']; show(x: number): string }) {
    const t = useT();
    if (!value)
        return (
            <Text span c="dimmed" inherit>
                —
            </Text>
        );
    return (
        <>
            <Text span inherit fw={600} style={{ whiteSpace: 'nowrap' }}>
                {show(value.estimate)}
            </Text>
            {value.low !== null && value.high !== null && (
                <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                    {t('campaigns.list.interval', { low: show(value.low), high: show(value.high) })}
                </Text>
            )}
        </>
    );
}

/** One campaign: name (to its page), status, dates, members, running uplift and ROMI. */
function CampaignRow({ c }: { c: CampaignOverviewItem }) {
    const t = useT();
    const f = useFormat();
    const intl = useIntl();
    const statusId = `campaignStatus.${c.status}`;
    return (
        <Table.Tr>
            <Table.Td miw={200}>
                <Anchor component={Link} to={String(c.id)} fw={500}>
                    {c.name}
                </Anchor>
                <Text size="xs" c="dimmed" ff="monospace">
                    {c.code} · {c.categoryCode ?? '—'}
                </Text>
            </Table.Td>
            <Table.Td>
                <StatusBadge tone={TONE[c.status] ?? 'neutral'} tt="none" miw="max-content">
                    {isMessageId(statusId) ? t(statusId) : c.status}
                </StatusBadge>
            </Table.Td>
            <Table.Td>
                <Moment iso={c.launchedAt ?? c.startsAt} empty={t('campaigns.list.notStarted')} />
            </Table.Td>
            <Table.Td>
                <Moment iso={c.finishedAt ?? c.endsAt} empty={t('campaigns.list.noEnd')} />
            </Table.Td>
            <Table.Td style={{ textAlign: 'right' }}>
                {c.members === null ? (
                    <Text span c="dimmed" inherit>
                        {t('campaigns.list.computing')}
                    </Text>
                ) : (
                    f.count(c.members)
                )}
            </Table.Td>
            <Table.Td style={{ textAlign: 'right' }}>
                <WithInterval
                    value={c.uplift}
                    show={(x) =>
                        t('campaigns.list.pp', {
                            value: intl.formatNumber(x * 100, {
                                minimumFractionDigits: 1,
                                maximumFractionDigits: 1,
                            }),
                        })
                    }
                />
            </Table.Td>
            <Table.Td style={{ textAlign: 'right' }}>
                <WithInterval value={c.romi} show={(x) => f.percent(x)} />
            </Table.Td>
        </Table.Tr>
    );
}

/** Every campaign with its status, dates, members, running conversion uplift and ROMI. */
export default function CampaignsPage() {
    const t = useT();
    const role = useSession().data?.user.role;
    const overview = useCampaignOverview();
    const canDesign = role === 'admin' || role === 'marketer';
    return (
        <>
            <PageHeader title={t('campaigns.list.title')}>
                {canDesign && (
                    <Button component={Link} to="new">
                        {t('campaigns.list.new')}
                    </Button>
                )}
            </PageHeader>
            <Text size="sm" c="dimmed" mb="sm">
                {t('campaigns.list.explain')}
            </Text>
            <Loaded query={overview}>
                {() => (
                    <DataTable
                        caption={t('campaigns.list.title')}
                        minWidth={900}
                        columns={[
                            t('campaigns.list.campaign'),
                            t('campaigns.list.state'),
                            t('campaigns.list.started'),
                            t('campaigns.list.ends'),
                            t('campaigns.list.members'),
                            t('campaigns.list.uplift'),
                            t('campaigns.list.romi'),
                        ]}
                        emptyText={t('campaigns.list.empty')}
                        isEmpty={overview.data?.campaigns.length === 0}
                    >
                        {overview.data?.campaigns.map((c) => (
                            <CampaignRow key={c.id} c={c} />
                        ))}
                    </DataTable>
                )}
            </Loaded>
        </>
    );
}
