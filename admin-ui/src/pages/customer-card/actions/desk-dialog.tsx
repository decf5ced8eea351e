import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { isApiError } from '../../../api/api-error';
import { useFormat } from '../../../format/use-format';
import { useT } from '../../../i18n/locale-provider';
import { deskErrorMessage, fieldError } from './desk-error';

/** A reason's length the API accepts. */
export const REASON_MIN = 3;
export const REASON_MAX = 500;

/** The dialog's frame props: the caller decides when it is open. */
export interface DeskDialogFrame {
    opened: boolean;
    onClose: () => void;
}

interface DeskDialogProps extends DeskDialogFrame {
    title: string;
    /** What will happen, said before anything is done. */
    explanation: ReactNode;
    /** The action's own fields, above the reason. */
    children?: ReactNode;
    submitLabel: string;
    color?: string;
    /** The request is under way: the buttons wait, a second click does nothing. */
    pending: boolean;
    /** The last attempt's failure (a coded API error), shown in the dialog. */
    error: unknown;
    /** Whether the reason is asked for (the card-kind route takes none). */
    withReason?: boolean;
    /** The action's fields are valid (checked before the reason). */
    validate?: () => boolean;
    onSubmit: (reason: string) => void;
}

function DeskDialogBody({
    onClose,
    explanation,
    children,
    submitLabel,
    color,
    pending,
    error,
    withReason = true,
    validate,
    onSubmit,
}: Omit<DeskDialogProps, 'opened' | 'title'>) {
    const t = useT();
    const f = useFormat();
    const [reason, setReason] = useState('');
    const [reasonError, setReasonError] = useState<string | null>(null);
    // A second click before React re-renders with `pending` must not send the request again.
    const sent = useRef(false);
    useEffect(() => {
        if (!pending) sent.current = false;
    }, [pending]);
    const submit = (event: FormEvent) => {
        event.preventDefault();
        if (pending || sent.current) return;
        const fieldsOk = validate ? validate() : true;
        const trimmed = reason.trim();
        const reasonOk = !withReason || trimmed.length >= REASON_MIN;
        setReasonError(reasonOk ? null : t('desk.reasonRequired', { min: REASON_MIN }));
        if (!fieldsOk || !reasonOk) return;
        sent.current = true;
        onSubmit(trimmed);
    };
    return (
        <form onSubmit={submit} noValidate>
            <Stack gap="md">
                <Alert color="blue" variant="light" role="note">
                    <Stack gap={4}>
                        {explanation}
                        <Text size="sm">{t('desk.audited')}</Text>
                    </Stack>
                </Alert>
                {children}
                {withReason && (
                    <Textarea
                        label={t('desk.reason')}
                        description={t('desk.reasonHint')}
                        required
                        autosize
                        minRows={2}
                        maxLength={REASON_MAX}
                        value={reason}
                        onChange={(event) => setReason(event.currentTarget.value)}
                        error={reasonError ?? fieldError(error, 'reason')}
                    />
                )}
                {error != null && (
                    <Alert color="red" role="alert">
                        <Text size="sm">{deskErrorMessage(error, t, f)}</Text>
                        {isApiError(error) && (
                            <Text size="xs" c="dimmed" mt={4}>
                                {t('desk.errorCode', { code: error.code })}
                            </Text>
                        )}
                    </Alert>
                )}
                <Group justify="flex-end">
                    <Button variant="default" onClick={onClose} disabled={pending}>
                        {t('common.cancel')}
                    </Button>
                    <Button type="submit" color={color} loading={pending}>
                        {submitLabel}
                    </Button>
                </Group>
            </Stack>
        </form>
    );
}

/**
 * A store desk action's dialog: first what will happen (and that it is
 * audited under the user's name), then the action's fields, a required
 * reason, and the API's coded error if it refused. Its content mounts when
 * it opens, so each opening starts clean (and gets a fresh idempotency key in
 * the action that needs one).
 */
export function DeskDialog({ opened, onClose, title, pending, ...body }: DeskDialogProps) {
    const t = useT();
    return (
        <Modal
            opened={opened}
            onClose={pending ? () => undefined : onClose}
            title={title}
            size="lg"
            closeButtonProps={{ 'aria-label': t('common.close') }}
        >
            <DeskDialogBody onClose={onClose} pending={pending} {...body} />
        </Modal>
    );
}
