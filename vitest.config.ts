import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Vitest's own order (slowest first by the last run's times, else the largest
 * files), with the campaign simulations always first: they are the longest
 * files, and in a fresh clone (CI) there are no times yet and their files are small.
 */
class SlowestFirst extends BaseSequencer {
    override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
        const sorted = await super.sort(files);
        const slow = (f: TestSpecification) => (f.moduleId.endsWith('.simulation.test.ts') ? 0 : 1);
        return [...sorted].sort((a, b) => slow(a) - slow(b));
    }
}

export default defineConfig({
    test: {
        // test/browser/*.browser.test.ts drive the built admin UI in Debian's Chromium (playwright-core):
        // skipped with a message where /usr/bin/chromium is missing, except on CI.
        // admin-ui/src/**/*.test.ts: the UI's pure helpers, beside them (type-checked by admin-ui's tsconfig).
        include: ['test/**/*.test.ts', 'admin-ui/src/**/*.test.ts'],
        // Every MySQL/MariaDB connection runs with NO_BACKSLASH_ESCAPES,ANSI_QUOTES (TEST_MYSQL_SQL_MODE).
        setupFiles: ['test/helpers/sql-mode-hook.mjs'],
        // Template databases built once per engine per run, copied per test file: the migrated
        // schema (startTestRefill) and the browser tests' demo chain (test/helpers/run-templates.ts).
        globalSetup: ['test/helpers/run-templates.setup.ts'],
        testTimeout: 30_000,
        hookTimeout: 60_000,
        sequence: { sequencer: SlowestFirst },
        pool: 'forks',
        // Files share a worker's module cache: each fork imports the plugin once instead of once per
        // file (a minute of the suite's time). Tests restore what they change (spies, env).
        isolate: false,
        // Most files wait on timers, sockets and the database rather than the CPU: three workers keep two cores busy.
        maxWorkers: 3,
        reporters: process.env.CI ? ['default'] : ['default'],
    },
});
