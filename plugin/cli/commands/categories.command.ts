import type { Command } from 'commander';
import type { RebuildProgress } from '../../modules/catalog/index.js';
import type { CliContext } from '../cli-context.js';
import { refillInternals } from '../../refill-internals.js';

/** One line of a rebuild's progress. */
function describe(p: RebuildProgress): string {
    const pct = p.total ? Math.floor((p.done * 100) / p.total) : p.state === 'done' ? 100 : 0;
    return [
        p.category.padEnd(12),
        p.state.padEnd(8),
        `phase ${p.phase}`,
        `${p.done}/${p.total} (${pct}%)`,
        `lines changed ${p.lines.changed}`,
        `rows written ${p.rowsWritten}`,
        p.finishedAt ? `finished ${p.finishedAt}` : p.startedAt ? `started ${p.startedAt}` : '',
        p.error ? `error: ${p.error}` : '',
    ]
        .filter(Boolean)
        .join('  ');
}

/** `refill categories status|rebuild` */
export function registerCategoryCommands(program: Command, ctx: CliContext): void {
    const categories = program
        .command('categories')
        .description("categories' rebuilds of their lines and statistics from the stored history");
    categories
        .command('status')
        .description('every category with its latest rebuild')
        .option('--json', 'print JSON')
        .action(async (opts: { json?: boolean }) => {
            await ctx.withRefill(program, async (refill) => {
                const list = await refillInternals(refill).services.categories.list(false);
                if (opts.json)
                    return ctx.io.out(
                        JSON.stringify(
                            list.map((c) => ({ code: c.code, rebuild: c.rebuild })),
                            null,
                            2,
                        ),
                    );
                for (const c of list)
                    ctx.io.out(c.rebuild ? describe(c.rebuild) : `${c.code.padEnd(12)}  never rebuilt`);
            });
        });
    categories
        .command('rebuild <code>')
        .description(
            'rebuild a category from the stored history (resumes a failed or interrupted one); the job workers run it',
        )
        .option('--wait', 'run it here and wait for it, showing progress')
        .option('--actor <who>', 'who asks for it (for the audit log)', process.env.USER ?? 'cli')
        .action(async (code: string, opts: { wait?: boolean; actor: string }) => {
            await ctx.withRefill(program, async (refill) => {
                const rebuilds = refillInternals(refill).services.categoryRebuilds;
                const requested = await rebuilds.rebuild(code, opts.actor);
                ctx.io.out(describe(requested));
                if (!opts.wait) return;
                let shown = 0;
                const final = await rebuilds.runHere(code, (p) => {
                    if (Date.now() - shown < 2000) return;
                    shown = Date.now();
                    ctx.io.out(describe(p));
                });
                for (const p of final) ctx.io.out(describe(p));
            });
        });
}
