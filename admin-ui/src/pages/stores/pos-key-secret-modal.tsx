import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text } from '@mantine/core';
import type { NewPosKey } from '../../api/contract';
import { useT } from '../../i18n/locale-provider';

/**
 * The secret of a POS key just created, shown this once: a copy button and a
 * warning that it cannot be shown again (the API keeps only its hash).
 */
export function PosKeySecretModal({ created, onClose }: { created: NewPosKey; onClose(): void }) {
    const t = useT();
    return (
        <Modal
            centered
            opened
            onClose={onClose}
            title={t('posKeys.secretTitle')}
            closeOnClickOutside={false}
            size="lg"
        >
            <Stack gap="md">
                <Alert color="yellow" role="alert" title={t('posKeys.secretOnce')}>
                    {t('posKeys.secretWarning')}
                </Alert>
                <Text size="sm">
                    {created.key.label
                        ? t('posKeys.secretFor', { label: created.key.label })
                        : t('posKeys.secretForUnnamed')}
                </Text>
                <Code block aria-label={t('posKeys.secret')} data-testid="pos-key-secret">
                    {created.secret}
                </Code>
                <Group justify="space-between" gap="sm">
                    <CopyButton value={created.secret} timeout={3000}>
                        {({ copied, copy }) => (
                            <Button color={copied ? 'teal' : undefined} variant="light" onClick={copy}>
                                {copied ? t('posKeys.copied') : t('posKeys.copy')}
                            </Button>
                        )}
                    </CopyButton>
                    <Button onClick={onClose}>{t('posKeys.secretDone')}</Button>
                </Group>
            </Stack>
        </Modal>
    );
}
