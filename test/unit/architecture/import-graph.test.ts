import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
    areaOf,
    cycles,
    importEdges,
    LAYERS,
    OPTION_TYPES,
    layeringProblem,
    sourceFiles,
    type ImportEdge,
} from './import-graph.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));

/** Files and edges of `plugin/`, read once. */
const files = sourceFiles(root, 'plugin');
const { edges, unresolved } = importEdges(root, files);

/** The file-level import graph the cycle walk follows. */
function fileGraph(list: readonly ImportEdge[]): (file: string) => string[] {
    const next = new Map<string, string[]>();
    for (const e of list) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
    return (file) => next.get(file) ?? [];
}

/**
 * The area of a file in the module-level graph: the option types, which modules may
 * import, are their own node, apart from the composition files that import the modules.
 */
const nodeOf = (file: string): string => (file === OPTION_TYPES ? 'options' : areaOf(file));

/** The module-level graph: one node per area (kernel, each module, the option types, composition). */
function areaGraph(list: readonly ImportEdge[]): { nodes: string[]; next: (area: string) => string[] } {
    const next = new Map<string, Set<string>>();
    for (const e of list) {
        const [from, to] = [nodeOf(e.from), nodeOf(e.to)];
        if (from !== to) next.set(from, (next.get(from) ?? new Set()).add(to));
    }
    return { nodes: [...next.keys()], next: (area) => [...(next.get(area) ?? [])] };
}

describe('the import graph of plugin/', () => {
    it('is read whole: every relative import resolves, every module has a door that is used', () => {
        expect(unresolved).toEqual([]);
        expect(files.length).toBeGreaterThan(200);
        const modules = readdirSync(`${root}/plugin/modules`, { withFileTypes: true })
            .filter((d) => d.isDirectory())
            .map((d) => d.name)
            .sort();
        // A new module takes a place in the layering first (LAYERS, CONTRIBUTING.md).
        expect(modules).toEqual(LAYERS.filter((l) => l !== 'kernel').sort());
        for (const m of modules)
            expect(edges.some((e) => e.to === `plugin/modules/${m}/index.ts`)).toBe(true);
    });

    it('has no edge that breaks the layering or passes a door', () => {
        const problems = edges.flatMap((e) => {
            const problem = layeringProblem(e);
            return problem ? [`${e.from} -> ${e.to}: ${problem}`] : [];
        });
        expect(problems).toEqual([]);
    });

    it('has no cycle between files, type-only imports included', () => {
        const found = cycles(files, fileGraph(edges)).map((c) => c.join(' -> '));
        expect(found).toEqual([]);
    });

    it('has no cycle between modules', () => {
        const { nodes, next } = areaGraph(edges);
        expect(cycles(nodes, next).map((c) => c.join(' -> '))).toEqual([]);
    });
});

describe('the import graph checks', () => {
    const edge = (from: string, to: string, typeOnly = false): ImportEdge => ({ from, to, typeOnly });

    it('report upward edges, doors passed by, and the kernel or a module reaching up', () => {
        const bad = [
            edge('plugin/modules/customers/services/a.ts', 'plugin/modules/ledger/index.ts'),
            edge('plugin/modules/ledger/services/a.ts', 'plugin/modules/catalog/rules/b.ts', true),
            edge('plugin/kernel/http/a.ts', 'plugin/modules/customers/index.ts', true),
            edge('plugin/kernel/jobs/a.ts', 'plugin/config/refill-options.ts', true),
            edge('plugin/modules/admin/a.ts', 'plugin/api/create-refill-router.ts'),
            edge('plugin/modules/admin/a.ts', 'plugin/index.ts'),
            edge('plugin/modules/admin/a.ts', 'plugin/config/refill-options.ts'),
            edge('plugin/modules/admin/a.ts', 'migrations/index.ts'),
            edge('plugin/kernel/db/a.ts', 'migrations/index.ts'),
            edge('plugin/refill.ts', 'plugin/modules/ledger/services/purchase.service.ts'),
        ];
        expect(bad.map(layeringProblem).every((p) => p !== null)).toBe(true);
        const good = [
            edge('plugin/modules/ledger/services/a.ts', 'plugin/modules/catalog/index.ts'),
            edge('plugin/modules/ledger/services/a.ts', 'plugin/modules/ledger/rules/b.ts'),
            edge('plugin/modules/ledger/services/a.ts', 'plugin/kernel/clock.ts'),
            edge('plugin/modules/ledger/services/a.ts', 'plugin/config/refill-options.ts', true),
            edge('plugin/refill.ts', 'plugin/modules/ledger/index.ts'),
            edge('plugin/refill.ts', 'migrations/index.ts'),
        ];
        expect(good.map(layeringProblem)).toEqual(good.map(() => null));
    });

    it('report a file cycle as its path, and a module cycle', () => {
        const list = [
            edge('plugin/modules/messaging/templates/a.ts', 'plugin/modules/messaging/templates/b.ts', true),
            edge('plugin/modules/messaging/templates/b.ts', 'plugin/modules/messaging/templates/a.ts'),
            edge('plugin/modules/ledger/x.ts', 'plugin/modules/catalog/index.ts'),
            edge('plugin/modules/catalog/index.ts', 'plugin/modules/ledger/index.ts'),
        ];
        const nodes = [...new Set(list.flatMap((e) => [e.from, e.to]))];
        expect(cycles(nodes, fileGraph(list))[0]).toEqual([
            'plugin/modules/messaging/templates/a.ts',
            'plugin/modules/messaging/templates/b.ts',
            'plugin/modules/messaging/templates/a.ts',
        ]);
        const areas = areaGraph(list);
        expect(cycles(areas.nodes, areas.next)).toEqual([['ledger', 'catalog', 'ledger']]);
    });

    it('report a cycle through the option types, type-only edges included', () => {
        const list = [
            edge('plugin/modules/ledger/services/a.ts', OPTION_TYPES, true),
            edge(OPTION_TYPES, 'plugin/modules/ledger/index.ts', true),
            edge('plugin/modules/ledger/index.ts', 'plugin/modules/ledger/services/a.ts'),
        ];
        const nodes = [...new Set(list.flatMap((e) => [e.from, e.to]))];
        expect(cycles(nodes, fileGraph(list))).not.toEqual([]);
        const areas = areaGraph(list);
        expect(cycles(areas.nodes, areas.next)).toEqual([['ledger', 'options', 'ledger']]);
    });
});
