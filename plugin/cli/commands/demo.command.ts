import type { Command } from 'commander';
import type { CliContext } from '../cli-context.js';

/** `refill demo seed` (filled in by the demo generator). */
export function registerDemoCommands(program: Command, _ctx: CliContext): void {
    program.command('demo').description('generate a synthetic demo chain');
}
