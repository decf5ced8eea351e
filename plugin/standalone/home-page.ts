import type { RequestHandler } from 'express';

/** What the standalone server's API page links to: the admin UI, the APIs and the health check. */
const LINKS = {
    ui: '/admin/',
    openapi: '/pos/v1/openapi.json',
    adminOpenapi: '/admin/v1/openapi.json',
    health: '/health',
    admin: ['/admin/v1/campaigns', '/admin/v1/categories', '/admin/v1/templates', '/admin/v1/jobs'],
};

const HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>Refill</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5}code{background:#f3f3f3;padding:0 .2rem}</style>
</head>
<body>
<h1>Refill</h1>
<p>The loyalty server is running. The admin UI: <a href="${LINKS.ui}">${LINKS.ui}</a>.</p>
<h2>POS API</h2>
<p>Under <code>/pos/v1</code>, with a POS key (<code>Authorization: Bearer rfk_…</code>).
Its description: <a href="${LINKS.openapi}">${LINKS.openapi}</a> (OpenAPI 3).</p>
<h2>Admin API</h2>
<p>Under <code>/admin/v1</code>: sign in with <code>POST /admin/v1/session</code>, or send an API token
(<code>Authorization: Bearer rfa_…</code>). Its description:
<a href="${LINKS.adminOpenapi}">${LINKS.adminOpenapi}</a> (OpenAPI 3). For example:</p>
<ul>
${LINKS.admin.map((path) => `<li><a href="${path}">${path}</a></li>`).join('\n')}
</ul>
<h2>Health</h2>
<p><a href="${LINKS.health}">${LINKS.health}</a></p>
</body>
</html>
`;

/**
 * `GET /about` of the standalone server (`/` leads to the admin UI): a small
 * static page with links to the admin UI, the POS API's OpenAPI
 * description, the admin API and the health check. It shows no data and
 * needs no sign-in.
 */
export const homePage: RequestHandler = (_req, res) => {
    res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
    res.type('html').send(HTML);
};
