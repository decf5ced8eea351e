import type { Command } from 'commander';
import type { CliContext } from '../cli-context.js';

/** `refill import catalog|history` (filled in by the importer). */
export function registerImportCommands(program: Command, _ctx: CliContext): void {
    program.command('import').description('import the catalogue or past receipts');
}
