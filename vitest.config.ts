import { defineConfig } from 'vitest/config';

export default defineConfig({
    test: {
        include: ['test/**/*.test.ts'],
        // Every MySQL/MariaDB connection runs with NO_BACKSLASH_ESCAPES,ANSI_QUOTES (TEST_MYSQL_SQL_MODE).
        setupFiles: ['test/helpers/sql-mode-hook.mjs'],
        testTimeout: 30_000,
        hookTimeout: 60_000,
        pool: 'forks',
        // Files share a worker's module cache: each fork imports the plugin once instead of once per
        // file (a minute of the suite's time). Tests restore what they change (spies, env).
        isolate: false,
        // Most files wait on timers, sockets and the database rather than the CPU: three workers keep two cores busy.
        maxWorkers: 3,
        reporters: process.env.CI ? ['default'] : ['default'],
    },
});
