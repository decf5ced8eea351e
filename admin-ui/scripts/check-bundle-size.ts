/**
 * Prints each built chunk's gzip size and fails when the first page load's
 * JavaScript (the entry chunk plus everything it imports statically, per
 * Vite's manifest) is over the budget. Run after `vite build` (`npm run build:ui`).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** The first load's JavaScript budget, gzipped. */
const BUDGET_BYTES = 300 * 1024;

interface ManifestChunk {
    file: string;
    isEntry?: boolean;
    imports?: string[];
    dynamicImports?: string[];
    css?: string[];
}

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8')) as Record<
    string,
    ManifestChunk
>;
const gzipped = (file: string) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

const entries = Object.entries(manifest).filter(([, chunk]) => chunk.isEntry);
if (entries.length !== 1)
    throw new Error(`expected one entry chunk in the manifest, found ${entries.length}`);

/** The entry and its static imports, transitively (what the browser loads before the first render). */
const firstLoad = new Set<string>();
const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || firstLoad.has(chunk.file)) return;
    firstLoad.add(chunk.file);
    for (const imported of chunk.imports ?? []) visit(imported);
};
visit(entries[0][0]);

const files = readdirSync(join(dist, 'assets'))
    .filter((name) => name.endsWith('.js') || name.endsWith('.css'))
    .map((name) => ({ file: `assets/${name}`, size: gzipped(`assets/${name}`) }))
    .sort((a, b) => b.size - a.size);
for (const { file, size } of files)
    console.log(`${kb(size).padStart(10)}  ${file}${firstLoad.has(file) ? '  (first load)' : ''}`);

const total = [...firstLoad].reduce((sum, file) => sum + gzipped(file), 0);
console.log(`first load JS: ${kb(total)} gzipped (budget ${kb(BUDGET_BYTES)})`);
if (total > BUDGET_BYTES) {
    console.error('The first page load is over the budget: load the heavy part lazily (import()).');
    process.exit(1);
}
