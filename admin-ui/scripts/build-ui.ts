/**
 * Builds the admin UI for production into `admin-ui/dist`, replacing the
 * previous build in one step: Vite writes to a staging folder, which then
 * takes dist's place, so a server serving dist (a running `npm start`, the
 * browser tests) never sees it half-written. Unchanged sources give the same
 * hashed file names, so pages already open keep loading their chunks.
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// Vite builds React's development bundle when NODE_ENV says so (Vitest sets `test`).
process.env.NODE_ENV = 'production';
const { build } = await import('vite');

const ui = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));
const dist = ui('dist');
const staging = ui(`dist.next-${process.pid}`);
const previous = ui(`dist.old-${process.pid}`);

try {
    await build({
        configFile: ui('vite.config.ts'),
        mode: 'production',
        logLevel: 'warn',
        build: { outDir: staging, emptyOutDir: true },
    });
    if (existsSync(dist)) renameSync(dist, previous);
    renameSync(staging, dist);
} finally {
    rmSync(staging, { recursive: true, force: true });
    rmSync(previous, { recursive: true, force: true });
}
