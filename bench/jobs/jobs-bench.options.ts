import { parseArgs } from 'node:util';

/** A database engine the jobs benchmark drives. */
export type JobsBenchEngine = 'mysql' | 'sqlite';

/** What `npm run bench:jobs` measures. Flags win over environment variables. */
export interface JobsBenchOptions {
    /** No-op jobs seeded, all due, for each measurement. */
    jobs: number;
    /** Worker process counts to measure. */
    workers: number[];
    engines: JobsBenchEngine[];
    /** MariaDB/MySQL server; the benchmark creates and drops its own database on it. */
    mysqlUrl: string;
}

const USAGE = `Usage: npm run bench:jobs -- [options]

  --jobs=N          no-op jobs per measurement (env BENCH_JOBS, default 20000)
  --workers=LIST    worker process counts (env BENCH_JOB_WORKERS, default 1,3)
  --engines=LIST    mysql,sqlite (env BENCH_ENGINES, default both)
  --mysql-url=URL   MariaDB server (env BENCH_MYSQL_URL, default mysql://root@127.0.0.1:3306)
  --help            this text
`;

function fail(message: string): never {
    console.error(`${message}\n\n${USAGE}`);
    process.exit(2);
}

function positive(name: string, text: string): number {
    const n = Number(text);
    if (!Number.isInteger(n) || n < 1) fail(`${name} must be a positive integer, got "${text}"`);
    return n;
}

/** Reads the options; exits with the usage text on `--help` or a bad value. */
export function parseJobsBenchOptions(
    argv: string[] = process.argv.slice(2),
    env: NodeJS.ProcessEnv = process.env,
): JobsBenchOptions {
    const { values } = parseArgs({
        args: argv,
        options: {
            jobs: { type: 'string' },
            workers: { type: 'string' },
            engines: { type: 'string' },
            'mysql-url': { type: 'string' },
            help: { type: 'boolean' },
        },
        strict: true,
    });
    if (values.help) {
        console.log(USAGE);
        process.exit(0);
    }
    const engines = (values.engines ?? env.BENCH_ENGINES ?? 'mysql,sqlite').split(',').map((e) => e.trim());
    for (const e of engines) if (e !== 'mysql' && e !== 'sqlite') fail(`unknown engine "${e}"`);
    return {
        jobs: positive('--jobs', values.jobs ?? env.BENCH_JOBS ?? '20000'),
        workers: (values.workers ?? env.BENCH_JOB_WORKERS ?? '1,3')
            .split(',')
            .map((w) => positive('--workers', w)),
        engines: engines as JobsBenchEngine[],
        mysqlUrl: values['mysql-url'] ?? env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306',
    };
}
