import { createTheme, type CSSVariablesResolver } from '@mantine/core';

/** Mantine's theme for Refill: a pharmacy teal, system fonts (nothing to download under the CSP). */
export const theme = createTheme({
    primaryColor: 'teal',
    primaryShade: { light: 9, dark: 7 },
    defaultRadius: 'sm',
    fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", sans-serif',
});

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
