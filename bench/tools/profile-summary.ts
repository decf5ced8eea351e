/**
 * Summarises a V8 `.cpuprofile` (from `npm run bench:pos -- --cpu-prof`):
 * self time by package / source area, the hottest functions by self time,
 * and inclusive time of the functions that matter on the commit path.
 *
 *   npx tsx bench/tools/profile-summary.ts bench/results/profiles/<file>.cpuprofile [top=25]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
}

interface CpuProfile {
    nodes: ProfileNode[];
    samples: number[];
    timeDeltas: number[];
    startTime: number;
    endTime: number;
}

const [file, topArg] = process.argv.slice(2);
if (!file) {
    console.error('usage: tsx bench/tools/profile-summary.ts <file.cpuprofile> [top]');
    process.exit(2);
}
const top = Number(topArg ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

// Self time per node, µs.
const self = new Map<number, number>();
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const total = [...self.values()].reduce((s, v) => s + v, 0);

/** Where a frame's code lives: a package, Refill's own code, node internals, or V8 pseudo-frames. */
function area(url: string, name: string): string {
    if (!url) return name.startsWith('(') ? name : '(native)';
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
    if (pkg) return pkg[1];
    if (url.startsWith('node:')) return url;
    const own = /\/(plugin|bench|migrations)\/(.*)$/.exec(url);
    if (own) return `${own[1]}/${own[2].split('/')[0]}`;
    return url;
}

const pct = (us: number) => `${((100 * us) / total).toFixed(1).padStart(5)}%`;

const areas = new Map<string, number>();
const functions = new Map<string, number>();
for (const [id, us] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const a = area(url, functionName);
    areas.set(a, (areas.get(a) ?? 0) + us);
    const key = `${functionName || '(anonymous)'}  ${a}:${lineNumber + 1}`;
    functions.set(key, (functions.get(key) ?? 0) + us);
}

// Inclusive time: a sample counts once for every distinct function on its stack.
const inclusive = new Map<string, number>();
for (const [id, us] of self) {
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
        const { functionName, url } = byId.get(at)!.callFrame;
        const key = `${functionName || '(anonymous)'}  ${area(url, functionName)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        inclusive.set(key, (inclusive.get(key) ?? 0) + us);
    }
}

const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]);
console.log(`${file}: ${(total / 1e6).toFixed(2)} s of samples`);
console.log('\nSelf time by area:');
for (const [k, v] of sorted(areas).slice(0, top)) console.log(`  ${pct(v)}  ${k}`);
console.log('\nSelf time by function:');
for (const [k, v] of sorted(functions).slice(0, top)) console.log(`  ${pct(v)}  ${k}`);
console.log('\nInclusive time by function:');
for (const [k, v] of sorted(inclusive).slice(0, top * 2)) console.log(`  ${pct(v)}  ${k}`);
