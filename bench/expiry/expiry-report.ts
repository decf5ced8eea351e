import type { BenchEngine } from '../lib/options.js';
import type { CheckResult } from './expiry-checks.js';
import type { ExpiryBenchOptions, ExpirySide } from './expiry-options.js';
import type { SideMeasurement } from './expiry-runner.js';
import { STEPS } from './step-clock.js';

/** One engine's run: the measured sides and the checks that ran. */
export interface EngineResult {
    engine: BenchEngine;
    /** Seconds it took to seed one database (setup, not measured). */
    seedS: number;
    sides: Array<{ side: ExpirySide; measured: SideMeasurement; waitedMs: number }>;
    checks: CheckResult[];
}

/** Where and how the run happened. */
export interface ExpiryRunInfo {
    startedAt: Date;
    command: string;
    node: string;
    cpus: string;
    mariadb: string | null;
    options: ExpiryBenchOptions;
    customers: number;
    freshLots: number;
}

const ENGINE_TITLE: Record<BenchEngine, string> = {
    mysql: 'MariaDB (stock settings)',
    sqlite: 'SQLite (better-sqlite3, WAL, synchronous=NORMAL)',
};

export const SIDE_TITLE: Record<ExpirySide, string> = {
    refill: 'Refill `expireDue()`',
    batched: 'baseline: hand-written SQL, same batches',
    set: 'baseline: set-based, one transaction',
};

/** The report as markdown (printed and written to bench/results/). */
export function renderExpiryReport(info: ExpiryRunInfo, engines: readonly EngineResult[]): string {
    const o = info.options;
    const out: string[] = [];
    out.push(
        `# expire-bonuses benchmark — ${info.startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
        '',
        `Command: \`${info.command}\``,
        '',
        `Node ${info.node}; ${info.cpus}${info.mariadb ? `; MariaDB ${info.mariadb}` : ''}. ` +
            `${int(o.lots)} expired lots (${o.lotsPerCustomer} per customer, ${int(info.customers)} customers) ` +
            `and ${int(info.freshLots)} unexpired lots that must stay untouched; batches of ${int(o.batch)} customers. ` +
            `Each side runs once, in its own process (${o.runtime === 'node' ? 'compiled to JavaScript, plain node' : 'TypeScript through tsx'}), ` +
            'on its own identically seeded database.',
        '',
    );
    for (const e of engines) {
        const refill = e.sides.find((s) => s.side === 'refill');
        out.push(`## ${ENGINE_TITLE[e.engine]}`, '');
        out.push(
            '| side | lots expired | time | lots/s | Refill/side (lots/s) | batches | peak RSS | RSS before the run | V8 heap peak |',
            '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
        );
        for (const { side, measured } of e.sides) {
            const c = measured.child;
            const rate = c.lotsExpired / (c.wallMs / 1000);
            const refillRate = refill
                ? refill.measured.child.lotsExpired / (refill.measured.child.wallMs / 1000)
                : NaN;
            out.push(
                `| ${SIDE_TITLE[side]} | ${int(c.lotsExpired)} | ${seconds(c.wallMs)} | ${int(rate)} | ${side === 'refill' ? '1.00' : `**${(refillRate / rate).toFixed(2)}**`} | ${int(c.batches)} | ${mb(Math.max(c.maxRssBytes, c.rssPeakSampledBytes))} | ${mb(c.rssBeforeBytes)} | ${mb(c.heapPeakBytes)} |`,
            );
        }
        out.push(
            '',
            'Peak RSS = the process\'s lifetime peak (getrusage `maxrss`, start-up included); "RSS before the run" = after start-up ' +
                '(Refill: `createRefill` + `start()`; baselines: one driver connection). ' +
                (e.engine === 'sqlite'
                    ? "SQLite runs inside the measured process, so its page cache and the transaction's pages count in that process's RSS."
                    : 'The work itself happens in MariaDB: see its CPU and RSS growth below.'),
            '',
            'Where the time goes:',
            '',
            '| side | batch ms p50 / p99 | first / last tenth of batches, mean ms | statements per batch | process CPU s (kernel) | database server CPU s | machine busy, cores | other processes, cores | database server RSS growth | waited for InnoDB to settle |',
            '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
        );
        for (const { side, measured, waitedMs } of e.sides) {
            const c = measured.child;
            const p = measured.probe;
            const sorted = [...c.batchMs].sort((a, b) => a - b);
            const tenth = Math.max(1, Math.floor(c.batchMs.length / 10));
            const dbCpu = e.engine === 'mysql' ? p.dbCpuUs : null;
            const ours = c.cpuUs + (dbCpu ?? 0) + p.selfCpuUs;
            const others = p.machineBusyUs === null ? null : Math.max(0, p.machineBusyUs - ours);
            out.push(
                `| ${SIDE_TITLE[side]} | ${ms(quantile(sorted, 0.5))} / ${ms(quantile(sorted, 0.99))} | ${ms(mean(c.batchMs.slice(0, tenth)))} / ${ms(mean(c.batchMs.slice(-tenth)))} | ${p.statements === null ? '—' : (p.statements / Math.max(1, c.batches)).toFixed(1)} | ${seconds(c.cpuUs / 1000)} (${seconds(c.systemCpuUs / 1000)}) | ${dbCpu === null ? '—' : seconds(dbCpu / 1000)} | ${cores(p.machineBusyUs, p.wallUs)} | ${cores(others, p.wallUs)} | ${measured.dbRssGrowthBytes === null ? '—' : mb(measured.dbRssGrowthBytes)} | ${e.engine === 'mysql' ? seconds(waitedMs) : '—'} |`,
            );
        }
        out.push(
            '',
            e.engine === 'mysql'
                ? '"statements per batch" = MariaDB `Questions` over the run per batch (server-wide: other users of the server add to it). ' +
                      '"database server" = the local mariadbd from /proc. "other processes" = machine busy time not used by the measured process, ' +
                      'MariaDB or the benchmark itself: other work on a shared machine, which skews the run.'
                : 'SQLite works inside the measured process: its CPU is the whole cost. "other processes" = machine busy time not used by it or the benchmark.',
            '',
        );
        const stepped = e.sides.filter((s) => s.measured.child.stepMs);
        if (stepped.length) {
            out.push(
                "Per batch, mean ms by step (pick = choose the batch's customers; begin = up to the lock; lock = lock the customers; " +
                    "read = read their open lots (Refill only); compute = Refill's in-memory ledger sessions and statement building; " +
                    'write = the writes (on MariaDB Refill defers its writes and sends them in one round trip with the balances update); commit = the COMMIT):',
                '',
                `| side | ${STEPS.join(' | ')} | total |`,
                `|---|${STEPS.map(() => '---:').join('|')}|---:|`,
            );
            for (const { side, measured } of stepped) {
                const c = measured.child;
                const steps = c.stepMs as Record<string, number>;
                const n = Math.max(1, c.batches);
                const total = STEPS.reduce((sum, step) => sum + steps[step], 0);
                out.push(
                    `| ${SIDE_TITLE[side]} | ${STEPS.map((step) => (side !== 'refill' && (step === 'read' || step === 'compute') ? '—' : ms(steps[step] / n))).join(' | ')} | ${ms(total / n)} |`,
                );
            }
            out.push('');
        }
        out.push(`Seeding one database took ${e.seedS.toFixed(0)} s (setup, not measured).`, '');
        const failed = e.checks.filter((c) => !c.ok);
        out.push(
            `Checks: ${e.checks.length - failed.length} of ${e.checks.length} passed ` +
                `(before and after every side: ${[...new Set(e.checks.map((c) => c.name.replace(/^(before|after): /, '')))].join('; ')}).`,
            '',
        );
    }
    return out.join('\n');
}

function quantile(sorted: readonly number[], q: number): number {
    if (!sorted.length) return NaN;
    return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

function mean(values: readonly number[]): number {
    return values.length ? values.reduce((s, v) => s + v, 0) / values.length : NaN;
}

function int(n: number): string {
    return Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '—';
}

function ms(n: number): string {
    if (!Number.isFinite(n)) return '—';
    return n < 10 ? n.toFixed(2) : n < 1000 ? n.toFixed(1) : int(n);
}

function seconds(msValue: number): string {
    return Number.isFinite(msValue) ? `${(msValue / 1000).toFixed(msValue < 10_000 ? 2 : 1)} s` : '—';
}

function mb(bytes: number): string {
    return `${Math.round(bytes / 1048576)} MB`;
}

function cores(us: number | null, wallUs: number): string {
    return us === null || !(wallUs > 0) ? '—' : (us / wallUs).toFixed(2);
}
