import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import type { ChainStatus } from '../../api/chain-types';
import { useChainMove } from '../../api/chains';
import { ConfirmModal, DialogButtons } from '../../app/dialog-parts';
import { ErrorState } from '../../app/error-state';
import { useT } from '../../i18n/locale-provider';

/** The shortest reason the API takes. */
const REASON_MIN = 3;

/** Asks why a chain is paused or archived (required, audited), then does it. */
function ReasonDialog({
    kind,
    name,
    pending,
    error,
    onMove,
    onClose,
}: {
    kind: 'pause' | 'archive';
    name: string;
    pending: boolean;
    error: unknown;
    onMove(reason: string): void;
    onClose(): void;
}) {
    const t = useT();
    const [reason, setReason] = useState('');
    const [problem, setProblem] = useState<string | null>(null);
    const submit = (event: FormEvent) => {
        event.preventDefault();
        const trimmed = reason.trim();
        if (trimmed.length < REASON_MIN) {
            setProblem(t('chains.move.reasonRequired', { min: REASON_MIN }));
            return;
        }
        setProblem(null);
        onMove(trimmed);
    };
    return (
        <Modal opened onClose={onClose} title={t(`chains.move.${kind}Title`, { name })} centered>
            <form onSubmit={submit} noValidate>
                <Stack gap="md">
                    <Text size="sm">{t(`chains.move.${kind}Explain`)}</Text>
                    <Textarea
                        label={t('chains.move.reason')}
                        required
                        autosize
                        minRows={2}
                        maxLength={500}
                        value={reason}
                        error={problem}
                        styles={{ error: { color: 'var(--mantine-color-red-9)' } }}
                        onChange={(e) => setReason(e.currentTarget.value)}
                        data-autofocus
                    />
                    {error != null && <ErrorState error={error} />}
                    <DialogButtons
                        label={t(`chains.move.${kind}`)}
                        color={kind === 'archive' ? 'red.9' : undefined}
                        loading={pending}
                        onCancel={onClose}
                    />
                </Stack>
            </form>
        </Modal>
    );
}

/**
 * A chain's moves for its status: switch on (a draft or paused one, with a
 * confirm saying what starts), pause (active) and archive (not archived),
 * both asking for the reason.
 */
export function ChainControls({
    id,
    name,
    status,
    size = 'xs',
}: {
    id: number;
    name: string;
    status: ChainStatus;
    size?: 'xs' | 'sm';
}) {
    const t = useT();
    const move = useChainMove(id);
    const [open, setOpen] = useState<'activate' | 'pause' | 'archive' | null>(null);
    const close = () => {
        setOpen(null);
        move.reset();
    };
    const done = (message: string) => {
        close();
        notifications.show({ color: 'teal', message });
    };
    if (status === 'archived') return null;
    return (
        <Group gap="xs" wrap="nowrap">
            {(status === 'draft' || status === 'paused') && (
                <Button
                    size={size}
                    onClick={() => setOpen('activate')}
                    aria-label={t('chains.move.activateNamed', { name })}
                >
                    {t('chains.move.activate')}
                </Button>
            )}
            {status === 'active' && (
                <Button
                    size={size}
                    variant="default"
                    onClick={() => setOpen('pause')}
                    aria-label={t('chains.move.pauseNamed', { name })}
                >
                    {t('chains.move.pause')}
                </Button>
            )}
            <Button
                size={size}
                variant="subtle"
                color="red"
                c="red.9"
                onClick={() => setOpen('archive')}
                aria-label={t('chains.move.archiveNamed', { name })}
            >
                {t('chains.move.archive')}
            </Button>
            <ConfirmModal
                opened={open === 'activate'}
                title={t('chains.move.activateTitle', { name })}
                confirmLabel={t('chains.move.activate')}
                loading={move.isPending}
                error={move.error}
                onConfirm={() =>
                    move.mutate(
                        { kind: 'activate' },
                        { onSuccess: () => done(t('chains.move.activated', { name })) },
                    )
                }
                onClose={close}
            >
                <Text size="sm">{t('chains.move.activateExplain')}</Text>
            </ConfirmModal>
            {(open === 'pause' || open === 'archive') && (
                <ReasonDialog
                    kind={open}
                    name={name}
                    pending={move.isPending}
                    error={move.error}
                    onMove={(reason) =>
                        move.mutate(
                            { kind: open, reason },
                            { onSuccess: () => done(t(`chains.move.${open}d`, { name })) },
                        )
                    }
                    onClose={close}
                />
            )}
        </Group>
    );
}
