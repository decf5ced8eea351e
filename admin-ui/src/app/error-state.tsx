import { Alert, Button, Stack, Text } from '@mantine/core';
import { isApiError } from '../api/api-error';
import { type Translate, useT } from '../i18n/locale-provider';

/** The sentence to show for a failed call: network, busy server, forbidden, or the code. */
export function errorMessage(error: unknown, t: Translate): string {
    if (!isApiError(error)) return t('error.generic', { code: 'UI' });
    if (error.code === 'REFILL_NETWORK') return t('error.network');
    if (error.code === 'REFILL_DATABASE_UNAVAILABLE' || error.status === 503) return t('error.unavailable');
    if (error.code === 'REFILL_FORBIDDEN') return t('error.forbidden');
    return t('error.generic', { code: error.code });
}

/** A failed load: what went wrong and a retry button. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
    const t = useT();
    return (
        <Alert color="red" role="alert" m="md">
            <Stack gap="xs" align="flex-start">
                <Text size="sm">{errorMessage(error, t)}</Text>
                {onRetry && (
                    <Button size="xs" variant="light" color="red" onClick={onRetry}>
                        {t('common.retry')}
                    </Button>
                )}
            </Stack>
        </Alert>
    );
}
