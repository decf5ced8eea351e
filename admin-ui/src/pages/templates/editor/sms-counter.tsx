import { Group, Paper, Stack, Switch, Text } from '@mantine/core';
import type { TemplatePreview } from '../../../api/templates';
import { useT } from '../../../i18n/locale-provider';

/**
 * What the SMS costs: the segments of the variant that would be sent, and of
 * both variants (as it is, and transliterated to Latin), with the switch
 * that opts the template into transliteration (the sender then sends the
 * variant with fewer segments).
 */
export function SmsCounter({
    sms,
    transliterate,
    onTransliterate,
    disabled,
}: {
    sms: NonNullable<TemplatePreview['sms']> | undefined;
    transliterate: boolean;
    onTransliterate(on: boolean): void;
    disabled: boolean;
}) {
    const t = useT();
    return (
        <Paper withBorder p="sm" component="section" aria-labelledby="sms-cost">
            <Stack gap={6}>
                <Group justify="space-between" align="center" wrap="wrap">
                    <Text id="sms-cost" fw={600}>
                        {sms ? t('templates.sms.sent', { count: sms.segments }) : t('templates.sms.unknown')}
                    </Text>
                    <Switch
                        label={t('templates.sms.transliterate')}
                        checked={transliterate}
                        disabled={disabled}
                        onChange={(event) => onTransliterate(event.currentTarget.checked)}
                    />
                </Group>
                {sms && (
                    <>
                        <Text size="sm">
                            {t('templates.sms.asIs', {
                                count: sms.variants.asIs.segments,
                                encoding: sms.variants.asIs.encoding,
                                characters: sms.variants.asIs.characters,
                            })}
                        </Text>
                        <Text size="sm">
                            {t('templates.sms.latin', {
                                count: sms.variants.transliterated.segments,
                                encoding: sms.variants.transliterated.encoding,
                                characters: sms.variants.transliterated.characters,
                            })}
                        </Text>
                        <Text size="xs" c="dimmed">
                            {sms.transliterated
                                ? t('templates.sms.sendsLatin')
                                : transliterate
                                  ? t('templates.sms.keepsOriginal')
                                  : t('templates.sms.off')}
                        </Text>
                    </>
                )}
            </Stack>
        </Paper>
    );
}
