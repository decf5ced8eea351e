import { Badge, Button, Menu, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { type ReactNode, useMemo, useState } from 'react';
import type { AdminUserView } from '../../api/contract';
import { rowsOf } from '../../api/paging';
import { useSession } from '../../api/session';
import { useAllStores } from '../../api/stores';
import { useUpdateUser, useUserPages } from '../../api/users';
import { ConfirmModal } from '../../app/dialog-parts';
import { DataTable, Loaded, LoadMore, Moment, PageHeader } from '../../app/list-parts';
import { useUrlFilters } from '../../app/use-url-filters';
import { useT } from '../../i18n/locale-provider';
import { ResetPasswordModal } from './reset-password-modal';
import { UserFormModal } from './user-form-modal';

const FILTERS = ['q'] as const;

/** The dialog open on the page, if any. */
type Dialog = { kind: 'create' } | { kind: 'edit' | 'password' | 'toggle'; user: AdminUserView } | null;

/** One user's actions: edit, reset password, disable or enable (each explained before it is done). */
function UserActions({
    user,
    self,
    open,
}: {
    user: AdminUserView;
    self: boolean;
    open(dialog: Dialog): void;
}) {
    const t = useT();
    return (
        <Menu position="bottom-end" withinPortal>
            <Menu.Target>
                <Button
                    size="compact-sm"
                    variant="light"
                    rightSection={<span aria-hidden>▾</span>}
                    aria-label={t('users.actionsFor', { name: user.username })}
                >
                    {t('common.actions')}
                </Button>
            </Menu.Target>
            <Menu.Dropdown>
                <Menu.Item onClick={() => open({ kind: 'edit', user })}>{t('users.edit')}</Menu.Item>
                <Menu.Item onClick={() => open({ kind: 'password', user })}>{t('users.reset')}</Menu.Item>
                {!self && (
                    <Menu.Item
                        color={user.disabled ? undefined : 'red'}
                        onClick={() => open({ kind: 'toggle', user })}
                    >
                        {user.disabled ? t('users.enable') : t('users.disable')}
                    </Menu.Item>
                )}
            </Menu.Dropdown>
        </Menu>
    );
}

/** One user's row: username, name, role, stores (by code), state, last sign-in, and the actions menu. */
function UserRow(props: { user: AdminUserView; storeCodes: Map<number, string>; actions: ReactNode }) {
    const t = useT();
    const { user } = props;
    return (
        <Table.Tr>
            <Table.Td>
                <Text ff="monospace" size="sm">
                    {user.username}
                </Text>
            </Table.Td>
            <Table.Td>{user.displayName ?? '—'}</Table.Td>
            <Table.Td>{t(`role.${user.role}`)}</Table.Td>
            <Table.Td>
                {user.storeIds.length
                    ? user.storeIds.map((id) => props.storeCodes.get(id) ?? `#${id}`).join(', ')
                    : '—'}
            </Table.Td>
            <Table.Td>
                <Badge color={user.disabled ? 'gray' : 'teal'} variant="light" miw="max-content">
                    {user.disabled ? t('users.disabled') : t('users.active')}
                </Badge>
            </Table.Td>
            <Table.Td>
                <Moment iso={user.lastLoginAt} empty={t('users.neverSignedIn')} />
            </Table.Td>
            <Table.Td>{props.actions}</Table.Td>
        </Table.Tr>
    );
}

/** Admin users (admin only): search, create, edit role/stores/name, reset a password, disable or enable. */
export default function UsersPage() {
    const t = useT();
    const selfId = useSession().data?.user.id;
    const { values, setFilters } = useUrlFilters(FILTERS);
    const [search, setSearch] = useState(values.q);
    const applySearch = useDebouncedCallback((q: string) => setFilters({ q: q.trim() }), 300);
    const users = useUserPages(values.q);
    const stores = useAllStores();
    const storeCodes = useMemo(() => new Map((stores.data ?? []).map((s) => [s.id, s.code])), [stores.data]);
    const update = useUpdateUser();
    const [dialog, setDialog] = useState<Dialog>(null);
    const close = () => {
        setDialog(null);
        update.reset();
    };
    const rows = rowsOf(users.data?.pages);
    const toggled = dialog?.kind === 'toggle' ? dialog.user : null;
    return (
        <>
            <PageHeader title={t('users.title')}>
                <Button onClick={() => setDialog({ kind: 'create' })}>{t('users.new')}</Button>
            </PageHeader>
            <TextInput
                type="search"
                label={t('users.search')}
                description={t('users.searchHint')}
                value={search}
                onChange={(event) => {
                    setSearch(event.currentTarget.value);
                    applySearch(event.currentTarget.value);
                }}
                maw={360}
                mb="md"
            />
            <Loaded query={users}>
                {() => (
                    <>
                        <DataTable
                            caption={t('users.caption')}
                            columns={[
                                t('users.username'),
                                t('users.displayName'),
                                t('users.role'),
                                t('users.stores'),
                                t('users.state'),
                                t('users.lastLogin'),
                                t('common.actions'),
                            ]}
                            minWidth={760}
                            isEmpty={rows.length === 0}
                            emptyText={t('users.empty')}
                        >
                            {rows.map((user) => (
                                <UserRow
                                    key={user.id}
                                    user={user}
                                    storeCodes={storeCodes}
                                    actions={
                                        <UserActions user={user} self={user.id === selfId} open={setDialog} />
                                    }
                                />
                            ))}
                        </DataTable>
                        <LoadMore query={users} shown={rows.length} />
                    </>
                )}
            </Loaded>
            {(dialog?.kind === 'create' || dialog?.kind === 'edit') && (
                <UserFormModal user={dialog.kind === 'edit' ? dialog.user : null} onClose={close} />
            )}
            {dialog?.kind === 'password' && <ResetPasswordModal user={dialog.user} onClose={close} />}
            <ConfirmModal
                opened={toggled !== null}
                title={toggled?.disabled ? t('users.enableTitle') : t('users.disableTitle')}
                confirmLabel={toggled?.disabled ? t('users.enable') : t('users.disable')}
                color={toggled?.disabled ? undefined : 'red'}
                loading={update.isPending}
                error={update.error}
                onClose={close}
                onConfirm={() =>
                    toggled &&
                    update.mutate(
                        { id: toggled.id, patch: { disabled: !toggled.disabled } },
                        { onSuccess: close },
                    )
                }
            >
                <Text size="sm">
                    {toggled?.disabled
                        ? t('users.enableExplain', { name: toggled.username })
                        : t('users.disableExplain', { name: toggled?.username ?? '' })}
                </Text>
            </ConfirmModal>
        </>
    );
}
