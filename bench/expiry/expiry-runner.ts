import { fork } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import mysql from 'mysql2/promise';
import { probeDelta, type ProbeReading, type SystemProbe } from '../lib/system-probe.js';
import type {
    ExpiryChildMessage,
    ExpiryChildResult,
    ExpiryChildSpec,
    ExpiryParentMessage,
} from './expiry-protocol.js';

const CHILD_TS = fileURLToPath(new URL('./expiry-child.ts', import.meta.url));

/** One side measured: the child's own figures and the counters around its run. */
export interface SideMeasurement {
    child: ExpiryChildResult;
    /** Counters over the run (statements and CPU of MariaDB, the machine's busy time). */
    probe: ProbeReading;
    /** Growth of the MariaDB server's RSS during the run (sampled every 100 ms), or null. */
    dbRssGrowthBytes: number | null;
}

/**
 * Forks the measured child (compiled JavaScript, or TypeScript through tsx),
 * waits until it has set up, reads the counters, lets it run, and reads them
 * again when it reports.
 */
export async function measureSide(
    spec: ExpiryChildSpec,
    compiledEntry: string | null,
    probe: SystemProbe,
    dbPid: number | null,
): Promise<SideMeasurement> {
    const child = fork(compiledEntry ?? CHILD_TS, [], {
        execArgv: compiledEntry ? [] : ['--import', 'tsx'],
        env: { ...process.env, BENCH_EXPIRY_SPEC: JSON.stringify(spec), NODE_ENV: 'production' },
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const exited = new Promise<number | null>((ok) => child.once('exit', (code) => ok(code)));
    const messages: ExpiryChildMessage[] = [];
    let wake: (() => void) | null = null;
    child.on('message', (message: ExpiryChildMessage) => {
        messages.push(message);
        wake?.();
    });
    void exited.then(() => wake?.());
    const next = async <T extends ExpiryChildMessage['type']>(
        type: T,
    ): Promise<Extract<ExpiryChildMessage, { type: T }>> => {
        for (;;) {
            const message = messages.shift();
            if (message?.type === type) return message as Extract<ExpiryChildMessage, { type: T }>;
            if (message?.type === 'error') throw new Error(`${spec.side} child: ${message.message}`);
            if (!message) {
                if (child.exitCode !== null || child.signalCode !== null)
                    throw new Error(
                        `${spec.side} child exited (${child.exitCode ?? child.signalCode}) before "${type}"`,
                    );
                await new Promise<void>((ok) => (wake = ok));
                wake = null;
            }
        }
    };
    try {
        await next('ready');
        const dbRss = dbPid === null ? null : new RssWatcher(dbPid);
        const before = await probe.read();
        child.send({ type: 'go' } satisfies ExpiryParentMessage);
        const { result } = await next('done');
        const after = await probe.read();
        const dbRssGrowthBytes = dbRss?.stop() ?? null;
        await exited;
        return { child: result, probe: probeDelta(before, after), dbRssGrowthBytes };
    } finally {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
}

/** Samples a process's RSS every 100 ms; `stop()` gives the growth over the first sample. */
class RssWatcher {
    private readonly first: number | null;
    private peak: number;
    private readonly timer: NodeJS.Timeout;

    constructor(private readonly pid: number) {
        this.first = processRss(pid);
        this.peak = this.first ?? 0;
        this.timer = setInterval(() => (this.peak = Math.max(this.peak, processRss(this.pid) ?? 0)), 100);
    }

    stop(): number | null {
        clearInterval(this.timer);
        this.peak = Math.max(this.peak, processRss(this.pid) ?? 0);
        return this.first === null ? null : this.peak - this.first;
    }
}

/** VmRSS of a process from /proc, bytes (null when unreadable). */
function processRss(pid: number): number | null {
    try {
        const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
        return match ? Number(match[1]) * 1024 : null;
    } catch {
        return null;
    }
}

/** The pid of the local MariaDB/MySQL server, or null (not local, or no /proc). */
export function findDatabaseServer(mysqlUrl: string): number | null {
    const host = new URL(mysqlUrl).hostname;
    if (!['127.0.0.1', 'localhost', '::1'].includes(host)) return null;
    try {
        for (const entry of readdirSync('/proc')) {
            if (!/^\d+$/.test(entry)) continue;
            try {
                const name = readFileSync(`/proc/${entry}/comm`, 'utf8').trim();
                if (name === 'mariadbd' || name === 'mysqld') return Number(entry);
            } catch {
                // The process ended while we looked.
            }
        }
    } catch {
        // No /proc.
    }
    return null;
}

/**
 * Waits (up to `timeoutMs`) until InnoDB has purged old row versions and its
 * page cleaner has stopped flushing (dirty pages below 5%, or unchanged for
 * 3 s: with the stock `innodb_max_dirty_pages_pct_lwm = 0` an idle server
 * keeps some dirty pages for good), so a run does not pay for the seeding or
 * the previous run. Returns how long it waited and the state it ended in.
 */
export async function waitForQuietInnodb(
    mysqlUrl: string,
    timeoutMs = 300_000,
): Promise<{ waitedMs: number; history: number; dirtyShare: number }> {
    const admin = await mysql.createConnection(mysqlUrl);
    const started = Date.now();
    const dirtySeen: number[] = [];
    try {
        for (;;) {
            const [rows] = await admin.query<mysql.RowDataPacket[]>(
                "SHOW GLOBAL STATUS WHERE Variable_name IN ('Innodb_history_list_length', 'Innodb_buffer_pool_pages_dirty', 'Innodb_buffer_pool_pages_total')",
            );
            const value = (name: string) => Number(rows.find((r) => r.Variable_name === name)?.Value ?? 0);
            const history = value('Innodb_history_list_length');
            const dirty = value('Innodb_buffer_pool_pages_dirty');
            const dirtyShare = dirty / Math.max(1, value('Innodb_buffer_pool_pages_total'));
            dirtySeen.push(dirty);
            const recent = dirtySeen.slice(-4);
            const flushed = dirtyShare < 0.05 || (recent.length === 4 && recent.every((d) => d === dirty));
            const waitedMs = Date.now() - started;
            if ((history < 1000 && flushed) || waitedMs >= timeoutMs)
                return { waitedMs, history, dirtyShare };
            await sleep(1000);
        }
    } finally {
        await admin.end();
    }
}
