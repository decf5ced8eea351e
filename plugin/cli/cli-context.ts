import type { Command } from 'commander';
import { createRefill, type Refill } from '../refill.js';

/** Where CLI commands print; tests capture it. */
export interface CliIo {
    out(line: string): void;
    err(line: string): void;
}

/** What every command gets: output and a way to run with a started Refill. */
export interface CliContext {
    io: CliIo;
    /** Runs `fn` with Refill started on the database of `--database-url` / DATABASE_URL, then stops it. */
    withRefill<T>(program: Command, fn: (refill: Refill) => Promise<T>): Promise<T>;
}

/** The database the CLI and the standalone server use when none is configured. */
export const DEFAULT_DATABASE_URL = 'sqlite:./data/refill.sqlite';

/** The database URL from `--database-url`, DATABASE_URL or the default. */
export function databaseUrlFrom(program: Command): string {
    return (
        (program.opts().databaseUrl as string | undefined) ?? process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL
    );
}

/** Builds the context the commands run in. */
export function createCliContext(io: CliIo): CliContext {
    return {
        io,
        async withRefill(program, fn) {
            const refill = createRefill({
                databaseUrl: databaseUrlFrom(program),
                logLevel: process.env.REFILL_LOG_LEVEL ?? 'warn',
                timezone: process.env.REFILL_TIMEZONE ?? undefined,
                // The CLI schedules jobs but runs them only when asked (`jobs run`).
                jobs: { process: false },
            });
            await refill.start();
            try {
                return await fn(refill);
            } finally {
                await refill.stop();
            }
        },
    };
}
