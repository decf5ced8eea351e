import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import express from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_UI_CSP, adminUiRoutes, defaultAdminUiDir } from '../../plugin/api/routes/admin-ui.routes.js';
import { createApp } from '../helpers/create-app.js';
import { startTestRefill, type TestRefill } from '../helpers/test-refill.js';

const PREFIX = '/loyalty';
const CONTRACT_CSP =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
    "connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; " +
    "form-action 'self'";

/** A dist folder shaped like Vite's output with `base: './'`. */
function fakeDist(): string {
    const dir = mkdtempSync(join(tmpdir(), 'refill-admin-ui-'));
    mkdirSync(join(dir, 'assets'));
    mkdirSync(join(dir, '.vite'));
    writeFileSync(
        join(dir, 'index.html'),
        '<!doctype html><html><head><script type="module" crossorigin src="./assets/index-abc123.js"></script>' +
            '<link rel="stylesheet" crossorigin href="./assets/index-abc123.css"></head><body><div id="root"></div></body></html>',
    );
    writeFileSync(join(dir, 'assets/index-abc123.js'), 'console.log("app")');
    writeFileSync(join(dir, 'assets/index-abc123.css'), 'body{}');
    writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    writeFileSync(join(dir, '.vite/manifest.json'), '{}');
    return dir;
}

describe('admin UI static serving', () => {
    let t: TestRefill;
    let dist: string;
    let app: express.Express;

    beforeAll(async () => {
        dist = fakeDist();
        t = await startTestRefill('sqlite', 'admin-ui-static', { admin: { ui: dist } });
        app = createApp(t.refill, PREFIX);
    });
    afterAll(async () => {
        await t?.close();
        rmSync(dist, { recursive: true, force: true });
    });

    it('serves index.html at <prefix>/admin/ with the strict CSP, never cached', async () => {
        const res = await request(app).get(`${PREFIX}/admin/`).expect(200);
        expect(ADMIN_UI_CSP).toBe(CONTRACT_CSP);
        expect(res.headers['content-security-policy']).toBe(CONTRACT_CSP);
        expect(res.headers['cache-control']).toBe('no-cache');
        expect(res.headers['content-type']).toMatch(/^text\/html/);
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.text).toContain('src="./assets/index-abc123.js"');
    });

    it('redirects <prefix>/admin to the slash form with a relative Location (any proxy prefix)', async () => {
        const res = await request(app).get(`${PREFIX}/admin?x=1`).expect(301);
        expect(res.headers.location).toBe('admin/?x=1');
    });

    it('answers any other page of the app with index.html, asset URLs relative to its depth', async () => {
        const top = await request(app).get(`${PREFIX}/admin/customers`).expect(200);
        expect(top.text).toContain('src="./assets/index-abc123.js"');
        const deep = await request(app).get(`${PREFIX}/admin/customers/4000123`).expect(200);
        expect(deep.headers['content-security-policy']).toBe(CONTRACT_CSP);
        expect(deep.headers['cache-control']).toBe('no-cache');
        expect(deep.text).toContain('src="../assets/index-abc123.js"');
        expect(deep.text).toContain('href="../assets/index-abc123.css"');
        const deeper = await request(app).get(`${PREFIX}/admin/stores/S1/pos-keys/`).expect(200);
        expect(deeper.text).toContain('src="../../../assets/index-abc123.js"');
    });

    it('serves the hashed assets immutable for a year; a missing asset is a 404, not the page', async () => {
        const res = await request(app).get(`${PREFIX}/admin/assets/index-abc123.js`).expect(200);
        expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
        expect(res.headers['content-type']).toMatch(/javascript/);
        const missing = await request(app).get(`${PREFIX}/admin/assets/index-gone.js`).expect(404);
        expect(missing.headers['content-type']).not.toMatch(/html/);
    });

    it('serves the other files at the root uncached, the page itself always with its CSP', async () => {
        const icon = await request(app).get(`${PREFIX}/admin/favicon.svg`).expect(200);
        expect(icon.headers['cache-control']).toBe('public, max-age=0');
        const page = await request(app).get(`${PREFIX}/admin/index.html`).expect(200);
        expect(page.headers['content-security-policy']).toBe(CONTRACT_CSP);
        const manifest = await request(app).get(`${PREFIX}/admin/.vite/manifest.json`).expect(200);
        expect(manifest.headers['content-type']).toMatch(/^text\/html/);
    });

    it('leaves the admin API alone: its JSON errors, its methods', async () => {
        // Not the page: the API's own answer (no session yet, so 401 before its 404).
        const unknown = await request(app).get(`${PREFIX}/admin/v1/no-such-route`).expect(401);
        expect(unknown.body.error.code).toBe('REFILL_UNAUTHORIZED');
        expect(unknown.headers['content-type']).toMatch(/json/);
        const session = await request(app).get(`${PREFIX}/admin/v1/session`).expect(401);
        expect(session.body.error.code).toBe('REFILL_UNAUTHORIZED');
        expect(session.headers['content-security-policy']).toBeUndefined();
        await request(app).get(`${PREFIX}/admin/v1/openapi.json`).expect(200).expect('Content-Type', /json/);
    });

    it('answers only GET and HEAD with the page', async () => {
        await request(app).head(`${PREFIX}/admin/customers`).expect(200);
        const post = await request(app).post(`${PREFIX}/admin/customers`).send({});
        expect(post.status).toBe(404);
    });

    it('works at the host root too', async () => {
        const root = createApp(t.refill);
        const res = await request(root).get('/admin/dashboard').expect(200);
        expect(res.text).toContain('./assets/index-abc123.js');
        await request(root).get('/admin/v1/session').expect(401);
    });
});

describe('admin UI not built or turned off', () => {
    it('answers a clear 503 page when the build is missing', async () => {
        const app = express().use('/admin', adminUiRoutes(join(tmpdir(), 'refill-no-such-dist')));
        const res = await request(app).get('/admin/customers').expect(503);
        expect(res.headers['content-security-policy']).toBe(CONTRACT_CSP);
        expect(res.headers['retry-after']).toBe('60');
        expect(res.text).toContain('npm run build:ui');
    });

    it('finds the package build from the source tree', () => {
        expect(defaultAdminUiDir()).toBe(resolve(import.meta.dirname, '../../admin-ui/dist'));
    });
});
