import type { Command } from 'commander';
import { refillMigrations } from '../../../migrations/index.js';
import { MigrationRunner } from '../../kernel/db/migration-runner.js';
import { createDataSourceFromUrl } from '../../kernel/db/data-source.factory.js';
import { refillEntities } from '../../refill-entities.js';
import { databaseUrlFrom, type CliContext } from '../cli-context.js';

/** `refill migrate [--status] [--down <n>]` */
export function registerMigrateCommand(program: Command, ctx: CliContext): void {
    program
        .command('migrate')
        .description(
            "apply pending Refill migrations (they are recorded in Refill's own refill_migrations table)",
        )
        .option('--status', 'list migrations and whether they are applied')
        .option('--down <n>', 'revert the last <n> migrations', (v) => Number.parseInt(v, 10))
        .action(async (opts: { status?: boolean; down?: number }) => {
            // Only the database: starting Refill would apply the migrations (and need them).
            const dataSource = createDataSourceFromUrl({
                url: databaseUrlFrom(program),
                poolSize: 1,
                entities: refillEntities,
            });
            await dataSource.initialize();
            try {
                const runner = new MigrationRunner(dataSource, refillMigrations);
                if (opts.status) {
                    for (const m of await runner.status())
                        ctx.io.out(`${m.applied ? 'applied' : 'pending'}  ${m.name}`);
                    return;
                }
                if (opts.down) {
                    const reverted = await runner.down(opts.down);
                    ctx.io.out(reverted.length ? `reverted: ${reverted.join(', ')}` : 'nothing to revert');
                    return;
                }
                const applied = await runner.up();
                ctx.io.out(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
            } finally {
                await dataSource.destroy();
            }
        });
}
