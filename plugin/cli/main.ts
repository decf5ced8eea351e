import { Command, CommanderError } from 'commander';
import { RefillError } from '../kernel/errors/refill-error.js';
import { createCliContext, type CliIo } from './cli-context.js';
import { registerAdminUserCommands } from './commands/admin-user.command.js';
import { registerBalanceCommands } from './commands/balance.command.js';
import { registerCategoryCommands } from './commands/categories.command.js';
import { registerDemoCommands } from './commands/demo.command.js';
import { registerImportCommands } from './commands/import.command.js';
import { registerJobsCommands } from './commands/jobs.command.js';
import { registerMigrateCommand } from './commands/migrate.command.js';
import { registerPosKeyCommands } from './commands/pos-key.command.js';
import { registerStoreCommands } from './commands/store.command.js';

const consoleIo: CliIo = {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
};

/**
 * Runs the `refill` command line (`npx refill …`). Returns the exit code
 * instead of exiting, so tests can drive it.
 */
export async function runCli(argv: string[], io: CliIo = consoleIo): Promise<number> {
    const program = new Command('refill')
        .description('Refill loyalty plugin: migrations, stores, POS keys, imports, demo data')
        .option(
            '--database-url <url>',
            'mysql://…, mariadb://… or sqlite:<file> (default: DATABASE_URL or sqlite:./data/refill.sqlite)',
        )
        .exitOverride()
        .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) });
    const ctx = createCliContext(io);
    registerMigrateCommand(program, ctx);
    registerStoreCommands(program, ctx);
    registerPosKeyCommands(program, ctx);
    registerBalanceCommands(program, ctx);
    registerImportCommands(program, ctx);
    registerDemoCommands(program, ctx);
    registerAdminUserCommands(program, ctx);
    registerJobsCommands(program, ctx);
    registerCategoryCommands(program, ctx);
    try {
        await program.parseAsync(argv, { from: 'user' });
        return 0;
    } catch (error) {
        if (error instanceof CommanderError) return error.exitCode;
        if (error instanceof RefillError) {
            io.err(
                `error ${error.code}: ${error.message}${error.details ? ` ${JSON.stringify(error.details)}` : ''}`,
            );
            return 1;
        }
        io.err(`error: ${(error as Error).message}`);
        return 1;
    }
}
