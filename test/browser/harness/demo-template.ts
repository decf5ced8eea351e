import { cloneTestDatabase } from '../../helpers/clone-database.js';
import { templateDatabase, type TemplateDatabase } from '../../helpers/run-templates.js';
import type { Engine, TestDatabase } from '../../helpers/test-database.js';

/**
 * The calendar day the demo's data is relative to: the demo dates its history,
 * campaigns and recent sales back from "now", so a template seeded before
 * midnight (UTC or Moscow time) is not used after it.
 */
function dayKey(now = new Date()): string {
    const moscow = now.toLocaleDateString('en-CA', { timeZone: 'Europe/Moscow' });
    return `${now.toISOString().slice(0, 10)}/${moscow}`;
}

/**
 * The run's demo template of `engine` for `options` (a JSON value: the chain's
 * size and the server options that shape its data) and today, seeded by `seed`
 * the first time any browser test file of the run asks (the others wait for
 * it). `seed` fills the empty database it is given and keeps the demo's files
 * in `files`. Undefined outside a run with the global setup.
 */
export function demoTemplate(
    engine: Engine,
    options: unknown,
    seed: (db: TestDatabase, files: string) => Promise<unknown>,
): Promise<TemplateDatabase | undefined> {
    return templateDatabase(engine, ['demo', options ?? null, dayKey()], seed);
}

/** A browser test file's own copy of the demo template's database. */
export function cloneDemo(template: TemplateDatabase, name: string): Promise<TestDatabase> {
    return cloneTestDatabase(template.engine, template.url, name);
}
