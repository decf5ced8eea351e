import { Alert, Button, PasswordInput, Stack, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useNavigate } from 'react-router';
import { isApiError } from '../../api/api-error';
import { useChangePassword } from '../../api/session';
import { errorMessage } from '../../app/error-state';
import { MIN_PASSWORD_LENGTH } from '../../api/contract';
import { useT } from '../../i18n/locale-provider';

/** Change one's own password (`POST /session/password`). */
export default function ChangePasswordPage() {
    const t = useT();
    const navigate = useNavigate();
    const change = useChangePassword();
    const form = useForm({
        initialValues: { currentPassword: '', newPassword: '', repeat: '' },
        validate: {
            currentPassword: (v) => (v ? null : t('password.wrongCurrent')),
            newPassword: (v) =>
                v.length >= MIN_PASSWORD_LENGTH ? null : t('password.tooShort', { min: MIN_PASSWORD_LENGTH }),
            repeat: (v, values) => (v === values.newPassword ? null : t('password.mismatch')),
        },
    });
    const submit = form.onSubmit(({ currentPassword, newPassword }) =>
        change.mutate(
            { currentPassword, newPassword },
            {
                onSuccess: () => {
                    notifications.show({ color: 'teal', message: t('password.changed') });
                    void navigate('/');
                },
                onError: (error) => {
                    if (isApiError(error, 'REFILL_UNAUTHORIZED'))
                        form.setFieldError('currentPassword', t('password.wrongCurrent'));
                },
            },
        ),
    );
    const otherError = change.isError && !isApiError(change.error, 'REFILL_UNAUTHORIZED');
    return (
        <Stack maw={420} gap="md">
            <Title order={1}>{t('password.title')}</Title>
            {otherError && (
                <Alert color="red" role="alert">
                    {errorMessage(change.error, t)}
                </Alert>
            )}
            <form onSubmit={submit} noValidate>
                <Stack>
                    <PasswordInput
                        label={t('password.current')}
                        autoComplete="current-password"
                        required
                        {...form.getInputProps('currentPassword')}
                    />
                    <PasswordInput
                        label={t('password.new')}
                        description={t('password.newHint', { min: MIN_PASSWORD_LENGTH })}
                        autoComplete="new-password"
                        required
                        {...form.getInputProps('newPassword')}
                    />
                    <PasswordInput
                        label={t('password.repeat')}
                        autoComplete="new-password"
                        required
                        {...form.getInputProps('repeat')}
                    />
                    <Button type="submit" loading={change.isPending} style={{ alignSelf: 'flex-start' }}>
                        {t('password.submit')}
                    </Button>
                </Stack>
            </form>
        </Stack>
    );
}
