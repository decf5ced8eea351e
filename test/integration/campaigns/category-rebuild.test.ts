import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SelectionSummary } from '../../../plugin/modules/campaigns/services/campaign-selection.service.js';
import { testDesign } from '../../helpers/campaign-fixtures.js';
import { C10, statinHistory, statsByCard, statsFromLines } from '../../helpers/statin-history.js';
import { engines } from '../../helpers/test-database.js';
import { startTestRefill, TestClock, type TestRefill } from '../../helpers/test-refill.js';

// A rebuild's worker shares two cores with the rest of the suite (and with the other scheduled jobs
// it picks up when it starts): give it time, a wrong result still fails at once.
vi.setConfig({ testTimeout: 150_000 });

/** Waits until `check` is true (polling), or fails after `ms`. */
async function until(check: () => Promise<boolean>, ms = 60_000): Promise<void> {
    const end = Date.now() + ms;
    while (!(await check())) {
        if (Date.now() > end) throw new Error('timed out');
        await new Promise((ok) => setTimeout(ok, 50));
    }
}

/** What a dry run found, without the campaign's own id. */
const found = (s: SelectionSummary) => ({
    candidates: s.candidates,
    eligible: s.eligible,
    exclusions: s.exclusions,
    reachable: s.reachable,
});

describe.each(engines)('category rebuilds on %s', (engine) => {
    const clock = new TestClock(new Date('2026-03-01T07:00:00.000Z'));
    // The same history, imported where C10 existed first (control) and where it came after (subject).
    let control: TestRefill;
    let subject: TestRefill;
    const options = {
        clock: clock.fn,
        pos: { cacheTtlMs: 0 },
        campaigns: { rebuildBatchSize: 7 },
        jobs: { process: false, processEvery: 100 },
    };
    const design = testDesign({ code: 'WB-C10', categoryCode: 'C10', channels: ['sms'] });
    const categoryId = async (t: TestRefill, code: string) =>
        (await t.internals.services.catalog.categoryByCode(code))!.id;
    const lineCategories = async (t: TestRefill, sku: string) =>
        (
            await t.internals.database.all<{ code: string | null }>(
                `SELECT DISTINCT k.code FROM refill_purchase_lines l LEFT JOIN refill_categories k ON k.id = l.category_id WHERE l.sku = ?`,
                [sku],
            )
        ).map((r) => r.code);

    /** Lets the subject's job worker run until `check` holds. */
    async function work(check: () => Promise<boolean>): Promise<void> {
        await subject.internals.scheduler.instance.start();
        try {
            await until(check);
        } finally {
            await subject.internals.scheduler.instance.stop();
        }
    }

    beforeAll(async () => {
        [control, subject] = await Promise.all([
            startTestRefill(engine, 'rebuild_control', options),
            startTestRefill(engine, 'rebuild_subject', options),
        ]);
        await control.internals.services.categories.upsert(C10, 'test');
        for (const t of [control, subject])
            await t.internals.services.history.importRecords(statinHistory(clock.fn()), { batchSize: 40 });
    });
    afterAll(async () => {
        await control?.close();
        await subject?.close();
    });

    it('a dry run while the category is rebuilt says so instead of answering 0', async () => {
        const { categories, campaigns, campaignSelection } = subject.internals.services;
        const view = await categories.upsert(C10, 'test');
        expect(view.rebuild).toMatchObject({ category: 'C10', state: 'queued', phase: 'remap', done: 0 });
        const c = await campaigns.create(design, 'marketer');
        const dry = await campaignSelection.dryRun(c.id);
        expect(dry.rebuilding).toMatchObject({ state: 'queued', phase: 'remap', done: 0 });
        expect(dry.warnings).toEqual([expect.stringContaining('being rebuilt')]);
        // The day's run of a live campaign waits for the rebuild (and runs again on the next tick).
        const live = await campaigns.create({ ...design, code: 'WB-C10-LIVE' }, 'marketer');
        await campaigns.launch(live.id, 'marketer');
        const day = campaignSelection.localDay(clock.fn());
        const [part] = await campaignSelection.plan();
        expect((await campaignSelection.runPart(live.id, day, part)).skipped).toBe('rebuilding');
        const [run] = await subject.internals.repositories.runs.list(
            subject.internals.database,
            live.id,
            day,
        );
        expect(run.status).toBe('waiting');
    });

    it('categories created after the history import select their lapsed buyers once rebuilt', async () => {
        const [job] = await subject.internals.database.all<{ n: unknown }>(
            `SELECT COUNT(*) AS n FROM refill_jobs WHERE name = 'refill:category-rebuild'`,
        );
        expect(Number(job.n)).toBe(1);
        // The queued job runs on a worker.
        await work(
            async () => (await subject.internals.services.categoryRebuilds.progress('C10'))?.state === 'done',
        );
        const progress = await subject.internals.services.categoryRebuilds.progress('C10');
        expect(progress).toMatchObject({ state: 'done', phase: 'done', error: null });
        expect(progress!.done).toBe(progress!.total);
        expect(progress!.lines.changed).toBeGreaterThan(100);

        expect(await statsByCard(subject, 'C10')).toEqual(await statsByCard(control, 'C10'));
        const controlCampaign = await control.internals.services.campaigns.create(design, 'marketer');
        const subjectCampaign = (await subject.internals.services.campaigns.list()).find(
            (c) => c.code === design.code,
        )!;
        const want = await control.internals.services.campaignSelection.dryRun(controlCampaign.id);
        const got = await subject.internals.services.campaignSelection.dryRun(subjectCampaign.id);
        // 12 monthly buyers who stopped and 5 who shopped after midnight; not the 90-day ones.
        expect(want).toMatchObject({ eligible: 17, exclusions: { within_rhythm: 4 } });
        expect(found(got)).toEqual(found(want));
        expect(got.rebuilding).toBeUndefined();
        // The live campaign's day now runs.
        const { campaignSelection } = subject.internals.services;
        const live = (await subject.internals.services.campaigns.list()).find(
            (c) => c.code === 'WB-C10-LIVE',
        )!;
        const [part] = await campaignSelection.plan();
        const run = await campaignSelection.runPart(live.id, campaignSelection.localDay(clock.fn()), part);
        expect(run.assigned.test + run.assigned.control).toBe(17);
    });

    it('changing a category’s ATC rules re-maps its lines and rebuilds the category that lost them', async () => {
        const { categories, categoryRebuilds } = subject.internals.services;
        const before = await statsByCard(subject, 'C10');
        await categories.upsert({ ...C10, code: 'C10AX', name: 'Ezetimibe', atcPrefixes: ['C10AX'] }, 'test');
        const runs = await categoryRebuilds.runHere('C10AX');
        // C10AX took the ezetimibe lines; C10 lost them and got its statistics rebuilt next.
        expect(runs.map((p) => [p.category, p.state])).toEqual([
            ['C10AX', 'done'],
            ['C10', 'done'],
        ]);
        expect(await lineCategories(subject, 'EZE-10')).toEqual(['C10AX']);
        expect(await lineCategories(subject, 'ATOR-20')).toEqual(['C10']);
        expect(await statsByCard(subject, 'C10AX')).toEqual(await statsFromLines(subject, 'C10AX'));
        expect(await statsByCard(subject, 'C10')).toEqual(await statsFromLines(subject, 'C10'));
        expect(await statsByCard(subject, 'C10')).not.toEqual(before);

        // Its prefix moves elsewhere: the lines go back to C10, C10AX keeps no rows.
        await categories.upsert({ ...C10, code: 'C10AX', name: 'Ezetimibe', atcPrefixes: ['C10AB'] }, 'test');
        await categoryRebuilds.runHere('C10AX');
        expect(await lineCategories(subject, 'EZE-10')).toEqual(['C10']);
        expect(await statsByCard(subject, 'C10AX')).toEqual({});
        expect(await statsByCard(subject, 'C10')).toEqual(before);
    });

    it('a category rebuild that crashed mid-way resumes from its checkpoint, and running it again changes nothing', async () => {
        const { categoryRebuilds } = subject.internals.services;
        const id = await categoryId(subject, 'C10');
        // As after an import without the category: no line mapped, no statistics.
        await subject.internals.database.run(
            `UPDATE refill_purchase_lines SET category_id = NULL WHERE category_id = ?`,
            [id],
        );
        await subject.internals.database.run(
            `DELETE FROM refill_customer_category_stats WHERE category_id = ?`,
            [id],
        );
        await categoryRebuilds.rebuild('C10', 'test');
        // The worker's third batch dies (the database goes away): its transaction rolls back.
        const rebuilds = subject.internals.repositories.rebuilds;
        const advance = rebuilds.advance.bind(rebuilds);
        let batches = 0;
        const spy = vi.spyOn(rebuilds, 'advance').mockImplementation(async (...args) => {
            if (++batches === 3) throw new Error('worker died');
            return advance(...args);
        });
        const worker = (state: string) =>
            work(async () => (await categoryRebuilds.progress('C10'))?.state === state);
        try {
            await worker('failed');
        } finally {
            spy.mockRestore();
        }
        const failed = await categoryRebuilds.progress('C10');
        expect(failed).toMatchObject({ state: 'failed', phase: 'remap', error: 'worker died' });
        expect(failed!.done).toBe(2 * 70);

        // Resumed (API or CLI): a worker takes it up where it stopped.
        const resumed = await categoryRebuilds.rebuild('C10', 'test');
        expect(resumed).toMatchObject({ state: 'queued', done: 2 * 70 });
        await worker('done');
        const done = (await categoryRebuilds.progress('C10'))!;
        expect(done).toMatchObject({ state: 'done', error: null });
        expect(done.done).toBe(done.total);
        expect(done.lines.changed).toBe(
            (
                await subject.internals.database.all(
                    `SELECT id FROM refill_purchase_lines WHERE category_id = ?`,
                    [id],
                )
            ).length,
        );
        expect(await statsByCard(subject, 'C10')).toEqual(await statsByCard(control, 'C10'));

        // Idempotent: a second full rebuild finds nothing to change.
        await categoryRebuilds.rebuild('C10', 'test');
        const [again] = await categoryRebuilds.runHere('C10');
        expect(again).toMatchObject({ state: 'done', rowsWritten: 0, lines: { changed: 0 } });
        expect(await statsByCard(subject, 'C10')).toEqual(await statsByCard(control, 'C10'));
    });
});
