import { lazy, Suspense } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { ROUTER_BASENAME } from '../api/app-root';
import { useSession } from '../api/session';
import { canOpen, PAGES, type PageEntry } from '../pages/registry';
import { AppLayout } from './app-layout';
import { PageLoader, RequireSession } from './session-guard';

const SignInPage = lazy(() => import('../pages/sign-in/sign-in-page'));
const ChangePasswordPage = lazy(() => import('../pages/change-password/change-password-page'));
const NotAllowedPage = lazy(() => import('../pages/not-allowed/not-allowed-page'));
const NotFoundPage = lazy(() => import('../pages/not-found/not-found-page'));

/** A registry page, or "not allowed" when the user's role may not open it (its chunk is not loaded then). */
function PageGate({ page }: { page: PageEntry }) {
    const role = useSession().data?.user.role;
    if (!role || !canOpen(page, role)) return <NotAllowedPage />;
    const Page = page.component;
    return <Page />;
}

function pageRoute(page: PageEntry): RouteObject {
    const element = <PageGate page={page} />;
    return page.path === '' ? { index: true, element } : { path: page.path, element };
}

/** The app's routes: sign-in outside the frame; every registry page, the account page and 404 inside it. */
export const ROUTES: RouteObject[] = [
    {
        path: 'sign-in',
        element: (
            <Suspense fallback={<PageLoader />}>
                <SignInPage />
            </Suspense>
        ),
    },
    {
        path: '/',
        element: (
            <RequireSession>
                <AppLayout />
            </RequireSession>
        ),
        children: [
            ...PAGES.map(pageRoute),
            { path: 'account/password', element: <ChangePasswordPage /> },
            { path: '*', element: <NotFoundPage /> },
        ],
    },
];

/** The browser router, rooted where the app is served (any mount prefix). */
export function createAppRouter() {
    return createBrowserRouter(ROUTES, { basename: ROUTER_BASENAME || '/' });
}
