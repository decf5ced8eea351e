import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../plugin/cli/main.js';
import { demoRecords } from '../../../plugin/demo/demo-history.js';
import { DAY, NOW } from './demo-test-chain.js';

describe('demo history: streaming', () => {
    it('is lazy: the first records of a 99-million-customer chain come at once', () => {
        const it = demoRecords({ customers: 99_999_999, now: NOW })[Symbol.iterator]();
        const first = it.next();
        expect(first.done).toBe(false);
        expect(first.value).toMatchObject({ type: 'customer', cardNumber: '2001000000005' });
        for (let i = 0; i < 1000; i++) expect(it.next().done).toBe(false);
    });

    it('streams 20,000 customers through an iterator, each customer followed by their receipts', () => {
        let customers = 0;
        let receipts = 0;
        let lines = 0;
        let card = '';
        for (const r of demoRecords({ customers: 20_000, seed: 5, now: NOW })) {
            if (r.type === 'customer') {
                customers++;
                card = r.cardNumber;
            } else {
                receipts++;
                lines += r.lines.length;
                expect(r.cardNumber).toBe(card);
            }
        }
        expect(customers).toBe(20_000);
        expect(receipts).toBeGreaterThan(60_000);
        expect(lines / customers).toBeGreaterThan(10);
        // Laziness itself is shown above (a 99-million-customer chain starts at once); heap figures
        // depend on when the garbage collector runs, so they are not asserted here.
    });
});

describe('refill demo export', () => {
    const dir = mkdtempSync(join(tmpdir(), 'refill-demo-export-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const io = () => {
        const out: string[] = [];
        const err: string[] = [];
        return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
    };

    it('writes the generated records as NDJSON with ISO dates', async () => {
        const file = join(dir, 'demo.ndjson');
        const { out, io: cliIo } = io();
        const code = await runCli(
            [
                'demo',
                'export',
                file,
                '--customers',
                '200',
                '--seed',
                '3',
                '--days',
                '120',
                '--now',
                NOW.toISOString(),
                '--no-progress',
            ],
            cliIo,
        );
        expect(code).toBe(0);
        expect(out.join('\n')).toMatch(/200 customers/);
        const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
        const expected = [...demoRecords({ customers: 200, seed: 3, historyDays: 120, now: NOW })];
        expect(lines).toHaveLength(expected.length);
        expect(lines.map((l) => JSON.parse(l))).toEqual(JSON.parse(JSON.stringify(expected)));
        const receipt = JSON.parse(lines.find((l) => l.includes('"receipt"')) as string);
        expect(receipt.purchasedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
        expect(Date.parse(receipt.purchasedAt)).toBeGreaterThanOrEqual(NOW.getTime() - 120 * DAY);
    });

    it('rejects a size that is not a whole number', async () => {
        const { err, io: cliIo } = io();
        const code = await runCli(['demo', 'export', join(dir, 'x.ndjson'), '--customers', 'many'], cliIo);
        expect(code).not.toBe(0);
        expect(err.join('\n')).toMatch(/whole number/);
    });
});
