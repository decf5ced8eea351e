import type { Command } from 'commander';
import type { CliContext } from '../cli-context.js';
import { refillInternals } from '../../refill-internals.js';

/** `refill store add|list` */
export function registerStoreCommands(program: Command, ctx: CliContext): void {
    const store = program.command('store').description('manage the chain’s stores');
    store
        .command('add <code>')
        .description('create a store (or rename it)')
        .requiredOption('--name <name>', 'store name (required)')
        .option('--timezone <tz>', 'IANA timezone of the store')
        .option('--actor <who>', 'who makes the change (for the audit log)', process.env.USER ?? 'cli')
        .action(async (code: string, opts: { name: string; timezone?: string; actor: string }) => {
            await ctx.withRefill(program, async (refill) => {
                const s = await refillInternals(refill).services.stores.upsert(
                    code,
                    opts.name,
                    opts.timezone ?? null,
                    opts.actor,
                );
                ctx.io.out(`store ${s.code} (${s.name}) saved`);
            });
        });
    store
        .command('list')
        .description('list stores')
        .action(async () => {
            await ctx.withRefill(program, async (refill) => {
                for (const s of await refillInternals(refill).services.stores.list())
                    ctx.io.out(`${s.code}\t${s.name}\t${s.timezone ?? ''}`);
            });
        });
}
