import { Alert, Loader, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { isApiError } from '../../../api/api-error';
import type { TemplatePreview } from '../../../api/templates';
import { errorMessage } from '../../../app/error-state';
import { useT } from '../../../i18n/locale-provider';

/** Props of {@link PreviewPanel}. */
export interface PreviewPanelProps {
    preview: TemplatePreview | undefined;
    /** A newer preview is on its way (the shown one is the last that rendered). */
    loading: boolean;
    /** A failure other than the template's own refusal (shown at the editor). */
    error: unknown;
    cardNumber: string;
    onCardNumber(value: string): void;
}

/** The sentence for a preview's failure: an unknown card, or the call's error. */
function failure(error: unknown, t: ReturnType<typeof useT>): string | null {
    if (!error) return null;
    if (isApiError(error, 'REFILL_CUSTOMER_NOT_FOUND')) return t('templates.preview.noCustomer');
    if (isApiError(error, 'REFILL_VALIDATION')) return t('templates.preview.badCard');
    return errorMessage(error, t);
}

/**
 * The message as the customer would get it: on the sample data, or on the
 * customer whose card number is typed (their name, balance, active offer and
 * timezone; what Refill does not know of them stays sampled). Email shows
 * its subject and plain-text part.
 */
export function PreviewPanel({ preview, loading, error, cardNumber, onCardNumber }: PreviewPanelProps) {
    const t = useT();
    const message = preview?.message;
    const problem = failure(error, t);
    return (
        <section aria-labelledby="template-preview">
            <Title order={2} size="h4" id="template-preview" mb="xs">
                {t('templates.preview.title')} {loading && <Loader size="xs" aria-label={t('common.loading')} />}
            </Title>
            <TextInput
                label={t('templates.preview.card')}
                description={t('templates.preview.cardHint')}
                value={cardNumber}
                onChange={(event) => onCardNumber(event.currentTarget.value.trim())}
                error={problem ?? undefined}
                mb="xs"
                inputMode="numeric"
                autoComplete="off"
            />
            <Text size="xs" c="dimmed" mb={6}>
                {preview?.customer
                    ? t('templates.preview.forCustomer', {
                          name: preview.customer.name ?? '—',
                          card: preview.customer.cardNumber,
                      })
                    : t('templates.preview.onSamples')}
                {preview?.customer && preview.sampled.length > 0
                    ? ` ${t('templates.preview.sampled', { groups: preview.sampled.join(', ') })}`
                    : ''}
            </Text>
            <Paper withBorder p="sm" bg="gray.0" aria-live="polite" aria-label={t('templates.preview.message')}>
                {message ? (
                    <Stack gap={6}>
                        {message.subject !== undefined && (
                            <Text size="sm" fw={600}>
                                {t('templates.preview.subject', { subject: message.subject })}
                            </Text>
                        )}
                        <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                            {message.text}
                        </Text>
                    </Stack>
                ) : (
                    <Text size="sm" c="dimmed">
                        {t('templates.preview.none')}
                    </Text>
                )}
            </Paper>
            {preview?.sms?.transliterated && (
                <Alert mt="xs" color="blue" variant="light" title={t('templates.preview.latinTitle')}>
                    <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                        {preview.sms.text}
                    </Text>
                </Alert>
            )}
        </section>
    );
}
