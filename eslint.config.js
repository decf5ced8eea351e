import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';
import { boundaryConfigs } from './eslint.boundaries.js';

export default tseslint.config(
    { ignores: ['dist/', 'data/', 'coverage/', 'node_modules/', 'admin-ui/dist/'] },
    js.configs.recommended,
    ...tseslint.configs.recommended,
    {
        rules: {
            '@typescript-eslint/no-unused-vars': [
                'error',
                { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
            ],
            'no-console': 'error',
        },
    },
    {
        files: ['plugin/**/*.ts', 'migrations/**/*.ts'],
        rules: { '@typescript-eslint/no-explicit-any': 'error' },
    },
    {
        files: [
            'plugin/cli/**/*.ts',
            'plugin/standalone/**/*.ts',
            'bench/**/*.ts',
            'bin/**/*.js',
            'admin-ui/scripts/**/*.ts',
            'test/**/*.ts',
        ],
        rules: { 'no-console': 'off' },
    },
    {
        // The admin UI (browser code): no `any`, no console left behind.
        files: ['admin-ui/src/**/*.{ts,tsx}'],
        rules: { '@typescript-eslint/no-explicit-any': 'error' },
    },
    {
        files: ['bin/**/*.js'],
        languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
    },
    ...boundaryConfigs,
    prettier,
);
