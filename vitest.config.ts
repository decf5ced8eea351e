import { defineConfig } from 'vitest/config';

export default defineConfig({
    test: {
        include: ['test/**/*.test.ts'],
        // Every MySQL/MariaDB connection runs with NO_BACKSLASH_ESCAPES,ANSI_QUOTES (TEST_MYSQL_SQL_MODE).
        setupFiles: ['test/helpers/sql-mode-hook.mjs'],
        testTimeout: 30_000,
        hookTimeout: 60_000,
        pool: 'forks',
        maxWorkers: 2,
        reporters: process.env.CI ? ['default'] : ['default'],
    },
});
