import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, useMemo, useState } from 'react';
import { RouterProvider } from 'react-router';
import { createQueryClient } from '../api/query-client';
import { LocaleProvider, useT } from '../i18n/locale-provider';
import { ChainProvider } from './chain-provider';
import { createAppRouter } from './router';
import { useSessionExpiry } from './session-guard';
import { createAppTheme, cssVariablesResolver } from './theme';

function Routed() {
    useSessionExpiry();
    const [router] = useState(createAppRouter);
    return <RouterProvider router={router} />;
}

/** Mantine with the theme in the UI's language (its widgets' own labels are ours). */
function Mantine({ children }: { children: ReactNode }) {
    const t = useT();
    const theme = useMemo(() => createAppTheme(t), [t]);
    return (
        <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
            {children}
        </MantineProvider>
    );
}

/** The admin UI: data (TanStack Query), language (react-intl), Mantine, the chain's settings, the routes. */
export function App() {
    const [queryClient] = useState(createQueryClient);
    return (
        <QueryClientProvider client={queryClient}>
            <LocaleProvider>
                <Mantine>
                    <Notifications position="top-right" />
                    <ChainProvider>
                        <Routed />
                    </ChainProvider>
                </Mantine>
            </LocaleProvider>
        </QueryClientProvider>
    );
}
