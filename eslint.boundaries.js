/**
 * Module boundaries as ESLint `no-restricted-imports` patterns (CONTRIBUTING.md,
 * "Layers and doors"):
 *
 * - a module reaches another module only through its door,
 *   `plugin/modules/<name>/index.ts`, and never imports `plugin/api/`,
 *   `plugin/index.ts` or another composition-level file (the option types in
 *   `plugin/config/refill-options.ts` excepted, for now);
 * - the kernel imports nothing outside `plugin/kernel/`;
 * - the composition level imports a module only through its door.
 *
 * Imports are relative, so where one lands depends on how deep the importing
 * file sits: the patterns are written per depth, counting `../`. Which modules
 * may import which (the layering) is checked by
 * test/unit/architecture/import-graph.test.ts.
 */

const DOOR = 'Import another module only through its door, plugin/modules/<name>/index.js (CONTRIBUTING.md).';
const UP = (n) => `^(\\.\\./){${n}}`;
const DEPTHS = [0, 1, 2, 3];

/** Glob of the files `depth` folders below `root`. */
const filesAt = (root, depth) => [`${root}/${'*/'.repeat(depth)}*.ts`];

/** A module's files `depth` folders below `plugin/modules/<name>/`. */
function moduleRules(depth) {
    const modules = depth + 1; // this many `../` reach plugin/modules/
    const plugin = depth + 2; // and this many reach plugin/
    return {
        files: filesAt('plugin/modules/*', depth),
        rules: {
            'no-restricted-imports': [
                'error',
                {
                    patterns: [
                        { regex: `${UP(modules)}[^./][^/]*/(?!index\\.js$)`, message: DOOR },
                        {
                            regex: `${UP(plugin)}api/`,
                            message:
                                'A module never imports plugin/api/: the API composes the modules, not the reverse.',
                        },
                        {
                            regex: `${UP(plugin)}index\\.js$`,
                            message:
                                'A module never imports plugin/index.ts (the public API composes the modules).',
                        },
                        {
                            regex: `${UP(plugin)}(?!kernel/|modules/|api/|index\\.js$|config/refill-options\\.js$)`,
                            message:
                                'A module imports the kernel, lower modules through their doors and the option types only, never the composition level.',
                        },
                    ],
                },
            ],
        },
    };
}

/** Kernel files `depth` folders below `plugin/kernel/`. */
function kernelRules(depth) {
    return {
        files: filesAt('plugin/kernel', depth),
        rules: {
            'no-restricted-imports': [
                'error',
                {
                    patterns: [
                        {
                            regex: `${UP(depth + 1)}(?!kernel/)`,
                            message:
                                'The kernel imports nothing outside plugin/kernel/: no module, no composition file (take a plain value or a port instead).',
                        },
                    ],
                },
            ],
        },
    };
}

/** The composition level: every other file under plugin/. */
const compositionRules = {
    files: ['plugin/**/*.ts'],
    ignores: ['plugin/modules/**', 'plugin/kernel/**'],
    rules: {
        'no-restricted-imports': [
            'error',
            { patterns: [{ regex: '(^|/)modules/[^/]+/(?!index\\.js$)', message: DOOR }] },
        ],
    },
};

/** The flat-config entries that enforce the boundaries. */
export const boundaryConfigs = [...DEPTHS.map(moduleRules), ...DEPTHS.map(kernelRules), compositionRules];
