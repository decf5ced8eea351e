import { parseArgs } from 'node:util';

/** A database engine the benchmark drives. */
export type BenchEngine = 'mysql' | 'sqlite';

/** What `npm run bench:pos` measures and how long. Flags win over environment variables. */
export interface PosBenchOptions {
    /** Customers seeded in each database; receipts pick one at random. */
    customers: number;
    /** Measured seconds per step (one engine, one client count, one side). */
    durationS: number;
    /** Unmeasured seconds before the first window of each side of a step. */
    warmupS: number;
    /** Windows per side and step: Refill and raw windows alternate, `durationS / rounds` each. */
    rounds: number;
    engines: BenchEngine[];
    /** Concurrent clients (HTTP clients for Refill, connections/workers for the raw baseline). */
    clients: number[];
    /** MariaDB/MySQL server; the benchmark creates and drops its own databases on it. */
    mysqlUrl: string;
    /** Where the markdown report goes. */
    outDir: string;
    /** Profile the Refill server during every measured window, profiles written here (null: off). */
    cpuProfDir: string | null;
    /**
     * Add two diagnostic variants: raw with Refill's two reads (customer lock,
     * statistics select), and Refill called in-process through its hooks (no HTTP).
     */
    diagnose: boolean;
    /**
     * The server child compiled to plain JavaScript (as `npm start` runs Refill),
     * or null to run its TypeScript through tsx (`--server-runtime=tsx`).
     * Filled in by the benchmark after parsing.
     */
    compiledServer: string | null;
    /** `node` (default: compile the server first) or `tsx`. */
    serverRuntime: 'node' | 'tsx';
}

const USAGE = `Usage: npm run bench:pos -- [options]

  --customers=N        customers per database (env BENCH_CUSTOMERS, default 100000)
  --duration=S         measured seconds per step (env BENCH_DURATION_S, default 10)
  --warmup=S           warm-up seconds per step (env BENCH_WARMUP_S, default 2)
  --rounds=N           alternate Refill and raw N times within a step (env BENCH_ROUNDS, default 4)
  --engines=LIST       mysql,sqlite (env BENCH_ENGINES, default both)
  --clients=LIST       concurrent clients (env BENCH_CLIENTS, default 1,8,32)
  --mysql-url=URL      MariaDB server (env BENCH_MYSQL_URL, default mysql://root@127.0.0.1:3306)
  --out=DIR            report directory (default bench/results)
  --cpu-prof[=DIR]     write a V8 CPU profile of the Refill server for every measured
                       window (default DIR bench/results/profiles; it slows Refill down:
                       use for where-the-time-goes, not for figures). Summarise one with
                       npx tsx bench/tools/profile-summary.ts <file>
  --diagnose           add raw+reads (raw plus Refill's two reads per receipt) and
                       Refill in-process (hooks.commitPurchase, no HTTP) variants
  --server-runtime=R   node (default: the server is compiled to JavaScript first, as
                       npm start runs it) or tsx (run its TypeScript through tsx)
  --help               this text
`;

/** Reads the options from flags and environment variables; exits with usage on `--help` or a bad value. */
export function parseOptions(
    argv: string[] = process.argv.slice(2),
    env: NodeJS.ProcessEnv = process.env,
): PosBenchOptions {
    const { values } = parseArgs({
        // `--cpu-prof` alone means the default directory: give it an empty value.
        args: argv.map((a) => (a === '--cpu-prof' ? '--cpu-prof=' : a)),
        options: {
            customers: { type: 'string' },
            duration: { type: 'string' },
            warmup: { type: 'string' },
            rounds: { type: 'string' },
            engines: { type: 'string' },
            clients: { type: 'string' },
            'mysql-url': { type: 'string' },
            out: { type: 'string' },
            'cpu-prof': { type: 'string' },
            diagnose: { type: 'boolean' },
            'server-runtime': { type: 'string' },
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
    const options: PosBenchOptions = {
        customers: positiveInt('customers', values.customers ?? env.BENCH_CUSTOMERS ?? '100000'),
        durationS: positiveNumber('duration', values.duration ?? env.BENCH_DURATION_S ?? '10'),
        warmupS: nonNegativeNumber('warmup', values.warmup ?? env.BENCH_WARMUP_S ?? '2'),
        rounds: positiveInt('rounds', values.rounds ?? env.BENCH_ROUNDS ?? '4'),
        engines: list(values.engines ?? env.BENCH_ENGINES ?? 'mysql,sqlite').map((e) => {
            if (e !== 'mysql' && e !== 'sqlite') fail(`--engines: unknown engine "${e}" (use mysql, sqlite)`);
            return e;
        }),
        clients: list(values.clients ?? env.BENCH_CLIENTS ?? '1,8,32').map((c) => positiveInt('clients', c)),
        mysqlUrl: values['mysql-url'] ?? env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306',
        outDir: values.out ?? 'bench/results',
        cpuProfDir: prof === undefined ? null : prof || 'bench/results/profiles',
        diagnose: values.diagnose ?? false,
        compiledServer: null,
        serverRuntime: (() => {
            const runtime = values['server-runtime'] ?? 'node';
            if (runtime !== 'node' && runtime !== 'tsx')
                fail(`--server-runtime: expected node or tsx, got "${runtime}"`);
            return runtime;
        })(),
    };
    if (!options.engines.length) fail('--engines: give at least one engine');
    if (!options.clients.length) fail('--clients: give at least one client count');
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

function positiveNumber(name: string, text: string): number {
    const n = Number(text);
    if (!(n > 0)) fail(`--${name}: expected a positive number, got "${text}"`);
    return n;
}

function nonNegativeNumber(name: string, text: string): number {
    const n = Number(text);
    if (!(n >= 0)) fail(`--${name}: expected a number ≥ 0, got "${text}"`);
    return n;
}

function fail(message: string): never {
    console.error(`${message}\n\n${USAGE}`);
    process.exit(2);
}
