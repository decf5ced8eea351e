import {
    closeSync,
    existsSync,
    openSync,
    readFileSync,
    renameSync,
    rmSync,
    statSync,
    writeFileSync,
} from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** Whether the process `pid` still runs (a lock it holds is live). */
function alive(pid: number): boolean {
    try {
        process.kill(pid, 0);
        return true;
    } catch (error) {
        // EPERM: it runs, under another user.
        return (error as NodeJS.ErrnoException).code === 'EPERM';
    }
}

/** Takes `lock` (a file holding the owner's pid) if it is free; removes it first when its owner is gone. */
function tryLock(lock: string): boolean {
    try {
        const fd = openSync(lock, 'wx');
        writeFileSync(fd, String(process.pid));
        closeSync(fd);
        return true;
    } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        let owner: number;
        const stat = statSync(lock, { throwIfNoEntry: false });
        try {
            owner = Number(readFileSync(lock, 'utf8'));
        } catch {
            return false; // released meanwhile
        }
        if (!stat) return false;
        // An empty file is a lock being written this instant, unless it has been empty for seconds.
        const stale = owner > 0 ? !alive(owner) : Date.now() - stat.mtimeMs > 10_000;
        if (stale) rmSync(lock, { force: true });
        return false;
    }
}

/**
 * Reads the JSON value at `file`, building and writing it first when it is
 * not there. Test files run in parallel workers (processes): one builds while
 * holding `file.lock`, the others wait for the file; a lock left by a killed
 * worker is taken over. The file appears whole (written aside, then renamed).
 */
export async function buildOnce<T>(file: string, build: () => Promise<T>): Promise<T> {
    const lock = `${file}.lock`;
    for (;;) {
        if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as T;
        if (tryLock(lock)) break;
        await sleep(200);
    }
    try {
        if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as T;
        const value = await build();
        writeFileSync(`${file}.${process.pid}.tmp`, JSON.stringify(value));
        renameSync(`${file}.${process.pid}.tmp`, file);
        return value;
    } finally {
        rmSync(lock, { force: true });
    }
}
