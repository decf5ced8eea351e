import { Anchor, Button, Group, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { type CategoryView, rebuildActive, useCategories } from '../../api/categories';
import { useSession } from '../../api/session';
import { ScrollTable } from '../../app/desk-table';
import { Loaded, PageHeader } from '../../app/list-parts';
import { StatusBadge } from '../../app/status-badge';
import { useFormat } from '../../format/use-format';
import { useT } from '../../i18n/locale-provider';

/** A category's rules in short: its ATC prefixes, then how many SKUs. */
function Rules({ category }: { category: CategoryView }) {
    const t = useT();
    const parts = [
        ...(category.atcPrefixes.length ? [category.atcPrefixes.join(', ')] : []),
        ...(category.skus.length ? [t('categories.skuCount', { count: category.skus.length })] : []),
    ];
    return (
        <Text size="xs" c="dimmed">
            {t('categories.rulesShort', { rules: parts.join(' + ') })}
        </Text>
    );
}

/** One category's row: name (a link to its editor) with its code, kind, rebuild and rules; its reach. */
function CategoryRow({ category }: { category: CategoryView }) {
    const t = useT();
    const format = useFormat();
    const reach = category.reach;
    const rebuilding = rebuildActive(category.rebuild);
    return (
        <Table.Tr>
            <Table.Td>
                <Anchor component={Link} to={`/categories/${encodeURIComponent(category.code)}`} size="sm">
                    {category.name}
                </Anchor>
                <Group gap={6} mt={2}>
                    <Text size="xs" c="dimmed" ff="monospace">
                        {category.code}
                    </Text>
                    {category.chronic ? (
                        <StatusBadge tone="info" size="xs" miw="max-content">
                            {t('categories.kind.chronic')}
                        </StatusBadge>
                    ) : (
                        <StatusBadge tone="neutral" size="xs" miw="max-content">
                            {t('categories.kind.other')}
                        </StatusBadge>
                    )}
                    {!category.active && (
                        <StatusBadge tone="warn" size="xs" miw="max-content">
                            {t('categories.inactive')}
                        </StatusBadge>
                    )}
                    {(rebuilding || category.rebuild?.state === 'failed') && (
                        <StatusBadge tone={rebuilding ? 'mark' : 'bad'} size="xs" miw="max-content">
                            {t(rebuilding ? 'categories.rebuilding' : 'categories.rebuild.state.failed')}
                        </StatusBadge>
                    )}
                </Group>
                <Rules category={category} />
            </Table.Td>
            <Table.Td ta="right">{reach ? format.count(reach.buyers) : '—'}</Table.Td>
            <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                {reach ? format.money(reach.revenue) : '—'}
            </Table.Td>
            <Table.Td ta="right">
                {reach && category.chronic ? format.count(reach.lapsedBuyers) : '—'}
            </Table.Td>
        </Table.Tr>
    );
}

/**
 * The chain's categories, chronic ones first, biggest revenue first, each
 * with its reach: buyers of the last 12 months, their net revenue and the
 * buyers lapsed today. A marketer creates and opens categories here; an
 * analyst reads.
 */
export default function CategoriesPage() {
    const t = useT();
    const role = useSession().data?.user.role;
    const canEdit = role === 'admin' || role === 'marketer';
    const categories = useCategories();
    const rows = categories.data ?? [];
    return (
        <>
            <PageHeader title={t('categories.title')}>
                {canEdit && (
                    <Button component={Link} to="/categories/new">
                        {t('categories.new')}
                    </Button>
                )}
            </PageHeader>
            <Text size="sm" c="dimmed" mb="md">
                {t('categories.intro')}
            </Text>
            <Loaded query={categories}>
                {() => (
                    <ScrollTable label={t('categories.caption')} minWidth={480}>
                        <Table.Thead>
                            <Table.Tr>
                                <Table.Th scope="col">{t('categories.column.name')}</Table.Th>
                                <Table.Th scope="col" ta="right">
                                    {t('categories.column.buyers')}
                                </Table.Th>
                                <Table.Th scope="col" ta="right">
                                    {t('categories.column.revenue')}
                                </Table.Th>
                                <Table.Th scope="col" ta="right">
                                    {t('categories.column.lapsed')}
                                </Table.Th>
                            </Table.Tr>
                        </Table.Thead>
                        <Table.Tbody>
                            {rows.length === 0 && (
                                <Table.Tr>
                                    <Table.Td colSpan={4}>
                                        <Text c="dimmed">{t('categories.empty')}</Text>
                                    </Table.Td>
                                </Table.Tr>
                            )}
                            {rows.map((category) => (
                                <CategoryRow key={category.code} category={category} />
                            ))}
                        </Table.Tbody>
                    </ScrollTable>
                )}
            </Loaded>
        </>
    );
}
