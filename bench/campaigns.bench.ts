/**
 * `npm run bench:campaigns`: Refill's daily campaign selection over the large
 * demo chain (default 1,000,000 customers, about 12 million generated lines),
 * for one chronic category and for all of them, on MariaDB and SQLite,
 * beside hand-written SQL doing the same selection in the same run
 * (bench/campaigns/campaign-baseline.ts). Measures the dry run (selection
 * and eligibility, nothing written) and the full run (members of both groups
 * and the test group's offers written), checks that both sides select the
 * same customers, and samples memory. Prints the figures with the ratio
 * baseline time / Refill time (1.00 = as fast; the aim is ≥ 0.50) and writes
 * the report to bench/results/campaigns-<date>.md. See docs/benchmarks.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createRefill, type Refill } from '../plugin/index.js';
import type { Campaign } from '../plugin/modules/campaigns/entities/campaign.entity.js';
import { createBenchDatabase } from './lib/bench-database.js';
import type { BenchEngine } from './lib/options.js';
import { baselineRun, baselineSelect } from './campaigns/campaign-baseline.js';
import { loadCampaignDataset } from './campaigns/campaign-dataset.js';
import { measure, type Measured } from './campaigns/campaign-measure.js';
import { refillInternals } from '../plugin/testing.js';

const { values } = parseArgs({
    options: {
        customers: { type: 'string', default: process.env.BENCH_CUSTOMERS ?? '1000000' },
        engines: { type: 'string', default: process.env.BENCH_ENGINES ?? 'mysql,sqlite' },
        'mysql-url': {
            type: 'string',
            default: process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306',
        },
        out: { type: 'string', default: 'bench/results' },
    },
});
const customers = Number(values.customers);
const engines = String(values.engines).split(',') as BenchEngine[];
const NOW = new Date('2026-11-02T06:00:00.000Z');

interface Row {
    engine: string;
    scope: string;
    side: string;
    m: Measured;
    count: number;
}

async function main(): Promise<void> {
    const rows: Row[] = [];
    const notes: string[] = [];
    for (const engine of engines) {
        const db = await createBenchDatabase(engine, `refill_bench_campaigns`, String(values['mysql-url']));
        const refill = createRefill({
            databaseUrl: db.url,
            logLevel: 'silent',
            jobs: { process: false },
            clock: () => NOW,
            // Seeding and whole-table reads are bulk work, not POS calls: no 4 s statement limit.
            database: { queryTimeoutMs: 600_000 },
        });
        try {
            await refill.start();
            const loaded = await loadCampaignDataset(refill, customers, NOW, (done) =>
                process.stdout.write(
                    `\r[${engine}] seeding ${done.toLocaleString('en')} / ${customers.toLocaleString('en')}`,
                ),
            );
            console.log(
                `\n[${engine}] seeded ${loaded.customers.toLocaleString('en')} customers, ${loaded.receipts.toLocaleString('en')} receipts, ${loaded.lines.toLocaleString('en')} lines generated; ${loaded.statRows.toLocaleString('en')} statistics rows; ${loaded.seconds.toFixed(0)} s (setup, not measured)`,
            );
            notes.push(
                `${engine}: ${loaded.customers} customers, ${loaded.receipts} receipts, ${loaded.lines} lines generated, ${loaded.statRows} statistics rows, seeded in ${loaded.seconds.toFixed(0)} s`,
            );
            rows.push(...(await benchEngine(engine, refill)));
        } finally {
            await refill.stop();
            await db.drop();
        }
    }
    const report = render(rows, notes);
    console.log(`\n${report}`);
    mkdirSync(String(values.out), { recursive: true });
    const file = join(
        String(values.out),
        `campaigns-${new Date().toISOString().slice(0, 16).replace(/[T:]/g, '-')}.md`,
    );
    writeFileSync(file, report);
    console.log(`Report written to ${file}`);
}

/** Every side on one seeded database. */
async function benchEngine(engine: string, refill: Refill): Promise<Row[]> {
    const { campaigns, campaignSelection: selection } = refillInternals(refill).services;
    const chronic = (await refillInternals(refill).services.catalog.categories()).filter((c) => c.chronic);
    const list: Campaign[] = [];
    for (const c of chronic) {
        const view = await campaigns.create(
            {
                code: `BENCH-${c.code}`,
                name: `Bench ${c.name}`,
                categoryCode: c.code,
                audience: 'lapsed',
                lapseKPct: 150,
                controlSharePct: 10,
                allowZeroControl: false,
                offer: { kind: 'multiplier', multiplier: 3, validDays: 14, bonusLifetimeDays: 30 },
                settlementLagDays: 7,
                cooldownDays: 60,
                dailyCap: null,
                channels: ['sms', 'email'],
                filters: {},
                marginPct: 30,
                redemptionPct: 100,
                runHour: 0,
                startsAt: null,
                endsAt: null,
            },
            'bench',
        );
        await campaigns.launch(view.id, 'bench');
        list.push(await campaigns.find(view.id));
    }
    // "One category": the chronic category with the most lapsed candidates.
    const sizes = await Promise.all(list.map(async (c) => (await baselineSelect(refill, c, NOW)).length));
    const one = list[sizes.indexOf(Math.max(...sizes))];
    const rows: Row[] = [];
    const add = (scope: string, side: string, m: Measured, count: number) => {
        rows.push({ engine, scope, side, m, count });
        console.log(
            `[${engine}] ${scope} · ${side}: ${m.seconds.toFixed(2)} s, ${count.toLocaleString('en')} selected, heap +${m.heapGrowthMb.toFixed(0)} MB, peak RSS ${m.peakRssMb.toFixed(0)} MB`,
        );
    };
    for (let rep = 0; rep < 2; rep++) {
        const r = await measure(async () => (await selection.dryRun(one.id)).eligible);
        add(
            `one category (${chronic.find((c) => c.id === one.categoryId)?.code})`,
            'Refill dry run',
            r.m,
            r.value,
        );
        const b = await measure(async () => (await baselineSelect(refill, one, NOW)).length);
        add(
            `one category (${chronic.find((c) => c.id === one.categoryId)?.code})`,
            'hand-written SQL',
            b.m,
            b.value,
        );
        if (r.value !== b.value)
            throw new Error(`the sides disagree: Refill ${r.value}, baseline ${b.value}`);
    }
    const all = await measure(async () => {
        let n = 0;
        for (const c of list) n += (await selection.dryRun(c.id)).eligible;
        return n;
    });
    add(`all ${list.length} categories`, 'Refill dry run', all.m, all.value);
    const allBase = await measure(async () => {
        let n = 0;
        for (const c of list) n += (await baselineSelect(refill, c, NOW)).length;
        return n;
    });
    add(`all ${list.length} categories`, 'hand-written SQL', allBase.m, allBase.value);
    if (all.value !== allBase.value)
        throw new Error(`the sides disagree: Refill ${all.value}, baseline ${allBase.value}`);

    const day = selection.localDay(NOW);
    const full = await measure(async () => {
        let n = 0;
        for (const c of list)
            for (const part of await selection.plan()) {
                const s = await selection.runPart(c.id, day, part);
                n += s.assigned.test + s.assigned.control;
            }
        return n;
    });
    add(`all ${list.length} categories, members and offers written`, 'Refill full run', full.m, full.value);
    const written = await memberCount(refill);
    if (written !== full.value) throw new Error(`Refill wrote ${written} members, reported ${full.value}`);
    await reset(refill);
    const fullBase = await measure(async () => {
        let n = 0;
        for (const c of list) n += await baselineRun(refill, c, NOW, day);
        return n;
    });
    add(
        `all ${list.length} categories, members and offers written`,
        'hand-written SQL',
        fullBase.m,
        fullBase.value,
    );
    if (fullBase.value !== full.value)
        throw new Error(`the sides disagree: Refill ${full.value}, baseline ${fullBase.value}`);
    await reset(refill);
    return rows;
}

async function memberCount(refill: Refill): Promise<number> {
    const [r] = await refillInternals(refill).database.all<{ n: unknown }>(
        'SELECT COUNT(*) AS n FROM refill_campaign_members',
    );
    return Number(r.n);
}

async function reset(refill: Refill): Promise<void> {
    await refillInternals(refill).database.run('DELETE FROM refill_campaign_members');
    await refillInternals(refill).database.run('DELETE FROM refill_campaign_runs');
    await refillInternals(refill).database.run('DELETE FROM refill_offers WHERE campaign_id IS NOT NULL');
}

function render(rows: Row[], notes: string[]): string {
    const out = [
        `# Campaign selection benchmark, ${new Date().toISOString().slice(0, 16)} UTC`,
        '',
        `Command: \`npm run bench:campaigns${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}\`; Node ${process.version}; ${cpus().length} × ${cpus()[0]?.model.trim()}`,
        '',
        ...notes.map((n) => `- ${n}`),
        '',
        '| engine | scope | side | time s | selected | baseline/Refill | heap growth MB | peak RSS MB |',
        '|---|---|---|---:|---:|---:|---:|---:|',
    ];
    for (const r of rows) {
        const base = rows.find(
            (b) => b.engine === r.engine && b.scope === r.scope && b.side === 'hand-written SQL' && b !== r,
        );
        const ratio = r.side !== 'hand-written SQL' && base ? (base.m.seconds / r.m.seconds).toFixed(2) : '—';
        out.push(
            `| ${r.engine} | ${r.scope} | ${r.side} | ${r.m.seconds.toFixed(2)} | ${r.count.toLocaleString('en')} | ${ratio} | ${r.m.heapGrowthMb.toFixed(0)} | ${r.m.peakRssMb.toFixed(0)} |`,
        );
    }
    return `${out.join('\n')}\n`;
}

main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
});
