import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportRecord } from '../../../plugin/modules/import/history-import.types.js';
import { testDesign } from '../../helpers/campaign-fixtures.js';
import { engines } from '../../helpers/test-database.js';
import { startTestRefill, TestClock, type TestRefill } from '../../helpers/test-refill.js';

const DAY = 86_400_000;

/**
 * Buyers of a 45-day category (no threshold of its own: the rule's default is
 * 90 days) on whom a second rule disagrees: 8 monthly buyers who stopped 100
 * days ago (lapsed), 10 on the category's rhythm who stopped 70 days ago
 * (not yet), 4 with one purchase, 3 on a 90-day rhythm 100 days ago (within
 * their rhythm), and 2 monthly buyers whose last purchase was 90 UTC days ago
 * at 22:30 UTC, which is 89 days ago in Moscow.
 */
function history(now: Date): ImportRecord[] {
    const at = (daysAgo: number, hourUtc = 9) =>
        new Date(Math.floor(now.getTime() / DAY - daysAgo) * DAY + hourUtc * 3_600_000);
    const groups: Array<{ n: number; days: number[]; hour?: number }> = [
        { n: 8, days: [100, 130, 160, 190] },
        { n: 10, days: [70, 115, 160, 205] },
        { n: 4, days: [100] },
        { n: 3, days: [100, 190, 280] },
        { n: 2, days: [90, 120, 150, 180], hour: 22.5 },
    ];
    const records: ImportRecord[] = [];
    let card = 4_000_000;
    for (const g of groups)
        for (let i = 0; i < g.n; i++) {
            const cardNumber = String(++card);
            records.push({
                type: 'customer',
                cardNumber,
                phone: `+7916${cardNumber}`,
                consents: { sms: { granted: true, at: at(400) } },
            });
            for (const d of g.days)
                records.push({
                    type: 'receipt',
                    receiptId: `L-${cardNumber}-${d}`,
                    cardNumber,
                    storeCode: 'S1',
                    purchasedAt: at(d, g.hour),
                    lines: [{ sku: 'STAT-1', name: 'Statin', atc: 'C10AA01', quantity: 1, amount: 20_000 }],
                });
        }
    return records;
}

describe.each(engines)('one lapse rule on %s', (engine) => {
    let t: TestRefill;
    const clock = new TestClock(new Date('2026-03-01T07:00:00.000Z'));

    beforeAll(async () => {
        t = await startTestRefill(engine, 'lapse_rule', { clock: clock.fn });
        await t.internals.services.categories.upsert(
            { code: 'C10', name: 'Statins', atcPrefixes: ['C10'], chronic: true, refillIntervalDays: 45 },
            'test',
        );
        await t.internals.services.history.importRecords(history(clock.fn()));
    });
    afterAll(async () => t?.close());

    it("the category's lapsed buyers today are the customers the daily selection finds lapsed", async () => {
        const { categories, campaigns, campaignSelection } = t.internals.services;
        const c = await campaigns.create(
            testDesign({ code: 'WB-C10', categoryCode: 'C10', channels: ['sms'] }),
            'marketer',
        );
        const dry = await campaignSelection.dryRun(c.id);
        const rejectedByRule =
            (dry.exclusions.too_few_purchases ?? 0) +
            (dry.exclusions.within_threshold ?? 0) +
            (dry.exclusions.within_rhythm ?? 0);
        const lapsedBySelection = dry.candidates - rejectedByRule;
        expect(dry.lapsed).toBe(lapsedBySelection);
        expect(lapsedBySelection).toBe(8);
        expect(dry.eligible).toBe(8);
        const [c10] = (await categories.list()).filter((x) => x.code === 'C10');
        expect(c10.reach).toMatchObject({ buyers: 27, lapsedBuyers: lapsedBySelection });
    });
});
