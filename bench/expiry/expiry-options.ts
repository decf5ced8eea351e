import { parseArgs } from 'node:util';
import type { BenchEngine } from '../lib/options.js';

/** What `npm run bench:expiry` measures. Flags win over environment variables. */
export interface ExpiryBenchOptions {
    engines: BenchEngine[];
    /** Lots that are due (expired at the bench clock's now): the work measured. */
    lots: number;
    /** Due lots per customer, so customers = ceil(lots / lotsPerCustomer). */
    lotsPerCustomer: number;
    /** Lots not yet expired, as a share of `lots`; they must stay untouched. */
    freshShare: number;
    /** Customers per transaction: Refill's `batchSize`, and the batched baseline's. */
    batch: number;
    /** MariaDB/MySQL server; the benchmark creates and drops its own databases on it. */
    mysqlUrl: string;
    /** Where the markdown report goes. */
    outDir: string;
    /** Write a V8 CPU profile of Refill's `expireDue()` here (null: off). */
    cpuProfDir: string | null;
    /** `node`: run the measured children compiled to JavaScript; `tsx`: run their TypeScript through tsx. */
    runtime: 'node' | 'tsx';
    /** Which sides to measure (all by default). */
    sides: ExpirySide[];
    /** Keep the databases after the run (for a look at them). */
    keep: boolean;
}

/** The measured sides: Refill, and the two hand-written baselines. */
export type ExpirySide = 'refill' | 'batched' | 'set';

export const ALL_SIDES: readonly ExpirySide[] = ['refill', 'batched', 'set'];

const USAGE = `Usage: npm run bench:expiry -- [options]

  --engines=LIST          mysql,sqlite (env BENCH_ENGINES, default both)
  --lots=N                expired lots to burn (env BENCH_LOTS, default 1000000)
  --lots-per-customer=N   expired lots per customer (env BENCH_LOTS_PER_CUSTOMER, default 4)
  --fresh-share=X         lots not yet expired, as a share of --lots, that must stay
                          untouched (env BENCH_FRESH_SHARE, default 0.1)
  --batch=N               customers per transaction, Refill's batchSize and the batched
                          baseline's (env BENCH_BATCH, default 500)
  --sides=LIST            refill,batched,set (default all three)
  --mysql-url=URL         MariaDB server (env BENCH_MYSQL_URL, default mysql://root@127.0.0.1:3306)
  --out=DIR               report directory (default bench/results)
  --cpu-prof[=DIR]        write a V8 CPU profile of Refill's expireDue() (default DIR
                          bench/results/profiles; it slows Refill down: for where the time
                          goes, not for figures). Summarise it with
                          npx tsx bench/tools/profile-summary.ts <file>
  --runtime=R             node (default: the measured processes are compiled to JavaScript
                          first, as npm start runs Refill) or tsx
  --keep                  keep the databases afterwards (dropped at the next run's start)
  --help                  this text
`;

/** Reads the options; exits with the usage text on `--help` or a bad value. */
export function parseExpiryOptions(
    argv: string[] = process.argv.slice(2),
    env: NodeJS.ProcessEnv = process.env,
): ExpiryBenchOptions {
    const { values } = parseArgs({
        // `--cpu-prof` alone means the default directory: give it an empty value.
        args: argv.map((a) => (a === '--cpu-prof' ? '--cpu-prof=' : a)),
        options: {
            engines: { type: 'string' },
            lots: { type: 'string' },
            'lots-per-customer': { type: 'string' },
            'fresh-share': { type: 'string' },
            batch: { type: 'string' },
            sides: { type: 'string' },
            'mysql-url': { type: 'string' },
            out: { type: 'string' },
            'cpu-prof': { type: 'string' },
            runtime: { type: 'string' },
            keep: { type: 'boolean' },
            help: { type: 'boolean' },
        },
        strict: true,
        allowPositionals: false,
    });
    if (values.help) {
        console.log(USAGE);
        process.exit(0);
    }
    const prof = values['cpu-prof'];
    const freshShare = Number(values['fresh-share'] ?? env.BENCH_FRESH_SHARE ?? '0.1');
    if (!(freshShare >= 0 && freshShare <= 10)) fail(`--fresh-share: expected 0…10, got "${freshShare}"`);
    const runtime = values.runtime ?? 'node';
    if (runtime !== 'node' && runtime !== 'tsx') fail(`--runtime: expected node or tsx, got "${runtime}"`);
    const options: ExpiryBenchOptions = {
        engines: list(values.engines ?? env.BENCH_ENGINES ?? 'mysql,sqlite').map((e) => {
            if (e !== 'mysql' && e !== 'sqlite') fail(`--engines: unknown engine "${e}" (use mysql, sqlite)`);
            return e;
        }),
        lots: positiveInt('lots', values.lots ?? env.BENCH_LOTS ?? '1000000'),
        lotsPerCustomer: positiveInt(
            'lots-per-customer',
            values['lots-per-customer'] ?? env.BENCH_LOTS_PER_CUSTOMER ?? '4',
        ),
        freshShare,
        batch: positiveInt('batch', values.batch ?? env.BENCH_BATCH ?? '500'),
        mysqlUrl: values['mysql-url'] ?? env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306',
        outDir: values.out ?? 'bench/results',
        cpuProfDir: prof === undefined ? null : prof || 'bench/results/profiles',
        runtime,
        sides: list(values.sides ?? ALL_SIDES.join(',')).map((s) => {
            if (!ALL_SIDES.includes(s as ExpirySide))
                fail(`--sides: unknown side "${s}" (use ${ALL_SIDES.join(', ')})`);
            return s as ExpirySide;
        }),
        keep: values.keep ?? false,
    };
    if (!options.engines.length) fail('--engines: give at least one engine');
    if (!options.sides.length) fail('--sides: give at least one side');
    return options;
}

function list(text: string): string[] {
    return text
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
}

function positiveInt(name: string, text: string): number {
    const n = Number(text);
    if (!Number.isInteger(n) || n < 1) fail(`--${name}: expected a positive integer, got "${text}"`);
    return n;
}

function fail(message: string): never {
    console.error(`${message}\n\n${USAGE}`);
    process.exit(2);
}
