import { Alert, Anchor, Badge, Button, Modal, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { NewPosKey, PosKeyView } from '../../api/contract';
import { useAllStores, useCreatePosKey, usePosKeys, useRevokePosKey } from '../../api/stores';
import { ConfirmModal, DialogButtons } from '../../app/dialog-parts';
import { errorMessage } from '../../app/error-state';
import { DataTable, Loaded, Moment, PageHeader } from '../../app/list-parts';
import { useT } from '../../i18n/locale-provider';
import { PosKeySecretModal } from './pos-key-secret-modal';

/** Asks for an optional label, then creates the key; the caller shows the secret. */
function NewKeyModal({
    code,
    onClose,
    onCreated,
}: {
    code: string;
    onClose(): void;
    onCreated(created: NewPosKey): void;
}) {
    const t = useT();
    const create = useCreatePosKey(code);
    const [label, setLabel] = useState('');
    return (
        <Modal centered opened onClose={onClose} title={t('posKeys.new')}>
            <form
                noValidate
                onSubmit={(event) => {
                    event.preventDefault();
                    create.mutate(label.trim() || null, { onSuccess: onCreated });
                }}
            >
                <Stack gap="md">
                    <Text size="sm">{t('posKeys.newExplain')}</Text>
                    {create.isError && (
                        <Alert color="red" role="alert">
                            {errorMessage(create.error, t)}
                        </Alert>
                    )}
                    <TextInput
                        label={t('posKeys.label')}
                        description={t('posKeys.labelHint')}
                        maxLength={255}
                        value={label}
                        onChange={(event) => setLabel(event.currentTarget.value)}
                        data-autofocus
                    />
                    <DialogButtons
                        label={t('posKeys.create')}
                        loading={create.isPending}
                        onCancel={onClose}
                    />
                </Stack>
            </form>
        </Modal>
    );
}

/** One key's row: hint, label, created, last use, state, and "revoke" while it works. */
function KeyRow({ posKey, onRevoke }: { posKey: PosKeyView; onRevoke(): void }) {
    const t = useT();
    const name = posKey.label ?? posKey.hint;
    return (
        <Table.Tr>
            <Table.Td>
                <Text ff="monospace" size="sm">
                    {posKey.hint}…
                </Text>
            </Table.Td>
            <Table.Td>{posKey.label ?? '—'}</Table.Td>
            <Table.Td>
                <Moment iso={posKey.createdAt} />
            </Table.Td>
            <Table.Td>
                <Moment iso={posKey.lastUsedAt} empty={t('posKeys.neverUsed')} />
                {posKey.lastUsedIp && (
                    <Text size="xs" c="dimmed">
                        {t('posKeys.fromIp', { ip: posKey.lastUsedIp })}
                    </Text>
                )}
            </Table.Td>
            <Table.Td>
                {posKey.revokedAt ? (
                    <Stack gap={2}>
                        <Badge color="gray" variant="light" miw="max-content">
                            {t('posKeys.revoked')}
                        </Badge>
                        <Text size="xs" c="dimmed">
                            <Moment iso={posKey.revokedAt} />
                        </Text>
                    </Stack>
                ) : (
                    <Badge color="teal" variant="light" miw="max-content">
                        {t('posKeys.active')}
                    </Badge>
                )}
            </Table.Td>
            <Table.Td>
                {!posKey.revokedAt && (
                    <Button
                        size="compact-sm"
                        color="red"
                        variant="light"
                        onClick={onRevoke}
                        aria-label={t('posKeys.revokeOne', { name })}
                    >
                        {t('posKeys.revoke')}
                    </Button>
                )}
            </Table.Td>
        </Table.Tr>
    );
}

/** A store's POS keys (admin): list them, create one (its secret shown once), revoke one. */
export default function PosKeysPage() {
    const t = useT();
    const code = useParams().code ?? '';
    const store = useAllStores().data?.find((s) => s.code === code);
    const keys = usePosKeys(code);
    const revoke = useRevokePosKey();
    const [creating, setCreating] = useState(false);
    const [created, setCreated] = useState<NewPosKey | null>(null);
    const [revoking, setRevoking] = useState<PosKeyView | null>(null);
    const closeRevoke = () => {
        setRevoking(null);
        revoke.reset();
    };
    return (
        <>
            <Anchor component={Link} to="/stores" size="sm">
                {t('posKeys.back')}
            </Anchor>
            <PageHeader title={t('posKeys.title', { store: store ? `${store.name} (${code})` : code })}>
                <Button onClick={() => setCreating(true)}>{t('posKeys.new')}</Button>
            </PageHeader>
            <Loaded query={keys}>
                {() => (
                    <DataTable
                        caption={t('posKeys.caption')}
                        columns={[
                            t('posKeys.hint'),
                            t('posKeys.label'),
                            t('posKeys.createdAt'),
                            t('posKeys.lastUsed'),
                            t('posKeys.state'),
                            t('common.actions'),
                        ]}
                        minWidth={760}
                        isEmpty={keys.data?.length === 0}
                        emptyText={t('posKeys.empty')}
                    >
                        {keys.data?.map((posKey) => (
                            <KeyRow key={posKey.id} posKey={posKey} onRevoke={() => setRevoking(posKey)} />
                        ))}
                    </DataTable>
                )}
            </Loaded>
            {creating && (
                <NewKeyModal
                    code={code}
                    onClose={() => setCreating(false)}
                    onCreated={(answer) => {
                        setCreating(false);
                        setCreated(answer);
                    }}
                />
            )}
            {created && <PosKeySecretModal created={created} onClose={() => setCreated(null)} />}
            <ConfirmModal
                opened={revoking !== null}
                title={t('posKeys.revokeTitle')}
                confirmLabel={t('posKeys.revoke')}
                color="red"
                loading={revoke.isPending}
                error={revoke.error}
                onClose={closeRevoke}
                onConfirm={() => revoking && revoke.mutate(revoking.id, { onSuccess: closeRevoke })}
            >
                <Text size="sm">
                    {t('posKeys.revokeExplain', { name: revoking?.label ?? revoking?.hint ?? '' })}
                </Text>
            </ConfirmModal>
        </>
    );
}
