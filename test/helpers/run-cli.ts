/**
 * Runs Refill's CLI in a process of its own (`node --import tsx test/helpers/run-cli.ts …`),
 * for tests that need a second process, as an operator's shell would be.
 */
import { runCli } from '../../plugin/cli/main.js';

process.exitCode = await runCli(process.argv.slice(2));
