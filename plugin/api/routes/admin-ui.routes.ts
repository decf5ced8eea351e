import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServerResponse } from 'node:http';
import express, { type RequestHandler, Router } from 'express';

/** The admin UI page's Content-Security-Policy: only its own scripts, no inline script, no framing. */
export const ADMIN_UI_CSP = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "font-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
].join('; ');

/**
 * The package's root (the folder with Refill's package.json), found upwards
 * from this file: works from the built `dist/plugin/api/routes/` and from the
 * source under tsx alike.
 */
function packageRoot(): string {
    let dir = dirname(fileURLToPath(import.meta.url));
    for (;;) {
        const manifest = join(dir, 'package.json');
        if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === 'refill') return dir;
        const parent = dirname(dir);
        if (parent === dir) throw new Error('Refill: cannot find the package root above ' + import.meta.url);
        dir = parent;
    }
}

/** Where the built admin UI is: `admin-ui/dist` in Refill's package. */
export function defaultAdminUiDir(): string {
    return join(packageRoot(), 'admin-ui', 'dist');
}

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Refill admin UI not built</title></head>
<body><h1>The admin UI is not built</h1>
<p>Refill found no <code>admin-ui/dist/index.html</code>. Build it with <code>npm run build:ui</code>
(or <code>npm start</code>, which builds it first), then reload this page. The admin API under
<code>v1/</code> works without it.</p></body></html>
`;

/** Headers of every HTML answer: the strict CSP, never cached, no sniffing, no referrer. */
function htmlHeaders(res: ServerResponse): void {
    res.setHeader('Content-Security-Policy', ADMIN_UI_CSP);
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'same-origin');
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
}

/**
 * index.html for a route of the app at `path` (below the UI's mount). Vite
 * writes asset URLs relative to the root (`./assets/…`); a deep link such as
 * `customers/42` is one folder down, so they become `../assets/…`. Relative,
 * not absolute, URLs keep working behind a proxy that strips a prefix (the CSP
 * forbids a `<base>` element).
 */
export function indexHtmlFor(html: string, path: string): string {
    const depth = Math.max(0, (path.match(/\//g)?.length ?? 1) - 1);
    if (depth === 0) return html;
    return html.replace(/\b(src|href)="\.\//g, `$1="${'../'.repeat(depth)}`);
}

/**
 * Serves the built admin UI (`admin-ui/dist`) where it is mounted (`/admin`):
 * `index.html` for the root and, as the single-page app's fallback, for any
 * other GET below it, with the strict CSP and `no-cache`; the hashed
 * `assets/*` immutable for a year (a missing one is a plain 404, never the
 * page); a 503 page saying how to build the UI when it is not built. Paths
 * under `v1/` (the admin API) are never answered here.
 */
export function adminUiRoutes(dir: string): Router {
    const router = Router();
    const isApi = (path: string) => path === '/v1' || path.startsWith('/v1/');
    const skipApi: RequestHandler = (req, _res, next) => (isApi(req.path) ? next('router') : next());
    router.use(skipApi);
    router.use(
        '/assets',
        express.static(join(dir, 'assets'), { immutable: true, maxAge: '1y', index: false, redirect: false }),
        (_req, res) => {
            res.status(404).type('text').setHeader('Cache-Control', 'no-cache').send('Not found');
        },
    );
    router.use(
        express.static(dir, {
            index: false,
            redirect: false,
            maxAge: 0,
            setHeaders: (res, file) => {
                if (file.endsWith('.html')) htmlHeaders(res);
            },
        }),
    );
    router.use(async (req, res, next) => {
        if (req.method !== 'GET' && req.method !== 'HEAD') return next();
        // `/admin` without the slash: the relative asset URLs need it (`admin/` is relative to `/prefix/admin`).
        const [pathname, query] = req.originalUrl.split(/\?(.*)/s);
        if (req.path === '/' && !pathname.endsWith('/')) {
            const last = pathname.slice(pathname.lastIndexOf('/') + 1);
            return res.redirect(301, `${last}/${query ? `?${query}` : ''}`);
        }
        let html: string;
        try {
            html = await readFile(join(dir, 'index.html'), 'utf8');
        } catch {
            htmlHeaders(res);
            res.setHeader('Retry-After', '60');
            return res.status(503).send(NOT_BUILT);
        }
        htmlHeaders(res);
        res.send(indexHtmlFor(html, req.path));
    });
    return router;
}
