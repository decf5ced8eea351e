import { SegmentedControl } from '@mantine/core';
import { useLocale, useT } from '../i18n/locale-provider';
import { isLocale, LOCALES } from '../i18n/messages';

/** RU / EN: switches the UI language (remembered in this browser). */
export function LanguageSwitch() {
    const t = useT();
    const { locale, setLocale } = useLocale();
    return (
        <SegmentedControl
            size="xs"
            aria-label={t('shell.language')}
            value={locale}
            onChange={(value) => isLocale(value) && setLocale(value)}
            data={LOCALES.map((value) => ({
                value,
                label: <span lang={value}>{value.toUpperCase()}</span>,
            }))}
        />
    );
}
