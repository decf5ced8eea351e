import { createTheme, type CSSVariablesResolver, type MantineThemeOverride } from '@mantine/core';
import type { Translate } from '../i18n/locale-provider';

/**
 * Mantine's theme for Refill: a pharmacy teal, system fonts (nothing to
 * download under the CSP), and the few words Mantine's widgets say on their
 * own (English, hard-coded) replaced by ours in the UI's language.
 */
export function createAppTheme(t: Translate): MantineThemeOverride {
    const close = { 'aria-label': t('common.close') };
    return createTheme({
        primaryColor: 'teal',
        primaryShade: { light: 9, dark: 7 },
        defaultRadius: 'sm',
        fontFamily:
            'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", sans-serif',
        // By name, not `Modal.extend(…)`: importing the components here would put them all in the first load.
        components: {
            PasswordInput: {
                defaultProps: { visibilityToggleButtonProps: { 'aria-label': t('mantine.togglePassword') } },
            },
            Notification: { defaultProps: { closeButtonProps: close } },
            Modal: { defaultProps: { closeButtonProps: close } },
            Drawer: { defaultProps: { closeButtonProps: close } },
        },
    });
}

/**
 * CSS variables over Mantine's defaults, so text meets WCAG AA contrast:
 * "dimmed" text one shade darker (gray 7, not 6), and the text of light
 * variants (the active nav link, light buttons) in the darkest teal on the
 * lightest.
 */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
    variables: {},
    light: {
        '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
        '--mantine-primary-color-light': 'var(--mantine-color-teal-0)',
        '--mantine-primary-color-light-hover': 'var(--mantine-color-teal-1)',
        '--mantine-primary-color-light-color': 'var(--mantine-color-teal-9)',
    },
    dark: {},
});
