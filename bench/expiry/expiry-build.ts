import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (bench/expiry/../..). */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** A tool cache inside the project, so the compiled files resolve its node_modules. */
const OUT = join(ROOT, 'node_modules', '.cache', 'refill-bench-expiry');

/**
 * Compiles the measured child with the plugin and migrations to plain
 * JavaScript (as bench/lib/server-build.ts does for the POS server), so
 * Refill is not measured through tsx's loader hooks. Type errors elsewhere in
 * the tree do not stop the emit. Returns the compiled entry, or null.
 */
export function buildExpiryChild(): string | null {
    mkdirSync(OUT, { recursive: true });
    // Node does not look for a package scope above node_modules: declare ESM here.
    writeFileSync(join(OUT, 'package.json'), '{ "type": "module" }\n');
    const fromOut = (path: string) => relative(OUT, join(ROOT, path));
    writeFileSync(
        join(OUT, 'tsconfig.json'),
        JSON.stringify(
            {
                extends: fromOut('tsconfig.json'),
                compilerOptions: {
                    noEmit: false,
                    rootDir: fromOut('.'),
                    outDir: '.',
                    declaration: false,
                    sourceMap: false,
                    incremental: true,
                    tsBuildInfoFile: './.tsbuildinfo',
                },
                include: [],
                files: [fromOut('bench/expiry/expiry-child.ts')],
            },
            null,
            2,
        ),
    );
    const started = Date.now();
    const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', OUT], {
        encoding: 'utf8',
    });
    const entry = join(OUT, 'bench', 'expiry', 'expiry-child.js');
    if (tsc.status !== 0) {
        const first = `${tsc.stdout}${tsc.stderr}`.trim().split('\n').slice(0, 3).join('\n  ');
        console.warn(`[build] tsc reported errors (emitted anyway):\n  ${first}`);
    }
    if (!existsSync(entry)) return null;
    console.log(
        `[build] compiled the measured child to ${relative(ROOT, OUT)} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    return entry;
}
