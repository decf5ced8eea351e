import { Alert, Button, Center, Group, Paper, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { isApiError } from '../../api/api-error';
import { useSession, useSignIn } from '../../api/session';
import { errorMessage } from '../../app/error-state';
import { LanguageSwitch } from '../../app/language-switch';
import { type Translate, useT } from '../../i18n/locale-provider';

/** Where to go after signing in: the `next` path if it stays inside the app, else the start page. */
export function safeNext(next: string | null): string {
    return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/sign-in')
        ? next
        : '/';
}

function signInError(error: unknown, t: Translate): string {
    if (isApiError(error, 'REFILL_UNAUTHORIZED')) return t('signIn.wrongCredentials');
    if (isApiError(error, 'REFILL_RATE_LIMITED')) {
        const minutes = Math.max(1, Math.ceil((error.retryAfterSeconds ?? 60) / 60));
        return t('signIn.rateLimited', { minutes });
    }
    return errorMessage(error, t);
}

/** Sign in: username and password; says why it failed (wrong password, locked out for N minutes). */
export default function SignInPage() {
    const t = useT();
    const navigate = useNavigate();
    const [params] = useSearchParams();
    const session = useSession();
    const signIn = useSignIn();
    const next = safeNext(params.get('next'));
    const form = useForm({
        initialValues: { username: '', password: '' },
        validate: {
            username: (v) => (v.trim() ? null : t('signIn.required')),
            password: (v) => (v ? null : t('signIn.required')),
        },
    });
    if (session.data && !signIn.isPending) return <Navigate to={next} replace />;
    const submit = form.onSubmit((values) =>
        signIn.mutate(
            { username: values.username.trim(), password: values.password },
            { onSuccess: () => void navigate(next, { replace: true }) },
        ),
    );
    const expired = params.get('expired') === '1' && !signIn.isError;
    return (
        <Center mih="100vh" p="md" component="main">
            <Paper withBorder shadow="sm" p="xl" w={380} maw="100%">
                <form onSubmit={submit} noValidate>
                    <Stack>
                        <Group justify="space-between" wrap="nowrap">
                            <Title order={1} size="h3">
                                {t('signIn.title')}
                            </Title>
                            <LanguageSwitch />
                        </Group>
                        {expired && (
                            <Alert color="yellow" role="status">
                                {t('signIn.sessionExpired')}
                            </Alert>
                        )}
                        {signIn.isError && (
                            <Alert color="red" role="alert">
                                {signInError(signIn.error, t)}
                            </Alert>
                        )}
                        <TextInput
                            label={t('signIn.username')}
                            autoComplete="username"
                            autoFocus
                            required
                            {...form.getInputProps('username')}
                        />
                        <PasswordInput
                            label={t('signIn.password')}
                            autoComplete="current-password"
                            required
                            {...form.getInputProps('password')}
                        />
                        <Button type="submit" loading={signIn.isPending} fullWidth>
                            {t('signIn.submit')}
                        </Button>
                    </Stack>
                </form>
            </Paper>
        </Center>
    );
}
