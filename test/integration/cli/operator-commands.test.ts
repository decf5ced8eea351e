import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../plugin/cli/main.js';

// Each command is its own process that opens, migrates and starts Refill: minutes of CPU on a loaded machine.
describe('refill operator commands (CLI)', { timeout: 120_000 }, () => {
    let dir: string;
    let url: string;
    async function cli(...args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
        const out: string[] = [];
        const err: string[] = [];
        const code = await runCli(['--database-url', url, ...args], {
            out: (l) => out.push(l),
            err: (l) => err.push(l),
        });
        return { code, out, err };
    }

    beforeAll(() => {
        dir = mkdtempSync(join(tmpdir(), 'refill-cli-ops-'));
        url = `sqlite:${join(dir, 'refill.sqlite')}`;
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('migrates, creates a store and a key shown once, lists and revokes it', async () => {
        expect((await cli('migrate')).out[0]).toMatch(/^applied: /);
        expect((await cli('migrate')).out).toEqual(['database is up to date']);
        expect((await cli('migrate', '--status')).out.every((l) => l.startsWith('applied'))).toBe(true);
        expect((await cli('store', 'add', 'MSK-9', '--name', 'Pharmacy 9')).code).toBe(0);
        const created = await cli('pos-key', 'create', '--store', 'MSK-9', '--label', 'till 1');
        expect(created.code).toBe(0);
        const key = created.out[1];
        expect(key).toMatch(/^rfk_[A-Za-z0-9_-]{32}$/);
        const list = await cli('pos-key', 'list');
        expect(list.out[0]).toContain('MSK-9');
        expect(list.out.join('\n')).not.toContain(key);
        expect((await cli('pos-key', 'revoke', '1')).out).toEqual(['key 1 revoked']);
        expect((await cli('pos-key', 'revoke', '1')).code).toBe(1);
        expect((await cli('pos-key', 'create', '--store', 'NOPE')).err[0]).toMatch(/REFILL_STORE_NOT_FOUND/);
    });

    it('pos-key create for a store that does not exist yet says how to add it', async () => {
        const missing = await cli('pos-key', 'create', '--store', 'MSK-404');
        expect(missing.code).toBe(1);
        expect(missing.err.join('\n')).toContain('store add MSK-404 --name');
    });

    it('store add marks --name as required in its help', async () => {
        const help = await cli('store', 'add', '--help');
        expect([...help.out, ...help.err].join('\n')).toMatch(/--name <name>\s+store name \(required\)/);
    });

    it('adjusts a balance by hand with an idempotency key', async () => {
        const { createRefill } = await import('../../../plugin/index.js');
        const refill = createRefill({ databaseUrl: url, logLevel: 'silent', jobs: { process: false } });
        await refill.start();
        await refill.hooks.upsertCustomer('7000001', {});
        await refill.stop();
        const args = [
            'balance',
            'adjust',
            '7000001',
            '--amount',
            '500',
            '--reason',
            'goodwill',
            '--author',
            'olga',
            '--key',
            'adj-1',
        ];
        expect((await cli(...args)).out).toEqual(['available 500, pending 0, debt 0']);
        expect((await cli(...args)).out[0]).toMatch(/^already applied/);
        expect(
            (
                await cli(
                    'balance',
                    'adjust',
                    '7000001',
                    '--amount',
                    '-900',
                    '--reason',
                    'x',
                    '--author',
                    'olga',
                )
            ).err[0],
        ).toMatch(/REFILL_INSUFFICIENT_BALANCE/);
        expect(JSON.parse((await cli('balance', 'show', '7000001')).out.join('\n'))).toMatchObject({
            available: 500,
        });
    });

    it('creates admin users and controls jobs', async () => {
        const user = await cli('admin-user', 'create', 'olga', '--role', 'admin');
        expect(user.out[0]).toBe('admin user olga (admin) created');
        expect(user.out[1]).toMatch(/^password \(shown once\): .{16}$/);
        expect((await cli('admin-user', 'list')).out[0]).toMatch(/^olga\tadmin\tactive/);
        expect((await cli('admin-user', 'create', 'x', '--role', 'boss')).code).toBe(1);
        expect((await cli('admin-user', 'create', 'mila', '--role', 'manager')).err[0]).toMatch(/storeIds/);
        expect(
            (await cli('admin-user', 'create', 'mila', '--role', 'manager', '--stores', 'MSK-9')).code,
        ).toBe(0);
        expect((await cli('admin-user', 'list')).out).toContainEqual(
            expect.stringMatching(/^mila\tmanager\tactive/),
        );

        const list = await cli('jobs', 'list');
        expect(list.out.map((l) => l.split(/\s+/)[0])).toEqual([
            'expire-bonuses',
            'activate-pending-bonuses',
            'daily-figures',
            'campaigns-daily',
            'messages-dispatch',
            'message-reminders',
            'segments-daily',
            'chain-steps',
            'chain-triggers',
            'segments-home-stores',
        ]);
        const run = await cli('jobs', 'run', 'expire-bonuses');
        expect(run.out[0]).toMatch(/^expire-bonuses finished: \{"batches":0/);
        expect((await cli('jobs', 'pause', 'expire-bonuses')).out).toEqual(['expire-bonuses paused']);
        expect((await cli('jobs', 'list')).out[0]).toContain('paused');
        expect((await cli('jobs', 'resume', 'expire-bonuses')).out).toEqual(['expire-bonuses resumed']);
        const json = JSON.parse((await cli('jobs', 'list', '--json')).out.join('\n'));
        expect(json[0].recentRuns[0]).toMatchObject({ event: 'success', counts: { batches: 0 } });
        expect((await cli('jobs', 'run', 'nope')).err[0]).toMatch(/REFILL_NOT_FOUND/);
    });
});
