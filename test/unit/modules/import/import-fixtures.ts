import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A temporary directory for fixture files, removed by `cleanup()`. */
export function fixtureDir(): { write(name: string, text: string): string; cleanup(): void } {
    const dir = mkdtempSync(join(tmpdir(), 'refill-import-'));
    return {
        write(name, text) {
            const path = join(dir, name);
            writeFileSync(path, text, 'utf8');
            return path;
        },
        cleanup: () => rmSync(dir, { recursive: true, force: true }),
    };
}

/** Everything an async iterable yields. */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
    const out: T[] = [];
    for await (const item of items) out.push(item);
    return out;
}
