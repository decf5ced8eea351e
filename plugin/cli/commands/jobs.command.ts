import type { Command } from 'commander';
import type { CliContext } from '../cli-context.js';
import { refillInternals } from '../../refill-internals.js';

/** `refill jobs list|run|pause|resume` */
export function registerJobsCommands(program: Command, ctx: CliContext): void {
    const jobs = program.command('jobs').description("look at and control Refill's scheduled jobs");
    jobs.command('list')
        .description('jobs with schedule, last and next run, failures')
        .option('--json', 'print JSON')
        .action(async (opts: { json?: boolean }) => {
            await ctx.withRefill(program, async (refill) => {
                const list = await refillInternals(refill).services.jobs.list();
                if (opts.json) return ctx.io.out(JSON.stringify(list, null, 2));
                for (const j of list) {
                    const last = j.recentRuns.find((r) => r.event !== 'start');
                    ctx.io.out(
                        [
                            j.name.padEnd(26),
                            j.paused ? 'paused ' : 'active ',
                            `schedule ${j.schedule}`,
                            `next ${j.nextRunAt ?? '-'}`,
                            `last ${j.lastFinishedAt ?? j.lastRunAt ?? '-'}`,
                            last ? `${last.event}${last.error ? `: ${last.error}` : ''}` : '',
                            j.failCount ? `failures ${j.failCount} (${j.failReason})` : '',
                        ]
                            .filter(Boolean)
                            .join('  '),
                    );
                }
            });
        });
    jobs.command('run <name>')
        .description('run a job now (through the job locks) and wait for it')
        .option('--actor <who>', 'who runs it (for the audit log)', process.env.USER ?? 'cli')
        .action(async (name: string, opts: { actor: string }) => {
            await ctx.withRefill(program, async (refill) => {
                const counts = await refillInternals(refill).services.jobs.run(name, opts.actor, true);
                ctx.io.out(`${name} finished: ${JSON.stringify(counts)}`);
            });
        });
    for (const verb of ['pause', 'resume'] as const) {
        jobs.command(`${verb} <name>`)
            .description(verb === 'pause' ? 'stop a job from running until resumed' : 'resume a paused job')
            .option('--actor <who>', 'who makes the change (for the audit log)', process.env.USER ?? 'cli')
            .action(async (name: string, opts: { actor: string }) => {
                await ctx.withRefill(program, async (refill) => {
                    await refillInternals(refill).services.jobs[verb](name, opts.actor);
                    ctx.io.out(`${name} ${verb}d`);
                });
            });
    }
}
