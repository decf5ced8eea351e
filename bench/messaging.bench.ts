/**
 * `npm run bench:messaging`: 100,000 reminders (one per customer, SMS,
 * timezones spread over four zones) through Refill's whole path — due-page
 * reads, context loads, contact policy, cascade planning, Handlebars
 * rendering, segment counting, the exactly-once message ledger — to the
 * outbox and to a local HTTP SMS gateway (a separate process), on MariaDB
 * and SQLite, beside hand-written SQL doing the same sends in the same run
 * (bench/messaging/messaging-baseline.ts). Prints messages per second, peak
 * memory and the ratio baseline time / Refill time (1.00 = as fast), and
 * writes the report to bench/results/messaging-<date>.md.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { createRefill, type Refill, type RefillOptions } from '../plugin/index.js';
import { measure, type Measured } from './campaigns/campaign-measure.js';
import { createBenchDatabase } from './lib/bench-database.js';
import type { BenchEngine } from './lib/options.js';
import { baselineDispatch, type BaselineTarget } from './messaging/messaging-baseline.js';
import { planReminders, seedCustomers } from './messaging/messaging-dataset.js';
import { refillInternals } from '../plugin/testing.js';

const { values } = parseArgs({
    options: {
        messages: { type: 'string', default: process.env.BENCH_MESSAGES ?? '100000' },
        engines: { type: 'string', default: process.env.BENCH_ENGINES ?? 'mysql,sqlite' },
        'mysql-url': {
            type: 'string',
            default: process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306',
        },
        out: { type: 'string', default: 'bench/results' },
    },
});
const count = Number(values.messages);
const engines = String(values.engines).split(',') as BenchEngine[];
// 12:00 in Moscow: every customer's zone is inside the sending hours.
const NOW = new Date('2026-11-02T09:00:00.000Z');

interface Row {
    engine: string;
    target: string;
    side: string;
    m: Measured;
    sent: number;
}

/** Starts the local gateway process; resolves with its URL and a stop function. */
async function startGateway(): Promise<{ url: string; stop: () => void }> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/messaging/sms-gateway.server.ts'], {
        stdio: ['ignore', 'pipe', 'inherit'],
    });
    const [line] = await new Promise<string[]>((ok) =>
        createInterface({ input: child.stdout! }).once('line', (l) => ok([l])),
    );
    return { url: `http://127.0.0.1:${line.trim()}/sms`, stop: () => child.kill() };
}

function messagingOptions(target: string, gatewayUrl: string): RefillOptions['messaging'] {
    return {
        serviceChannels: ['sms'],
        channels:
            target === 'outbox'
                ? {}
                : {
                      sms: {
                          type: 'http-sms',
                          url: gatewayUrl,
                          encoding: 'json',
                          fields: { to: '{to}', text: '{text}', id: '{id}' },
                          idPath: 'id',
                          pricePerSegment: 250,
                      },
                  },
    };
}

async function main(): Promise<void> {
    const gateway = await startGateway();
    const rows: Row[] = [];
    try {
        for (const engine of engines) {
            const db = await createBenchDatabase(
                engine,
                'refill_bench_messaging',
                String(values['mysql-url']),
            );
            try {
                for (const target of ['outbox', 'gateway'] as const) {
                    const refill = createRefill({
                        databaseUrl: db.url,
                        logLevel: 'silent',
                        jobs: { process: false },
                        clock: () => NOW,
                        // Seeding and whole-table reads are bulk work, not POS calls: no 4 s statement limit.
                        database: { queryTimeoutMs: 600_000 },
                        messaging: messagingOptions(target, gateway.url),
                    });
                    await refill.start();
                    try {
                        if (target === 'outbox') await seedCustomers(refill, count, NOW);
                        rows.push(...(await benchTarget(engine, target, refill, gateway.url)));
                    } finally {
                        await refill.stop();
                    }
                }
            } finally {
                await db.drop();
            }
        }
    } finally {
        gateway.stop();
    }
    const report = render(rows);
    console.log(`\n${report}`);
    mkdirSync(String(values.out), { recursive: true });
    const file = join(
        String(values.out),
        `messaging-${new Date().toISOString().slice(0, 16).replace(/[T:]/g, '-')}.md`,
    );
    writeFileSync(file, report);
    console.log(`Report written to ${file}`);
}

async function benchTarget(
    engine: string,
    target: string,
    refill: Refill,
    gatewayUrl: string,
): Promise<Row[]> {
    const rows: Row[] = [];
    const add = (side: string, m: Measured, sent: number) => {
        rows.push({ engine, target, side, m, sent });
        console.log(
            `[${engine}] ${target} · ${side}: ${sent.toLocaleString('en')} messages in ${m.seconds.toFixed(1)} s = ${(sent / m.seconds).toFixed(0)} msg/s, heap +${m.heapGrowthMb.toFixed(0)} MB, peak RSS ${m.peakRssMb.toFixed(0)} MB`,
        );
    };
    await planReminders(refill, count, NOW);
    const r = await measure(async () => (await refillInternals(refill).services.dispatcher.run()).sent);
    await check(refill, r.value, 'Refill');
    add('Refill dispatcher', r.m, r.value);
    const baseTarget: BaselineTarget =
        target === 'outbox' ? { kind: 'outbox' } : { kind: 'gateway', url: gatewayUrl };
    for (const batched of [false, true]) {
        await planReminders(refill, count, NOW);
        const b = await measure(() => baselineDispatch(refill, NOW, baseTarget, batched));
        await check(refill, b.value, 'baseline');
        add(batched ? 'hand-written SQL, batched' : 'hand-written SQL, per message', b.m, b.value);
    }
    return rows;
}

/** Every reminder must have produced exactly one sent message. */
async function check(refill: Refill, sent: number, side: string): Promise<void> {
    const [row] = await refillInternals(refill).database.all<{ n: unknown; distinct_keys: unknown }>(
        `SELECT COUNT(*) AS n, COUNT(DISTINCT message_key) AS distinct_keys FROM refill_messages WHERE status IN ('sent', 'delivered')`,
    );
    if (sent !== count || Number(row.n) !== count || Number(row.distinct_keys) !== count)
        throw new Error(`${side}: ${sent} reported, ${String(row.n)} messages sent, expected ${count}`);
}

function render(rows: Row[]): string {
    const lines = [
        `# Messaging benchmark — ${count.toLocaleString('en')} reminders`,
        '',
        `Run ${new Date().toISOString()} on ${process.platform}/${process.arch}, node ${process.version}.`,
        'Ratio: baseline time / Refill time (above 1 = Refill is faster).',
        '',
        '| engine | target | Refill msg/s | per-message SQL msg/s | ratio | batched SQL msg/s | ratio | Refill peak RSS | Refill heap growth |',
        '|---|---|---:|---:|---:|---:|---:|---:|---:|',
    ];
    const rate = (r: Row) => (r.sent / r.m.seconds).toFixed(0);
    for (const engine of engines)
        for (const target of ['outbox', 'gateway']) {
            const side = (prefix: string) =>
                rows.find((r) => r.engine === engine && r.target === target && r.side.startsWith(prefix));
            const refill = side('Refill');
            const single = side('hand-written SQL, per');
            const batched = side('hand-written SQL, batched');
            if (!refill || !single || !batched) continue;
            lines.push(
                `| ${engine} | ${target} | ${rate(refill)} | ${rate(single)} | ${(single.m.seconds / refill.m.seconds).toFixed(2)} | ${rate(batched)} | ${(batched.m.seconds / refill.m.seconds).toFixed(2)} | ${refill.m.peakRssMb.toFixed(0)} MB | ${refill.m.heapGrowthMb.toFixed(0)} MB |`,
            );
        }
    return lines.join('\n');
}

main().catch((error) => {
    console.error(error);
    process.exitCode = 1;
});
