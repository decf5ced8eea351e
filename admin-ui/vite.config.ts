import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * Modules that go to a chunk of their own: ECharts only loads with the first
 * chart; React (always needed) is cached apart from the app's code. Mantine is
 * left to the bundler, so a component only one page uses loads with that page.
 */
const CHUNK_GROUPS = [
    { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/ },
    { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/ },
];

/**
 * The admin UI. Built with relative asset URLs (`base: './'`) so it works under
 * any mount prefix: Refill serves `admin-ui/dist` at `<prefix>/admin/`. The dev
 * server serves it at `/admin/` and proxies the API to a running `npm start`
 * (REFILL_API, default http://localhost:3000).
 */
export default defineConfig(({ command }) => ({
    root,
    base: command === 'build' ? './' : '/admin/',
    plugins: [react()],
    build: {
        outDir: 'dist',
        emptyOutDir: true,
        manifest: true,
        // ECharts (about 500 kB minified) is its own chunk, loaded only with the first chart.
        chunkSizeWarningLimit: 600,
        target: 'es2022',
        // No inline scripts or data: URLs for scripts: the page runs under `script-src 'self'`.
        assetsInlineLimit: 0,
        modulePreload: { polyfill: false },
        rolldownOptions: {
            output: { codeSplitting: { groups: CHUNK_GROUPS } },
        },
    },
    server: {
        port: 5173,
        proxy: { '/admin/v1': { target: process.env.REFILL_API ?? 'http://localhost:3000' } },
    },
}));
