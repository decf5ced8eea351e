import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { RouterProvider } from 'react-router';
import { createQueryClient } from '../api/query-client';
import { LocaleProvider } from '../i18n/locale-provider';
import { ChainProvider } from './chain-provider';
import { createAppRouter } from './router';
import { useSessionExpiry } from './session-guard';
import { cssVariablesResolver, theme } from './theme';

function Routed() {
    useSessionExpiry();
    const [router] = useState(createAppRouter);
    return <RouterProvider router={router} />;
}

/** The admin UI: data (TanStack Query), language (react-intl), Mantine, the chain's settings, the routes. */
export function App() {
    const [queryClient] = useState(createQueryClient);
    return (
        <QueryClientProvider client={queryClient}>
            <LocaleProvider>
                <MantineProvider
                    theme={theme}
                    cssVariablesResolver={cssVariablesResolver}
                    defaultColorScheme="light"
                >
                    <Notifications position="top-right" />
                    <ChainProvider>
                        <Routed />
                    </ChainProvider>
                </MantineProvider>
            </LocaleProvider>
        </QueryClientProvider>
    );
}
