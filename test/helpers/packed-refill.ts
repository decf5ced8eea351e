import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
    existsSync,
    mkdirSync,
    readdirSync,
    readFileSync,
    rmSync,
    statSync,
    symlinkSync,
    writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The repository root (where package.json is). */
export const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** What `npm pack` puts in the tarball or builds it from: a change here means a new tarball. */
const PACKED_SOURCES = [
    'plugin',
    'migrations',
    'templates',
    'bin',
    'admin-ui/src',
    'admin-ui/public',
    'admin-ui/scripts',
    'admin-ui/index.html',
    'admin-ui/vite.config.ts',
    'admin-ui/tsconfig.json',
    'package.json',
    '.gitignore',
    'tsconfig.json',
    'tsconfig.build.json',
];

/** A hash of every packed source file, so a tarball is built once per version of the code. */
function sourcesHash(): string {
    const hash = createHash('sha256');
    const walk = (path: string): void => {
        if (!existsSync(path)) return;
        if (statSync(path).isDirectory()) {
            for (const name of readdirSync(path).sort()) walk(join(path, name));
            return;
        }
        hash.update(relative(REPO_ROOT, path)).update('\0').update(readFileSync(path)).update('\0');
    };
    for (const source of PACKED_SOURCES) walk(join(REPO_ROOT, source));
    return hash.digest('hex').slice(0, 16);
}

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

/** Removes tarballs of earlier versions of the code older than an hour (each is a few MB). */
function forgetOldTarballs(keep: string): void {
    const root = join(tmpdir(), 'refill-pack');
    for (const name of readdirSync(root)) {
        const path = join(root, name);
        if (path === keep || path.endsWith('.lock')) continue;
        if (Date.now() - statSync(path).mtimeMs > 3_600_000) rmSync(path, { recursive: true, force: true });
    }
}

/**
 * Packs the repository as npm would publish it (`npm pack`, which runs the
 * `prepare` build first) and returns the tarball's path. Test files of one
 * run share the tarball: the first builds it under a lock, the others wait
 * for it; a later run reuses it while no packed source changed.
 */
export async function packRefill(): Promise<string> {
    const dir = join(tmpdir(), 'refill-pack', sourcesHash());
    const done = join(dir, 'tarball.txt');
    const lock = `${dir}.lock`;
    mkdirSync(join(tmpdir(), 'refill-pack'), { recursive: true });
    for (const deadline = Date.now() + 10 * 60_000; Date.now() < deadline;) {
        if (existsSync(done)) return join(dir, readFileSync(done, 'utf8').trim());
        try {
            mkdirSync(lock);
        } catch {
            // Another test file is packing; a lock older than five minutes was left by a killed run.
            const since = statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now();
            if (Date.now() - since > 5 * 60_000) rmSync(lock, { recursive: true, force: true });
            await sleep(500);
            continue;
        }
        try {
            forgetOldTarballs(dir);
            mkdirSync(dir, { recursive: true });
            const { stdout } = await run('npm', ['pack', '--pack-destination', dir, '--silent'], {
                cwd: REPO_ROOT,
                maxBuffer: 16 * 1024 * 1024,
            }).catch((error: { stdout?: string; stderr?: string }) => {
                // The build's (tsc's) complaints are on stdout: show them, not only the command.
                const output = `${error.stdout ?? ''}${error.stderr ?? ''}`.trim().split('\n').slice(-20);
                throw new Error(`npm pack failed:\n${output.join('\n')}`);
            });
            const file = stdout.trim().split('\n').at(-1)!;
            writeFileSync(done, file);
            return join(dir, file);
        } finally {
            rmSync(lock, { recursive: true, force: true });
        }
    }
    throw new Error('packRefill: timed out waiting for another test file to pack');
}

/**
 * A host directory whose `node_modules/refill` is the unpacked tarball and
 * whose other packages are the repository's own (symlinked, nothing
 * downloaded): resolving `refill` there goes through the package's `exports`
 * exactly as in a host that installed it.
 */
export async function unpackIntoHost(tarball: string, host: string): Promise<void> {
    const modules = join(host, 'node_modules');
    const target = join(modules, 'refill');
    mkdirSync(target, { recursive: true });
    await run('tar', ['-xzf', tarball, '-C', target, '--strip-components=1']);
    for (const name of readdirSync(join(REPO_ROOT, 'node_modules'))) {
        if (name === 'refill' || name === '.bin' || name.startsWith('.')) continue;
        symlinkSync(join(REPO_ROOT, 'node_modules', name), join(modules, name));
    }
}
