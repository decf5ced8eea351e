#!/usr/bin/env node
// The `refill` command (npx refill …). Runs the compiled CLI from dist/.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = join(root, 'dist', 'plugin', 'cli', 'main.js');
if (!existsSync(entry)) {
    console.error('refill: dist/ is missing; run `npm run build` in the refill package first.');
    process.exit(1);
}
const { runCli } = await import(entry);
process.exitCode = await runCli(process.argv.slice(2));
