import { Alert, Button, Group, Modal, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { useT } from '../i18n/locale-provider';
import { errorMessage } from './error-state';

/** Props of {@link DialogButtons}. */
export interface DialogButtonsProps {
    /** The main button's text. */
    label: string;
    /** `red` for what cannot be undone. */
    color?: string;
    loading?: boolean;
    /** Without it the main button submits the form it is in. */
    onConfirm?(): void;
    onCancel(): void;
}

/** A dialog's footer: Cancel, then the main action (a form's submit button unless `onConfirm` is given). */
export function DialogButtons(props: DialogButtonsProps) {
    const t = useT();
    return (
        <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={props.onCancel}>
                {t('common.cancel')}
            </Button>
            <Button
                type={props.onConfirm ? 'button' : 'submit'}
                color={props.color}
                loading={props.loading}
                onClick={props.onConfirm}
            >
                {props.label}
            </Button>
        </Group>
    );
}

/** Props of {@link ConfirmModal}. */
export interface ConfirmModalProps {
    opened: boolean;
    title: string;
    /** What the action will do, said before it is done. */
    children: ReactNode;
    confirmLabel: string;
    /** `red` for what cannot be undone (revoke, disable). */
    color?: string;
    loading?: boolean;
    /** The failure of the last attempt, shown above the buttons. */
    error?: unknown;
    onConfirm(): void;
    onClose(): void;
}

/** Explains an action and asks to confirm it; Cancel (or Escape) leaves everything as it was. */
export function ConfirmModal(props: ConfirmModalProps) {
    const t = useT();
    return (
        <Modal opened={props.opened} onClose={props.onClose} title={props.title} centered>
            <Stack gap="md">
                <div>{props.children}</div>
                {props.error != null && (
                    <Alert color="red" role="alert">
                        {errorMessage(props.error, t)}
                    </Alert>
                )}
                <DialogButtons
                    label={props.confirmLabel}
                    color={props.color}
                    loading={props.loading}
                    onConfirm={props.onConfirm}
                    onCancel={props.onClose}
                />
            </Stack>
        </Modal>
    );
}
