import { Alert, List, Text } from '@mantine/core';
import { isApiError } from '../../../api/api-error';
import { errorMessage } from '../../../app/error-state';
import { useT } from '../../../i18n/locale-provider';

/** Why a control failed: the second-person rule in words, else the API's problems, else the code. */
export function ControlError({ error }: { error: unknown }) {
    const t = useT();
    if (error == null) return null;
    if (isApiError(error, 'REFILL_SECOND_ADMIN_REQUIRED'))
        return (
            <Alert color="red" role="alert">
                {t('campaign.secondPersonRefused')}
            </Alert>
        );
    const problems = isApiError(error) ? error.fieldProblems().filter((p) => p.message) : [];
    return (
        <Alert color="red" role="alert">
            <Text size="sm">{errorMessage(error, t)}</Text>
            {problems.length > 0 && (
                <List size="sm" mt={4}>
                    {problems.map((p) => (
                        <List.Item key={`${p.path}:${p.message}`}>
                            {p.path ? `${p.path}: ${p.message}` : p.message}
                        </List.Item>
                    ))}
                </List>
            )}
        </Alert>
    );
}
