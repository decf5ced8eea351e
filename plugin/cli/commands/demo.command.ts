import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import cliProgress from 'cli-progress';
import { InvalidArgumentError, type Command } from 'commander';
import { writeDemoNdjson } from '../../demo/demo-ndjson.js';
import { seedDemoChain } from '../../demo/demo-seed.js';
import type { CliContext } from '../cli-context.js';

/** Options shared by `demo seed` and `demo export`. */
interface DemoCliOptions {
    customers: number;
    seed: number;
    days: number;
    stores?: number;
    now?: Date;
    progress: boolean;
}

function wholeNumber(value: string): number {
    const n = Number(value);
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(n))
        throw new InvalidArgumentError('must be a whole number');
    return n;
}

function isoDate(value: string): Date {
    const d = new Date(value);
    if (Number.isNaN(d.getTime()))
        throw new InvalidArgumentError('must be an ISO 8601 date, e.g. 2026-03-01T10:00:00Z');
    return d;
}

function withChainOptions(cmd: Command): Command {
    return cmd
        .option('--customers <n>', 'number of customers', wholeNumber, 2000)
        .option('--seed <n>', 'PRNG seed: the same seed gives the same chain', wholeNumber, 1)
        .option('--days <n>', 'days of purchase history', wholeNumber, 400)
        .option(
            '--stores <n>',
            'number of stores (default: one per 5,000 customers, at least 3)',
            wholeNumber,
        )
        .option('--now <iso>', 'when the history ends (default: now); fix it for reproducible data', isoDate)
        .option('--no-progress', 'no progress bar');
}

/** A progress bar on stderr, or nothing when disabled. */
function progressBar(enabled: boolean, label: string) {
    if (!enabled) return { update: () => undefined, stop: () => undefined };
    const bar = new cliProgress.SingleBar(
        {
            format: `${label} [{bar}] {percentage}% | {value}/{total} customers | {duration_formatted} elapsed, ETA {eta_formatted}`,
            stream: process.stderr,
            fps: 5,
        },
        cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
        update(done: number, total: number) {
            if (!started) {
                bar.start(total, 0);
                started = true;
            }
            bar.update(done);
        },
        stop() {
            if (started) bar.stop();
            started = false;
        },
    };
}

const seconds = (since: number) => ((Date.now() - since) / 1000).toFixed(1);

/** `refill demo seed|export`: a synthetic pharmacy chain, into the database or to NDJSON. */
export function registerDemoCommands(program: Command, ctx: CliContext): void {
    const demo = program
        .command('demo')
        .description('generate a synthetic demo chain (seeded, reproducible)');

    withChainOptions(
        demo
            .command('seed')
            .description(
                'seed stores, categories, products, customers and purchase history into the database',
            ),
    ).action(async (opts: DemoCliOptions) => {
        await ctx.withRefill(program, async (refill) => {
            const started = Date.now();
            const bar = progressBar(opts.progress, 'seeding');
            try {
                const s = await seedDemoChain(refill, {
                    customers: opts.customers,
                    seed: opts.seed,
                    historyDays: opts.days,
                    stores: opts.stores,
                    now: opts.now,
                    onProgress: (done, total) => bar.update(done, total),
                });
                bar.stop();
                ctx.io.out(
                    `demo chain seeded (seed ${opts.seed}): ${s.stores} stores, ${s.categories} categories, ` +
                        `${s.products} products, ${s.customers} customers, ${s.receipts} receipts ` +
                        `(${s.lines} lines), ${s.receiptsSkipped ?? 0} receipts already present, in ${seconds(started)} s`,
                );
                if (s.rejected) ctx.io.err(`warning: the importer rejected ${s.rejected} demo records`);
            } finally {
                bar.stop();
            }
        });
    });

    withChainOptions(
        demo
            .command('export <file>')
            .description('write the demo history as NDJSON (the history importer’s format; "-" for stdout)'),
    ).action(async (file: string, opts: DemoCliOptions) => {
        const started = Date.now();
        const toStdout = file === '-';
        const out = toStdout ? process.stdout : createWriteStream(file, { encoding: 'utf8' });
        const bar = progressBar(opts.progress && !toStdout, 'exporting');
        try {
            const s = await writeDemoNdjson(
                out,
                {
                    customers: opts.customers,
                    seed: opts.seed,
                    historyDays: opts.days,
                    stores: opts.stores,
                    now: opts.now,
                },
                (done, total) => bar.update(done, total),
            );
            bar.stop();
            if (!toStdout) {
                out.end();
                await finished(out);
            }
            const line = `demo history exported (seed ${opts.seed}): ${s.customers} customers, ${s.receipts} receipts (${s.lines} lines), ${s.records} records in ${seconds(started)} s`;
            if (toStdout) ctx.io.err(line);
            else ctx.io.out(`${line} → ${file}`);
        } finally {
            bar.stop();
            if (!toStdout && !out.writableEnded) out.destroy();
        }
    });
}
