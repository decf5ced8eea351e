import { Anchor, Badge, Button, Group, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import { Link } from 'react-router';
import type { StoreView } from '../../api/contract';
import { rowsOf } from '../../api/paging';
import { useSession } from '../../api/session';
import { useStorePages } from '../../api/stores';
import { useChain } from '../../app/chain-provider';
import { DataTable, Loaded, LoadMore, PageHeader } from '../../app/list-parts';
import { useT } from '../../i18n/locale-provider';
import { StoreFormModal } from './store-form-modal';

/** The open store form: a new store, or the store being changed. */
type Editing = { store: StoreView | null } | null;

/** One store's row; an administrator gets "edit" and a link to its POS keys. */
function StoreRow({ store, isAdmin, edit }: { store: StoreView; isAdmin: boolean; edit(): void }) {
    const t = useT();
    const chain = useChain();
    const intl = useIntl();
    return (
        <Table.Tr>
            <Table.Td>
                <Text ff="monospace" size="sm">
                    {store.code}
                </Text>
            </Table.Td>
            <Table.Td>{store.name}</Table.Td>
            <Table.Td>
                {store.timezone ?? (
                    <Text span c="dimmed" size="sm">
                        {t('stores.chainTimezone', { timezone: chain.timezone })}
                    </Text>
                )}
            </Table.Td>
            <Table.Td>{store.address ?? '—'}</Table.Td>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {store.location ? (
                    `${intl.formatNumber(store.location.lat, { maximumFractionDigits: 6 })}, ${intl.formatNumber(store.location.lon, { maximumFractionDigits: 6 })}`
                ) : (
                    <Text span c="dimmed" size="sm">
                        {t('stores.noLocation')}
                    </Text>
                )}
            </Table.Td>
            <Table.Td>
                <Badge variant="light" color={store.activeKeys ? 'teal' : 'gray'} miw="max-content">
                    {t('stores.keyCount', { count: store.activeKeys })}
                </Badge>
            </Table.Td>
            {isAdmin && (
                <Table.Td>
                    <Group gap="sm" wrap="nowrap">
                        <Button
                            size="compact-sm"
                            variant="light"
                            onClick={edit}
                            aria-label={t('stores.editOne', { name: store.name })}
                        >
                            {t('common.edit')}
                        </Button>
                        <Anchor
                            component={Link}
                            to={`/stores/${encodeURIComponent(store.code)}/keys`}
                            size="sm"
                            aria-label={t('stores.keysOf', { name: store.name })}
                        >
                            {t('stores.keys')}
                        </Anchor>
                    </Group>
                </Table.Td>
            )}
        </Table.Tr>
    );
}

/**
 * Stores with their timezone, address and active POS keys. An administrator
 * creates and edits stores and opens each one's POS keys; a manager sees
 * only their own stores, read-only.
 */
export default function StoresPage() {
    const t = useT();
    const isAdmin = useSession().data?.user.role === 'admin';
    const stores = useStorePages();
    const [editing, setEditing] = useState<Editing>(null);
    const rows = rowsOf(stores.data?.pages);
    const columns = [
        t('stores.code'),
        t('stores.name'),
        t('stores.timezone'),
        t('stores.address'),
        t('stores.location'),
        t('stores.activeKeys'),
        ...(isAdmin ? [t('common.actions')] : []),
    ];
    return (
        <>
            <PageHeader title={t('stores.title')}>
                {isAdmin && <Button onClick={() => setEditing({ store: null })}>{t('stores.new')}</Button>}
            </PageHeader>
            <Loaded query={stores}>
                {() => (
                    <>
                        <DataTable
                            caption={t('stores.caption')}
                            columns={columns}
                            minWidth={720}
                            isEmpty={rows.length === 0}
                            emptyText={t('stores.empty')}
                        >
                            {rows.map((store) => (
                                <StoreRow
                                    key={store.id}
                                    store={store}
                                    isAdmin={isAdmin}
                                    edit={() => setEditing({ store })}
                                />
                            ))}
                        </DataTable>
                        <LoadMore query={stores} shown={rows.length} />
                    </>
                )}
            </Loaded>
            {editing && (
                <StoreFormModal
                    key={editing.store?.code ?? 'new'}
                    store={editing.store}
                    onClose={() => setEditing(null)}
                />
            )}
        </>
    );
}
