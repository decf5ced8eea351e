import type { Command } from 'commander';
import type { CliContext } from '../cli-context.js';
import { refillInternals } from '../../refill-internals.js';

/** `refill balance show|adjust` */
export function registerBalanceCommands(program: Command, ctx: CliContext): void {
    const balance = program.command('balance').description('look at and adjust customer balances');
    balance
        .command('show <card>')
        .description('available and pending bonuses, next expiries and offers of a card')
        .action(async (card: string) => {
            await ctx.withRefill(program, async (refill) => {
                ctx.io.out(JSON.stringify(await refill.hooks.balance(card), null, 2));
            });
        });
    balance
        .command('adjust <card>')
        .description(
            'credit (positive) or debit (negative) bonuses by hand; recorded with reason, author and an audit entry',
        )
        .requiredOption('--amount <n>', 'bonuses in minor units, e.g. 500 or -200', (v) => Number(v))
        .requiredOption('--reason <text>', 'why')
        .requiredOption('--author <who>', 'who')
        .option('--key <idempotency-key>', 'makes the adjustment safe to repeat')
        .action(
            async (card: string, opts: { amount: number; reason: string; author: string; key?: string }) => {
                await ctx.withRefill(program, async (refill) => {
                    const { balance: after, replayed } = await refillInternals(
                        refill,
                    ).services.adjustments.adjust({
                        cardNumber: card,
                        amount: opts.amount,
                        reason: opts.reason,
                        author: opts.author,
                        idempotencyKey: opts.key,
                    });
                    ctx.io.out(
                        `${replayed ? 'already applied; ' : ''}available ${after.available}, pending ${after.pending}, debt ${after.debt}`,
                    );
                });
            },
        );
}
