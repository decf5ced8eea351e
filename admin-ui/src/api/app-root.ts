/**
 * Where the admin UI lives, derived from its own URL so that any mount prefix
 * works (`/admin/`, `/loyalty/admin/`, behind a proxy that strips a prefix…).
 *
 * `document.baseURI` is not enough: a deep link such as `/admin/customers/42`
 * is served the same index.html, and the page's CSP (`base-uri 'none'`) forbids
 * a `<base>` element. The built chunks all sit in `<root>/assets/`, so the root
 * is one level above the chunk this code runs from (the build's base is
 * `./`). The dev server serves the app at an absolute base (`/admin/`).
 */
function findAppRoot(): URL {
    const base = import.meta.env.BASE_URL;
    if (base.startsWith('/')) return new URL(base, window.location.origin);
    // A variable, not a literal: Vite would otherwise treat `new URL('../', import.meta.url)` as an asset.
    const up = '../';
    return new URL(up, import.meta.url);
}

/** The app's root URL, ending in `/` (e.g. `https://pos.example/loyalty/admin/`). */
export const APP_ROOT: URL = findAppRoot();

/** The admin API's base URL: `<root>/v1/`. */
export const API_BASE: string = new URL('v1/', APP_ROOT).href;

/** The router's basename: the root's path without the trailing slash (`/loyalty/admin`). */
export const ROUTER_BASENAME: string = APP_ROOT.pathname.replace(/\/$/, '');
