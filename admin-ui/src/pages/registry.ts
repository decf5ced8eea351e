import { type ComponentType, lazy, type LazyExoticComponent } from 'react';
import { ADMIN_ROLES, type Role } from '../api/contract';
import type { MessageId } from '../i18n/messages';

/** Every role: pages anyone signed in may read. */
export const ALL_ROLES: readonly Role[] = ADMIN_ROLES;

/** One page of the admin UI. */
export interface PageEntry {
    /** Route path under the app root, react-router syntax (`customers/:cardNumber`; `''` is the start page). */
    path: string;
    /** The navbar label; pages reached from other pages (a customer's card) have none. */
    navLabel?: MessageId;
    /** The roles that may open the page; others get "not allowed", and no nav link. */
    roles: readonly Role[];
    /** The page component, loaded on first visit (one chunk per page). */
    component: LazyExoticComponent<ComponentType>;
}

/**
 * The admin UI's pages, in navbar order. To add a page: write
 * `pages/<name>/<name>-page.tsx` with a default export and add one entry here
 * (its nav label goes to i18n/en.json and ru.json).
 */
export const PAGES: readonly PageEntry[] = [
    {
        path: '',
        navLabel: 'nav.dashboard',
        roles: ALL_ROLES,
        component: lazy(() => import('./dashboard/dashboard-page')),
    },
    {
        path: 'customers',
        navLabel: 'nav.customers',
        roles: ALL_ROLES,
        component: lazy(() => import('./customers/customers-page')),
    },
    {
        path: 'categories',
        navLabel: 'nav.categories',
        roles: ['admin', 'marketer', 'analyst'],
        component: lazy(() => import('./categories/categories-page')),
    },
    {
        path: 'categories/new',
        roles: ['admin', 'marketer', 'analyst'],
        component: lazy(() => import('./categories/category-editor-page')),
    },
    {
        path: 'categories/:code',
        roles: ['admin', 'marketer', 'analyst'],
        component: lazy(() => import('./categories/category-editor-page')),
    },
    {
        path: 'campaigns',
        navLabel: 'nav.campaigns',
        roles: ALL_ROLES,
        component: lazy(() => import('./campaigns/campaigns-page')),
    },
    {
        path: 'campaigns/new',
        roles: ['admin', 'marketer'],
        component: lazy(() => import('./campaigns/campaign-editor-page')),
    },
    {
        // The analyst opens a saved design read-only (no enabled write control; the saved plan beside it).
        path: 'campaigns/:id/edit',
        roles: ['admin', 'marketer', 'analyst'],
        component: lazy(() => import('./campaigns/campaign-editor-page')),
    },
    {
        path: 'customers/:cardNumber',
        roles: ALL_ROLES,
        component: lazy(() => import('./customer-card/customer-card-page')),
    },
    {
        path: 'campaigns/:id',
        roles: ALL_ROLES,
        component: lazy(() => import('./campaign/campaign-page')),
    },
    {
        path: 'chains',
        navLabel: 'nav.chains',
        roles: ['admin', 'marketer', 'analyst'],
        component: lazy(() => import('./chains/chains-page')),
    },
    {
        path: 'chains/new',
        roles: ['admin', 'marketer'],
        component: lazy(() => import('./chains/chain-editor-page')),
    },
    {
        path: 'chains/:id',
        roles: ['admin', 'marketer', 'analyst'],
        component: lazy(() => import('./chains/chain-editor-page')),
    },
    {
        path: 'chains/:id/report',
        roles: ['admin', 'marketer', 'analyst'],
        component: lazy(() => import('./chains/chain-report-page')),
    },
    {
        path: 'lifecycle',
        navLabel: 'nav.lifecycle',
        roles: ALL_ROLES,
        component: lazy(() => import('./lifecycle/lifecycle-page')),
    },
    {
        path: 'segments',
        navLabel: 'nav.segments',
        roles: ['admin', 'marketer', 'analyst'],
        component: lazy(() => import('./segments/segments-page')),
    },
    {
        path: 'segments/new',
        roles: ['admin', 'marketer'],
        component: lazy(() => import('./segments/segment-editor-page')),
    },
    {
        path: 'segments/:id',
        roles: ['admin', 'marketer', 'analyst'],
        component: lazy(() => import('./segments/segment-editor-page')),
    },
    {
        path: 'templates',
        navLabel: 'nav.templates',
        roles: ['admin', 'marketer', 'analyst'],
        component: lazy(() => import('./templates/templates-page')),
    },
    {
        path: 'templates/:kind/:channel/:locale',
        roles: ['admin', 'marketer', 'analyst'],
        component: lazy(() => import('./templates/template-editor-page')),
    },
    {
        path: 'messages',
        navLabel: 'nav.messages',
        roles: ['admin', 'marketer', 'analyst'],
        component: lazy(() => import('./messages/messages-page')),
    },
    {
        path: 'channels',
        navLabel: 'nav.channels',
        roles: ['admin', 'marketer', 'analyst'],
        component: lazy(() => import('./channels/channels-page')),
    },
    {
        path: 'contact-policy',
        navLabel: 'nav.contactPolicy',
        roles: ['admin', 'marketer', 'analyst'],
        component: lazy(() => import('./contact-policy/contact-policy-page')),
    },
    {
        path: 'stores',
        navLabel: 'nav.stores',
        roles: ['admin', 'manager', 'analyst'],
        component: lazy(() => import('./stores/stores-page')),
    },
    {
        path: 'stores/:code/keys',
        roles: ['admin'],
        component: lazy(() => import('./stores/pos-keys-page')),
    },
    {
        path: 'users',
        navLabel: 'nav.users',
        roles: ['admin'],
        component: lazy(() => import('./users/users-page')),
    },
    {
        path: 'audit',
        navLabel: 'nav.audit',
        roles: ['admin', 'analyst'],
        component: lazy(() => import('./audit/audit-page')),
    },
    {
        path: 'jobs',
        navLabel: 'nav.jobs',
        roles: ['admin', 'manager', 'analyst'],
        component: lazy(() => import('./jobs/jobs-page')),
    },
];

/** Whether `role` may open `page`. */
export function canOpen(page: PageEntry, role: Role): boolean {
    return page.roles.includes(role);
}
