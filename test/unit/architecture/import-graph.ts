import { readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import ts from 'typescript';

/**
 * The layers, bottom to top: the kernel, then the modules. A module may
 * import only modules below it, and only through their door
 * (`plugin/modules/<name>/index.ts`). Everything else under `plugin/` is the
 * composition level, above them all (CONTRIBUTING.md).
 */
export const LAYERS = [
    'kernel',
    'admin',
    'customers',
    'catalog',
    'campaigns',
    'ledger',
    'messaging',
    'segments',
    'chains',
    'import',
] as const;

/** The one composition-level file modules may import (type-only): the option types, for now. */
export const OPTION_TYPES = 'plugin/config/refill-options.ts';

/** One static import or re-export between two files of `plugin/`. */
export interface ImportEdge {
    from: string;
    to: string;
    /** `import type` / `export type`, or every named binding marked `type`. */
    typeOnly: boolean;
}

/** Where a file sits: `kernel`, a module's name, `composition`, or `outside` plugin/. */
export function areaOf(file: string): string {
    const parts = file.split('/');
    if (parts[0] !== 'plugin') return 'outside';
    if (parts[1] === 'kernel') return 'kernel';
    if (parts[1] === 'modules') return parts[2];
    return 'composition';
}

const doorOf = (module: string) => `plugin/modules/${module}/index.ts`;

/** Every `.ts` file under `dir` (relative to `root`, with `/`). */
export function sourceFiles(root: string, dir: string): string[] {
    return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
        .map((f) => posix.join(dir, f.split('\\').join('/')))
        .sort();
}

/** The static imports and `export … from` of each file, type-only ones included, resolved to files. */
export function importEdges(
    root: string,
    files: readonly string[],
): { edges: ImportEdge[]; unresolved: string[] } {
    const known = new Set(files);
    const edges: ImportEdge[] = [];
    const unresolved: string[] = [];
    for (const from of files) {
        const source = ts.createSourceFile(
            from,
            readFileSync(join(root, from), 'utf8'),
            ts.ScriptTarget.Latest,
        );
        for (const statement of source.statements) {
            if (!ts.isImportDeclaration(statement) && !ts.isExportDeclaration(statement)) continue;
            const specifier = statement.moduleSpecifier;
            if (!specifier || !ts.isStringLiteral(specifier) || !specifier.text.startsWith('.')) continue;
            const target = posix
                .normalize(posix.join(posix.dirname(from), specifier.text))
                .replace(/\.js$/, '.ts');
            const to = known.has(target) ? target : target.replace(/\.ts$/, '/index.ts');
            if (!target.startsWith('plugin/')) {
                // Outside plugin/ (the migrations): an edge only the composition level may have.
                edges.push({ from, to: target, typeOnly: isTypeOnly(statement) });
                continue;
            }
            if (!known.has(to)) {
                unresolved.push(`${from} -> ${specifier.text}`);
                continue;
            }
            edges.push({ from, to, typeOnly: isTypeOnly(statement) });
        }
    }
    return { edges, unresolved };
}

function isTypeOnly(statement: ts.ImportDeclaration | ts.ExportDeclaration): boolean {
    if (ts.isExportDeclaration(statement)) {
        const clause = statement.exportClause;
        return (
            statement.isTypeOnly ||
            (!!clause && ts.isNamedExports(clause) && clause.elements.every((e) => e.isTypeOnly))
        );
    }
    const clause = statement.importClause;
    if (!clause) return false;
    if (clause.isTypeOnly) return true;
    const bindings = clause.namedBindings;
    return (
        !clause.name &&
        !!bindings &&
        ts.isNamedImports(bindings) &&
        bindings.elements.every((e) => e.isTypeOnly)
    );
}

/** Why an edge breaks the layering, or null. */
export function layeringProblem(edge: ImportEdge): string | null {
    const from = areaOf(edge.from);
    const to = areaOf(edge.to);
    if (from === to) return null;
    if (from === 'kernel') return 'the kernel imports nothing outside plugin/kernel/';
    if (from === 'composition')
        return to === 'kernel' || to === 'outside' || edge.to === doorOf(to)
            ? null
            : `the composition level imports ${to} only through its door`;
    if (to === 'kernel') return null;
    if (to === 'outside') return 'a module imports nothing outside plugin/';
    if (to === 'composition') {
        if (edge.to !== OPTION_TYPES) return `a module never imports the composition level`;
        return edge.typeOnly ? null : 'a module imports the option types with `import type` only';
    }
    const [rankFrom, rankTo] = [LAYERS.indexOf(from as never), LAYERS.indexOf(to as never)];
    if (rankFrom < 0 || rankTo < 0) return `${rankFrom < 0 ? from : to} has no place in LAYERS`;
    if (rankTo > rankFrom) return `${from} is below ${to}: the edge points upward`;
    return edge.to === doorOf(to) ? null : `${from} imports ${to} only through its door`;
}

/**
 * The cycles of a graph, one concrete path per strongly connected component
 * (Tarjan), each closed on its first node: `a -> b -> a`.
 */
export function cycles(nodes: Iterable<string>, next: (node: string) => readonly string[]): string[][] {
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const found: string[][] = [];
    let counter = 0;
    const visit = (v: string) => {
        index.set(v, counter);
        low.set(v, counter++);
        stack.push(v);
        onStack.add(v);
        for (const w of next(v)) {
            if (!index.has(w)) {
                visit(w);
                low.set(v, Math.min(low.get(v)!, low.get(w)!));
            } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
        }
        if (low.get(v) !== index.get(v)) return;
        const component = new Set<string>();
        let w: string;
        do {
            w = stack.pop()!;
            onStack.delete(w);
            component.add(w);
        } while (w !== v);
        if (component.size > 1 || next(v).includes(v)) found.push(pathWithin(v, component, next));
    };
    for (const node of nodes) if (!index.has(node)) visit(node);
    return found;
}

/** A shortest path from `start` back to itself inside one component (breadth first). */
function pathWithin(
    start: string,
    component: Set<string>,
    next: (node: string) => readonly string[],
): string[] {
    const parent = new Map<string, string>();
    const queue = [start];
    while (queue.length) {
        const v = queue.shift()!;
        for (const w of next(v)) {
            if (!component.has(w)) continue;
            if (w === start) {
                const path = [start];
                for (let u = v; u !== start; u = parent.get(u)!) path.splice(1, 0, u);
                return [...path, start];
            }
            if (!parent.has(w)) {
                parent.set(w, v);
                queue.push(w);
            }
        }
    }
    return [start, start];
}
