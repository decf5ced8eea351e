import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleVariance } from '../../../plugin/modules/campaigns/stats/group-sums.js';
import { minimumDetectableEffect } from '../../../plugin/modules/campaigns/stats/power.stats.js';
import { unitOf } from '../../../plugin/modules/campaigns/services/campaign-report.units.js';
import { testDesign } from '../../helpers/campaign-fixtures.js';
import { engines } from '../../helpers/test-database.js';
import { startTestRefill, TestClock, type TestRefill } from '../../helpers/test-refill.js';

const DAY_MS = 86_400_000;

/** Every numeric leaf of a JSON value with its dotted path (array indexes as numbers). */
function numericLeaves(value: unknown, path: string[] = []): string[] {
    if (typeof value === 'number') return [path.join('.')];
    if (value === null || typeof value !== 'object') return [];
    return Object.entries(value).flatMap(([k, v]) => numericLeaves(v, [...path, k]));
}
const PRICE = 45_000;

/*
 * A history in which one monthly C09 buyer lapses each day (60 days after
 * their last purchase): 31 are lapsed today, 30 of them became lapsed during
 * the last 30 days. Twenty earlier lapsers came back 10 days ago with one or
 * two packs: the revenue the history shows for customers lapsed a window ago.
 */
describe.each(engines)('campaign plan on %s', (engine) => {
    let t: TestRefill;
    const clock = new TestClock(new Date('2026-06-01T08:00:00.000Z'));
    const now = clock.now.getTime();
    const at = (daysAgo: number) => new Date(now - daysAgo * DAY_MS);

    beforeAll(async () => {
        t = await startTestRefill(engine, 'campaign_plan', { clock: clock.fn });
        const records = [];
        const customer = (card: string) => ({
            type: 'customer' as const,
            cardNumber: card,
            phone: `+7902${card}`,
            consents: { sms: { granted: true, at: at(400) } },
        });
        const receipt = (card: string, k: number, daysAgo: number, packs = 1) => ({
            type: 'receipt' as const,
            receiptId: `H-${card}-${k}`,
            cardNumber: card,
            storeCode: 'S1',
            purchasedAt: at(daysAgo),
            lines: [{ sku: 'LOSARTAN-50', name: 'Losartan', quantity: packs, amount: PRICE * packs }],
        });
        for (let i = 0; i <= 30; i++) {
            const card = `71${String(i).padStart(5, '0')}`;
            records.push(customer(card));
            for (let k = 0; k < 4; k++) records.push(receipt(card, k, 60 + i + 30 * k));
        }
        for (let i = 0; i < 20; i++) {
            const card = `72${String(i).padStart(5, '0')}`;
            records.push(customer(card));
            for (let k = 0; k < 4; k++) records.push(receipt(card, k, 100 + 30 * k));
            records.push(receipt(card, 4, 10, i % 2 ? 2 : 1));
        }
        const imported = await t.internals.services.history.importRecords(records, { batchSize: 500 });
        expect(imported.rejected).toBe(0);
    }, 60_000);
    afterAll(async () => t?.close());

    it('the plan estimates the expected size from the lapses of the last 30 days, not from today’s dry run alone', async () => {
        const c = await t.internals.services.campaigns.create(testDesign({ code: 'PLAN-SIZE' }), 'marketer');
        const plan = await t.internals.services.campaignPlanning.plan(c.id);
        expect(plan.dryRun.eligible).toBe(31);
        expect(plan.history.lapses).toMatchObject({ days: 30, lapses: 30, lapsesPerDay: 1 });
        // Today's 31 on the first day, then one a day on the 29 others.
        expect(plan.plannedSize).toMatchObject({
            total: 31 + 29,
            basis: 'lapses of the last 30 days',
            days: 30,
            today: 31,
            eligibleShare: 1,
        });
        const capped = await t.internals.services.campaigns.create(
            testDesign({ code: 'PLAN-CAP', dailyCap: 1 }),
            'marketer',
        );
        expect((await t.internals.services.campaignPlanning.plan(capped.id)).plannedSize.total).toBe(30);
    });

    it('the plan gives the revenue MDE from the category’s revenue variance in the history', async () => {
        const c = await t.internals.services.campaigns.create(testDesign({ code: 'PLAN-REV' }), 'marketer');
        const plan = await t.internals.services.campaignPlanning.plan(c.id);
        // Lapsed 17 days ago (one window of 14 + 3 days): the 14 monthly buyers lapsed by then and the 20
        // who came back; their category revenue in the window that followed, zeros included.
        const revenues = [
            ...Array.from({ length: 14 }, () => 0),
            ...Array.from({ length: 20 }, (_, i) => PRICE * (i % 2 ? 2 : 1)),
        ];
        const sum = revenues.reduce((a, b) => a + b, 0);
        const variance = sampleVariance({
            n: revenues.length,
            sum,
            sumSquares: revenues.reduce((a, b) => a + b * b, 0),
        })!;
        expect(plan.history.revenue).toMatchObject({
            windowDays: 17,
            customers: 34,
            converters: 20,
            referenceDay: '2026-05-15',
        });
        expect(plan.history.revenue.revenueMean).toBeCloseTo(sum / 34, 6);
        expect(plan.history.revenue.revenueVariance).toBeCloseTo(variance, 0);
        const expected = minimumDetectableEffect({
            total: 60,
            controlShare: 0.5,
            variance,
            baseline: sum / 34,
        });
        expect(plan.revenueMde!.absolute).toBeCloseTo(expected.absolute, 4);
        expect(plan.revenueMde!.relative).toBeCloseTo(expected.relative!, 8);
        expect(plan.revenueMde!.standardDeviation).toBeCloseTo(Math.sqrt(variance), 2);
        // No expected conversion given: the baseline is the history's (20 of 34 came back).
        expect(plan.baselineSource).toBe('history');
        expect(plan.baselineConversionPct).toBeCloseTo((20 / 34) * 100, 8);
    });

    it('every figure of the plan names its unit in its units block', async () => {
        const c = await t.internals.services.campaigns.create(
            testDesign({ code: 'PLAN-UNITS', expected: { upliftPct: 5 } }),
            'marketer',
        );
        const plan = JSON.parse(JSON.stringify(await t.internals.services.campaignPlanning.plan(c.id)));
        const leaves = numericLeaves(plan).filter((p) => !p.startsWith('units.'));
        expect(leaves).toEqual(
            expect.arrayContaining(['revenueMde.absolute', 'forecast.neutral.absoluteUplift']),
        );
        expect(leaves.filter((p) => unitOf(p, plan.units) === null)).toEqual([]);
        expect(unitOf('revenueMde.absolute', plan.units)).toMatch(/minor currency units/);
    });
});
