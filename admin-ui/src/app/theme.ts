import {
    createTheme,
    type CSSVariablesResolver,
    darken,
    defaultVariantColorsResolver,
    type MantineThemeOverride,
    parseThemeColor,
    type VariantColorsResolver,
} from '@mantine/core';
import type { Translate } from '../i18n/locale-provider';

/**
 * WCAG AA (4.5:1) for Mantine's variants of an explicit colour (badges,
 * light buttons), which miss it by default: the `light` variant's text is its
 * colour's darkest shade, darkened further (teal 9 on teal's light background
 * is 4.3:1); a `filled` one is that darkest shade (white on red 6 is 3.3:1)
 * and darker still under the pointer (Mantine's hover of shade 9 is the
 * lighter shade 8).
 */
const variantColorResolver: VariantColorsResolver = (input) => {
    const colors = defaultVariantColorsResolver(input);
    const parsed = parseThemeColor({ color: input.color || input.theme.primaryColor, theme: input.theme });
    if (!parsed.isThemeColor || !parsed.color) return colors;
    const darkest = input.theme.colors[parsed.color][9];
    if (input.variant === 'light') {
        const text = darken(darkest, 0.35);
        return { ...colors, color: text, hoverColor: text };
    }
    if (input.variant === 'filled') return { ...colors, background: darkest, hover: darken(darkest, 0.15) };
    return colors;
};

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
        variantColorResolver,
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
 * "dimmed" text one shade darker (gray 7, not 6), the text of light variants
 * (the active nav link, light buttons) darker than the darkest teal, also
 * under the pointer; error text in the darkest red; a filled button darker,
 * not lighter, under the pointer.
 */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
    variables: {},
    light: {
        '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
        '--mantine-primary-color-light': 'var(--mantine-color-teal-0)',
        '--mantine-primary-color-light-hover': 'var(--mantine-color-teal-1)',
        // Darker than teal 9: on the hover background (teal 1) teal 9 is 4.3:1.
        '--mantine-primary-color-light-color': darken('#087f5b', 0.2),
        // Field errors and other error text: red 9 (5.1:1 on white), not red 8 (below 4.5:1 at small sizes).
        '--mantine-color-error': 'var(--mantine-color-red-9)',
        // A primary filled button under the pointer (Mantine: the lighter shade 8, 3.9:1 with white).
        '--mantine-primary-color-filled-hover': darken('#087f5b', 0.15),
    },
    dark: {},
});
