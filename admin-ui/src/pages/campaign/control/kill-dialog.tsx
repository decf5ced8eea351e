import { Alert, Modal, Stack, Text, Textarea } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { DialogButtons } from '../../../app/dialog-parts';
import { useT } from '../../../i18n/locale-provider';
import { ControlError } from './control-error';

/** The shortest reason the API takes. */
const REASON_MIN = 3;

/** Props of {@link KillDialog}. */
export interface KillDialogProps {
    opened: boolean;
    pending: boolean;
    error: unknown;
    onKill(reason: string): void;
    onClose(): void;
}

/** The kill switch: says what stops, asks for the reason (required, audited), then stops every send. */
export function KillDialog({ opened, pending, error, onKill, onClose }: KillDialogProps) {
    const t = useT();
    const [reason, setReason] = useState('');
    const [problem, setProblem] = useState<string | null>(null);
    const submit = (event: FormEvent) => {
        event.preventDefault();
        const trimmed = reason.trim();
        if (trimmed.length < REASON_MIN) {
            setProblem(t('campaign.kill.reasonRequired', { min: REASON_MIN }));
            return;
        }
        setProblem(null);
        onKill(trimmed);
    };
    return (
        <Modal opened={opened} onClose={onClose} title={t('campaign.kill.title')} centered>
            <form onSubmit={submit} noValidate>
                <Stack gap="md">
                    <Alert color="red" variant="light" role="note">
                        <Text size="sm">{t('campaign.kill.explain')}</Text>
                    </Alert>
                    <Textarea
                        label={t('campaign.kill.reason')}
                        required
                        autosize
                        minRows={2}
                        maxLength={500}
                        value={reason}
                        error={problem}
                        // Mantine's error red (red 6) is 3.3:1 on white: the text stays black, the message red 9.
                        styles={{
                            input: { color: 'var(--mantine-color-black)' },
                            error: { color: 'var(--mantine-color-red-9)' },
                        }}
                        onChange={(e) => setReason(e.currentTarget.value)}
                        data-autofocus
                    />
                    <ControlError error={error} />
                    <DialogButtons
                        label={t('campaign.kill.submit')}
                        color="red.9"
                        loading={pending}
                        onCancel={onClose}
                    />
                </Stack>
            </form>
        </Modal>
    );
}
