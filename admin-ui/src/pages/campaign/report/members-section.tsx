import { Button, Group, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { MEMBER_PAGE_SIZE, membersCsvUrl, useCampaignMembers } from '../../../api/campaign';
import { useSession } from '../../../api/session';
import { ScrollTable } from '../../../app/desk-table';
import { Loaded } from '../../../app/list-parts';
import { ClientPager } from '../../../app/list-paging';
import { useFormat } from '../../../format/use-format';
import { useT } from '../../../i18n/locale-provider';
import { canControl } from '../campaign-words';
import { Section } from '../section';

type Group = '' | 'test' | 'control';

/**
 * The campaign's members page by page (cards masked), filtered by group,
 * with the CSV export of whole cards for admins and marketers (audited).
 */
export function MembersSection({ campaignId }: { campaignId: number }) {
    const t = useT();
    const f = useFormat();
    const role = useSession().data?.user.role;
    const [group, setGroup] = useState<Group>('');
    const [page, setPage] = useState(1);
    const members = useCampaignMembers(campaignId, page, group);
    const title = t('campaign.members');
    const yes = (v: boolean | null) => (v === null ? '—' : v ? t('campaign.yes') : t('campaign.no'));
    return (
        <Section
            title={title}
            actions={
                canControl(role) && (
                    <Button
                        component="a"
                        href={membersCsvUrl(campaignId, group)}
                        download
                        variant="default"
                        size="xs"
                    >
                        {t('campaign.members.export')}
                    </Button>
                )
            }
        >
            <Stack gap="sm">
                <SegmentedControl
                    aria-label={t('campaign.members.group')}
                    w="fit-content"
                    value={group}
                    onChange={(v) => {
                        setGroup(v as Group);
                        setPage(1);
                    }}
                    data={[
                        { value: '', label: t('campaign.members.all') },
                        { value: 'test', label: t('campaign.group.test') },
                        { value: 'control', label: t('campaign.group.control') },
                    ]}
                />
                <Loaded query={members}>
                    {() => {
                        const data = members.data!;
                        const pages = Math.max(1, Math.ceil(data.total / MEMBER_PAGE_SIZE));
                        return (
                            <>
                                <Text size="sm" c="dimmed">
                                    {t('campaign.members.total', { count: data.total })}
                                </Text>
                                <ScrollTable label={title} minWidth={760}>
                                    <Table.Thead>
                                        <Table.Tr>
                                            <Table.Th>{t('campaign.members.card')}</Table.Th>
                                            <Table.Th>{t('campaign.members.groupColumn')}</Table.Th>
                                            <Table.Th>{t('campaign.members.assigned')}</Table.Th>
                                            <Table.Th>{t('campaign.members.windowEnds')}</Table.Th>
                                            <Table.Th>{t('campaign.members.converted')}</Table.Th>
                                            <Table.Th ta="right">{t('campaign.members.revenue')}</Table.Th>
                                            <Table.Th>{t('campaign.members.offerUsed')}</Table.Th>
                                        </Table.Tr>
                                    </Table.Thead>
                                    <Table.Tbody>
                                        {data.members.map((m) => (
                                            <Table.Tr key={m.customerId}>
                                                <Table.Td>{m.card}</Table.Td>
                                                <Table.Td>{t(`campaign.group.${m.group}`)}</Table.Td>
                                                <Table.Td>{f.day(m.assignmentDay)}</Table.Td>
                                                <Table.Td>
                                                    {f.dateTime(m.windowEndsAt)}
                                                    {!m.mature && (
                                                        <Text size="xs" c="dimmed">
                                                            {t('campaign.members.open')}
                                                        </Text>
                                                    )}
                                                </Table.Td>
                                                <Table.Td>{yes(m.converted)}</Table.Td>
                                                <Table.Td ta="right">{f.money(m.revenueInWindow)}</Table.Td>
                                                <Table.Td>{yes(m.offerUsed)}</Table.Td>
                                            </Table.Tr>
                                        ))}
                                    </Table.Tbody>
                                </ScrollTable>
                                <ClientPager page={page} total={pages} setPage={setPage} />
                            </>
                        );
                    }}
                </Loaded>
            </Stack>
        </Section>
    );
}
