import type { Command } from 'commander';
import type { CliContext } from '../cli-context.js';
import { refillInternals } from '../../refill-internals.js';

/** `refill pos-key create|list|revoke` */
export function registerPosKeyCommands(program: Command, ctx: CliContext): void {
    const keys = program.command('pos-key').description('manage the API keys of store tills');
    keys.command('create')
        .description('create a key for a store; it is printed once and stored only as a hash')
        .requiredOption(
            '--store <code>',
            'store code (required; add the store first with `store add <code> --name …`)',
        )
        .option('--label <label>', 'what the key is for (e.g. till 3)')
        .option('--actor <who>', 'who makes the change (for the audit log)', process.env.USER ?? 'cli')
        .action(async (opts: { store: string; label?: string; actor: string }) => {
            await ctx.withRefill(program, async (refill) => {
                const created = await refillInternals(refill).services.posKeys.create(
                    opts.store,
                    opts.label ?? null,
                    opts.actor,
                );
                ctx.io.out(
                    `POS key for store ${created.storeCode} (id ${created.id}); it will not be shown again:`,
                );
                ctx.io.out(created.key);
            });
        });
    keys.command('list')
        .description('list keys (hints only)')
        .action(async () => {
            await ctx.withRefill(program, async (refill) => {
                for (const k of await refillInternals(refill).services.posKeys.list())
                    ctx.io.out(
                        `${k.id}\t${k.storeCode}\t${k.keyHint}…\t${k.label ?? ''}\t${k.revokedAt ? `revoked ${k.revokedAt.toISOString()}` : 'active'}`,
                    );
            });
        });
    keys.command('revoke <id>')
        .description('revoke a key')
        .option('--actor <who>', 'who makes the change (for the audit log)', process.env.USER ?? 'cli')
        .action(async (id: string, opts: { actor: string }) => {
            await ctx.withRefill(program, async (refill) => {
                await refillInternals(refill).services.posKeys.revoke(Number(id), opts.actor);
                ctx.io.out(`key ${id} revoked`);
            });
        });
}
