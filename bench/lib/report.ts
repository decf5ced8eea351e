import type { LoopResult } from './closed-loop.js';
import type { BenchEngine, PosBenchOptions } from './options.js';
import type { ProbeReading } from './system-probe.js';

/** One side (Refill or a raw variant) of one step, with its counters. */
export interface SideResult {
    loop: LoopResult;
    probe: ProbeReading;
}

/** Refill's side: the server process's own figures too. */
export interface RefillSideResult extends SideResult {
    /** Highest RSS of the server process sampled during the window. */
    peakRssBytes: number;
    /** The server process's lifetime peak RSS at the end of the window. */
    maxRssBytes: number;
    /** CPU time of the server process during the window, µs. */
    serverCpuUs: number;
    /** The part of it spent in the kernel, µs. */
    serverSystemCpuUs: number;
}

/** One engine and client count. */
export interface StepResult {
    engine: BenchEngine;
    clients: number;
    refill: RefillSideResult;
    raw: SideResult;
    /**
     * Diagnostic variants (--diagnose): `raw+reads` (raw plus Refill's two reads)
     * and `in-process` (Refill's hooks.commitPurchase inside the server process, no HTTP).
     */
    variants: Array<{ name: string; result: SideResult | RefillSideResult }>;
}

/** Where and how the run happened. */
export interface RunInfo {
    startedAt: Date;
    command: string;
    node: string;
    cpus: string;
    mariadb: string | null;
    options: PosBenchOptions;
}

const ENGINE_TITLE: Record<BenchEngine, string> = {
    mysql: 'MariaDB (mysql2 pool)',
    sqlite: 'SQLite (better-sqlite3, WAL, synchronous=NORMAL)',
};

/** The aims from the issue, checked on MariaDB at the highest client count. */
export const AIM = { minRatio: 0.5, maxP99Ms: 50, clients: 32 } as const;

/** The whole report as markdown (printed and written to bench/results/). */
export function renderReport(info: RunInfo, steps: readonly StepResult[]): string {
    const o = info.options;
    const out: string[] = [];
    out.push(
        `# POS receipt commit benchmark — ${info.startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
        '',
    );
    out.push(`Command: \`${info.command}\``, '');
    out.push(
        `Node ${info.node}; ${info.cpus}${info.mariadb ? `; MariaDB ${info.mariadb}` : ''}. ` +
            `${o.customers.toLocaleString('en-US')} customers per database; per step ${o.durationS} s measured per side, ` +
            `in ${o.rounds} alternating Refill/raw window${o.rounds > 1 ? 's' : ''} each (${o.warmupS} s warm-up before the first). ` +
            `Refill = standalone server in its own process (${o.serverRuntime === 'node' ? 'compiled to JavaScript, plain node' : 'TypeScript through tsx'}), driven over HTTP (keep-alive); raw = hand-written SQL in the benchmark process, one statement per round trip.`,
        '',
    );

    for (const engine of o.engines) {
        const rows = steps.filter((s) => s.engine === engine);
        if (!rows.length) continue;
        out.push(`## ${ENGINE_TITLE[engine]}`, '');
        out.push(
            '| clients | Refill receipts/s | Refill p50 ms | Refill p99 ms | server peak RSS | raw receipts/s | raw p50 ms | raw p99 ms | Refill/raw | Refill/raw by CPU time |',
            '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
        );
        for (const s of rows) {
            const r = s.refill.loop;
            const w = s.raw.loop;
            out.push(
                `| ${s.clients} | ${int(r.perSecond)} | ${ms(r.p50Ms)} | ${ms(r.p99Ms)} | ${mb(s.refill.peakRssBytes)} | ${int(w.perSecond)} | ${ms(w.p50Ms)} | ${ms(w.p99Ms)} | **${ratio(r.perSecond, w.perSecond)}** | ${engine === 'mysql' ? ratio(cpuPerReceipt(s.raw, 0), cpuPerReceipt(s.refill, s.refill.serverCpuUs)) : '—'} |`,
            );
        }
        out.push(
            '',
            engine === 'mysql'
                ? '"Refill/raw by CPU time" = raw\'s CPU time per receipt over Refill\'s, counting every process of the run ' +
                      '(the Refill server, the bench process, MariaDB): with both cores busy it predicts the throughput ratio, ' +
                      'and other processes on a shared machine disturb it much less than the throughput itself.'
                : "On SQLite each side is bound by the one thread that runs SQLite (the Refill server's, the bench process's for raw): " +
                      'compare the server CPU with the raw bench process CPU below.',
        );
        out.push('');
        if (rows.some((s) => s.variants.length)) {
            out.push(
                'Diagnostic variants: `raw+reads` = raw plus the two reads Refill needs (customer row by card `FOR UPDATE`, statistics row); ' +
                    "`in-process` = Refill's `hooks.commitPurchase` called inside the server process (same validation, service and SQL, no HTTP).",
                '',
                '| clients | variant | receipts/s | p50 ms | p99 ms | Refill over HTTP / variant |',
                '|---:|---|---:|---:|---:|---:|',
            );
            for (const s of rows) {
                for (const v of s.variants) {
                    const x = v.result.loop;
                    out.push(
                        `| ${s.clients} | ${v.name} | ${int(x.perSecond)} | ${ms(x.p50Ms)} | ${ms(x.p99Ms)} | ${ratio(s.refill.loop.perSecond, x.perSecond)} |`,
                    );
                }
            }
            out.push('');
        }
        out.push(
            'Where the time goes (per committed receipt, during the window):',
            '',
            '| clients | side | statements | server CPU µs (kernel) | bench process CPU µs (kernel) | database server CPU µs | machine busy, cores | other processes, cores | errors |',
            '|---:|---|---:|---:|---:|---:|---:|---:|---:|',
        );
        for (const s of rows) {
            const sides: Array<[string, SideResult, number | null, number | null]> = [
                ['Refill', s.refill, s.refill.serverCpuUs, s.refill.serverSystemCpuUs],
                ['raw', s.raw, null, null],
            ];
            for (const v of s.variants) {
                const server = 'serverCpuUs' in v.result ? (v.result as RefillSideResult) : null;
                sides.push([
                    v.name,
                    v.result,
                    server?.serverCpuUs ?? null,
                    server?.serverSystemCpuUs ?? null,
                ]);
            }
            for (const [name, side, serverUs, serverSysUs] of sides) {
                const n = side.loop.ok || Number.NaN;
                const p = side.probe;
                const ours = (serverUs ?? 0) + p.selfCpuUs + (p.dbCpuUs ?? 0);
                const others = p.machineBusyUs === null ? null : Math.max(0, p.machineBusyUs - ours);
                out.push(
                    `| ${s.clients} | ${name} | ${perReceipt(p.statements, n, 1)} | ${serverUs === null ? '—' : `${perReceipt(serverUs, n)} (${perReceipt(serverSysUs, n)})`} | ${perReceipt(p.selfCpuUs, n)} (${perReceipt(p.selfSystemUs, n)}) | ${perReceipt(p.dbCpuUs, n)} | ${cores(p.machineBusyUs, p.wallUs)} | ${cores(others, p.wallUs)} | ${side.loop.errors} |`,
                );
            }
        }
        out.push('');
        out.push(
            engine === 'mysql'
                ? '"statements" = MariaDB `Questions` per receipt (round trips, including START TRANSACTION and COMMIT). ' +
                      '"bench process" = the HTTP load generator (Refill rows) or the raw writer (raw rows). ' +
                      'The database server CPU is read from /proc when MariaDB runs on this machine. ' +
                      '"other processes" = machine busy time not used by the server, the bench process or MariaDB: work of others on a shared machine, which skews that step.'
                : 'SQLite runs inside the process that writes: inside the Refill server for Refill, inside the bench process for raw. ' +
                      '"other processes" = machine busy time not used by the server or the bench process: work of others on a shared machine, which skews that step.',
            '',
        );
    }

    const aim = aimLines(steps);
    if (aim.length) out.push('## Aim', '', ...aim, '');
    const errors = steps.flatMap((s) =>
        [{ name: 'Refill', result: s.refill as SideResult }, { name: 'raw', result: s.raw }, ...s.variants]
            .filter((x) => x.result.loop.errors > 0)
            .map(
                (x) =>
                    `- ${s.engine}, ${s.clients} clients, ${x.name}: ${x.result.loop.errors} errors, e.g. ${x.result.loop.errorSamples.join('; ')}`,
            ),
    );
    out.push(
        '## Errors',
        '',
        ...(errors.length ? errors : ['None: every commit succeeded (every HTTP request was answered 201).']),
        '',
    );
    return out.join('\n');
}

/** The aim check: Refill ≥ half of raw on MariaDB, p99 under 50 ms at 32 clients. */
function aimLines(steps: readonly StepResult[]): string[] {
    const step = steps.find((s) => s.engine === 'mysql' && s.clients === AIM.clients);
    if (!step) return [];
    const r = step.refill.loop;
    const ratioValue = r.perSecond / step.raw.loop.perSecond;
    const verdict = (ok: boolean) => (ok ? 'met' : '**not met**');
    return [
        `- MariaDB, ${AIM.clients} clients: Refill/raw = ${ratioValue.toFixed(2)} (aim ≥ ${AIM.minRatio.toFixed(2)}): ${verdict(ratioValue >= AIM.minRatio)}.`,
        `- MariaDB, ${AIM.clients} clients: Refill p99 = ${ms(r.p99Ms)} ms (aim < ${AIM.maxP99Ms} ms): ${verdict(r.p99Ms < AIM.maxP99Ms)}.`,
    ];
}

function int(n: number): string {
    return Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '—';
}

function ms(n: number): string {
    if (!Number.isFinite(n)) return '—';
    return n < 10 ? n.toFixed(2) : n.toFixed(1);
}

function mb(bytes: number): string {
    return `${Math.round(bytes / 1048576)} MB`;
}

function ratio(a: number, b: number): string {
    return b > 0 && Number.isFinite(a / b) ? (a / b).toFixed(2) : '—';
}

/** CPU time of every process of the run (server, bench process, MariaDB) per committed receipt, µs. */
function cpuPerReceipt(side: SideResult, serverUs: number): number {
    return (serverUs + side.probe.selfCpuUs + (side.probe.dbCpuUs ?? 0)) / side.loop.ok;
}

function cores(us: number | null, wallUs: number): string {
    return us === null || !(wallUs > 0) ? '—' : (us / wallUs).toFixed(2);
}

function perReceipt(total: number | null, receipts: number, digits = 0): string {
    if (total === null || !Number.isFinite(total / receipts)) return '—';
    return (total / receipts).toLocaleString('en-US', {
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
    });
}
