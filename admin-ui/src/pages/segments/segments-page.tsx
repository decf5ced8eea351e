import { Anchor, Button, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useSegments } from '../../api/segments';
import { useSession } from '../../api/session';
import { DataTable, Loaded, Moment, PageHeader } from '../../app/list-parts';
import { useFormat } from '../../format/use-format';
import { useT } from '../../i18n/locale-provider';

/**
 * The chain's live custom segments (`segments`): name (a link to its
 * editor), how many customers it selects now, and when it last changed.
 * Editors create segments here; an analyst reads.
 */
export default function SegmentsPage() {
    const t = useT();
    const f = useFormat();
    const role = useSession().data?.user.role;
    const canEdit = role === 'admin' || role === 'marketer';
    const segments = useSegments();
    const rows = segments.data ?? [];
    return (
        <>
            <PageHeader title={t('segments.title')}>
                {canEdit && (
                    <Button component={Link} to="/segments/new">
                        {t('segments.new')}
                    </Button>
                )}
            </PageHeader>
            <Text size="sm" c="dimmed" mb="md">
                {t('segments.intro')}
            </Text>
            <Loaded query={segments}>
                {() => (
                    <DataTable
                        caption={t('segments.caption')}
                        columns={[
                            t('segments.column.name'),
                            t('segments.column.count'),
                            t('segments.column.updated'),
                        ]}
                        minWidth={480}
                        emptyText={t('segments.empty')}
                        isEmpty={rows.length === 0}
                    >
                        {rows.map((segment) => (
                            <Table.Tr key={segment.id}>
                                <Table.Td>
                                    <Anchor component={Link} to={`/segments/${segment.id}`} size="sm">
                                        {segment.name}
                                    </Anchor>
                                    {segment.description && (
                                        <Text size="xs" c="dimmed">
                                            {segment.description}
                                        </Text>
                                    )}
                                </Table.Td>
                                <Table.Td>{segment.count === null ? '—' : f.count(segment.count)}</Table.Td>
                                <Table.Td>
                                    <Moment iso={segment.updatedAt} />
                                </Table.Td>
                            </Table.Tr>
                        ))}
                    </DataTable>
                )}
            </Loaded>
        </>
    );
}
