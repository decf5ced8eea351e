import { createTheme } from '@mantine/core';

/** Mantine's theme for Refill: a pharmacy teal, system fonts (nothing to download under the CSP). */
export const theme = createTheme({
    primaryColor: 'teal',
    primaryShade: { light: 9, dark: 7 },
    defaultRadius: 'sm',
    fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", sans-serif',
});
