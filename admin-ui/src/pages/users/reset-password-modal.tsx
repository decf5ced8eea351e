import { Alert, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import type { AdminUserView } from '../../api/contract';
import { useResetPassword } from '../../api/users';
import { DialogButtons } from '../../app/dialog-parts';
import { errorMessage } from '../../app/error-state';
import { useT } from '../../i18n/locale-provider';
import { MIN_PASSWORD_LENGTH } from '../../api/contract';

/** Sets a new password for a user: explains that it signs them out everywhere, then asks for it twice. */
export function ResetPasswordModal({ user, onClose }: { user: AdminUserView; onClose(): void }) {
    const t = useT();
    const reset = useResetPassword();
    const form = useForm({
        initialValues: { password: '', repeat: '' },
        validate: {
            password: (v) =>
                v.length >= MIN_PASSWORD_LENGTH ? null : t('password.tooShort', { min: MIN_PASSWORD_LENGTH }),
            repeat: (v, values) => (v === values.password ? null : t('password.mismatch')),
        },
    });
    const submit = form.onSubmit(({ password }) =>
        reset.mutate(
            { id: user.id, password },
            {
                onSuccess: () => {
                    notifications.show({
                        color: 'teal',
                        message: t('users.passwordReset', { name: user.username }),
                    });
                    onClose();
                },
            },
        ),
    );
    return (
        <Modal centered opened onClose={onClose} title={t('users.resetTitle', { name: user.username })}>
            <form onSubmit={submit} noValidate>
                <Stack gap="md">
                    <Text size="sm">{t('users.resetExplain', { name: user.username })}</Text>
                    {reset.isError && (
                        <Alert color="red" role="alert">
                            {errorMessage(reset.error, t)}
                        </Alert>
                    )}
                    <PasswordInput
                        label={t('password.new')}
                        description={t('password.newHint', { min: MIN_PASSWORD_LENGTH })}
                        autoComplete="new-password"
                        required
                        data-autofocus
                        {...form.getInputProps('password')}
                    />
                    <PasswordInput
                        label={t('password.repeat')}
                        autoComplete="new-password"
                        required
                        {...form.getInputProps('repeat')}
                    />
                    <DialogButtons label={t('users.reset')} loading={reset.isPending} onCancel={onClose} />
                </Stack>
            </form>
        </Modal>
    );
}
