import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CampaignReport } from '../../../plugin/modules/campaigns/services/campaign-report.service.js';
import { unitOf } from '../../../plugin/modules/campaigns/services/campaign-report.units.js';
import { buyC09, seedLapsedBuyers, testDesign } from '../../helpers/campaign-fixtures.js';
import { engines } from '../../helpers/test-database.js';
import { startTestRefill, TestClock, type TestRefill } from '../../helpers/test-refill.js';

const DAY_MS = 86_400_000;

/** Every numeric leaf of a JSON value with its dotted path (array indexes as numbers). */
function numericLeaves(value: unknown, path: string[] = []): string[] {
    if (typeof value === 'number') return [path.join('.')];
    if (value === null || typeof value !== 'object') return [];
    return Object.entries(value).flatMap(([k, v]) => numericLeaves(v, [...path, k]));
}

/*
 * One campaign of the seeded lapsed C09 buyers, assigned over two days (a
 * daily cap of 20) and reported a day before the second day's windows
 * close, then after. Members buy through the till with their offer, one
 * returns the purchase; message rows stand for what the sender recorded.
 */
describe.each(engines)('campaign report on %s', (engine) => {
    let t: TestRefill;
    const clock = new TestClock(new Date('2026-01-01T08:00:00.000Z'));
    let campaignId: number;
    let start: number;
    const cohort: Record<'A' | 'B', { test: string[]; control: string[] }> = {
        A: { test: [], control: [] },
        B: { test: [], control: [] },
    };

    const report = () => t.internals.services.campaignReports.report(campaignId);
    const addMessage = (card: string, key: string, channel: string, status: string, cost: number) =>
        t.internals.database.run(
            `INSERT INTO refill_messages (message_key, customer_id, campaign_id, kind, step, channel, traffic, status, segments, cost, created_at)
             SELECT ?, id, ?, 'lapse-offer', 0, ?, 'marketing', ?, 1, ?, ? FROM refill_customers WHERE card_number = ?`,
            [
                key,
                campaignId,
                channel,
                status,
                cost,
                clock.fn().toISOString().replace('T', ' ').slice(0, 23),
                card,
            ],
        );

    beforeAll(async () => {
        t = await startTestRefill(engine, 'campaign_report', {
            clock: clock.fn,
            messaging: { guard: { maxRecipients: 5 } },
        } as never);
        await seedLapsedBuyers(t, clock);
        // The category's own margin (28%) differs from the campaign's (30%): the report must use one.
        await t.internals.services.catalog.upsertCategories([
            {
                code: 'C09',
                name: 'Antihypertensives (RAS)',
                atcPrefixes: ['C09'],
                chronic: true,
                refillIntervalDays: 30,
                lapseAfterDays: 60,
                minPurchases: 3,
                marginBp: 2800,
            },
        ]);
        const { campaigns, campaignSelection: selection } = t.internals.services;
        const c = await campaigns.create(testDesign({ dailyCap: 20, controlSharePct: 50 }), 'marketer');
        campaignId = c.id;
        // A fixed salt (instead of the random one) makes the groups repeatable.
        await t.internals.database.run('UPDATE refill_campaigns SET salt = ? WHERE id = ?', [
            'report-test',
            c.id,
        ]);
        await campaigns.launch(c.id, 'marketer');
        start = clock.now.getTime();
        for (const label of ['A', 'B', null] as const) {
            const day = selection.localDay(clock.fn());
            for (const part of await selection.plan()) await selection.runPart(c.id, day, part);
            if (label) {
                const members = await t.internals.database.all<{ card_number: string; group_name: string }>(
                    `SELECT c.card_number, m.group_name FROM refill_campaign_members m JOIN refill_customers c ON c.id = m.customer_id
                     WHERE m.campaign_id = ? AND m.assignment_day = ? ORDER BY c.card_number`,
                    [c.id, day],
                );
                for (const m of members)
                    cohort[label][m.group_name as 'test' | 'control'].push(m.card_number);
            }
            clock.advanceDays(1);
        }
        // Day 3: two test members of the first cohort buy with the offer, one of them returns it the
        // next day; a control member buys too. Day 4: a test member of the second cohort buys.
        await buyC09(t, clock, cohort.A.test[0], 'R-A-test-0');
        await buyC09(t, clock, cohort.A.test[1], 'R-A-test-1');
        await buyC09(t, clock, cohort.A.control[0], 'R-A-control-0');
        await addMessage(cohort.A.test[1], 'k-a1', 'sms', 'delivered', 300);
        await addMessage(cohort.A.test[2], 'k-a2', 'sms', 'failed', 0);
        await addMessage(cohort.A.test[3], 'k-a3', 'email', 'held', 0);
        clock.advanceDays(1);
        await t.refill.hooks.recordReturn('R-A-test-0', {
            returnId: 'RET-A-test-0',
            storeCode: 'S1',
            lines: [{ sku: 'LOSARTAN-50', quantity: 1 }],
        });
        await buyC09(t, clock, cohort.B.test[0], 'R-B-test-0');
        await addMessage(cohort.B.test[0], 'k-b0', 'sms', 'sent', 700);
        await t.internals.services.sendGuard.tick();
    }, 120_000);
    afterAll(async () => t?.close());

    it('interim money counts bonus and message cost over the same mature members as the margin', async () => {
        // The first cohort's windows (14 + 3 days) have closed, the second's not yet.
        clock.now = new Date(start + 17 * DAY_MS + 3_600_000);
        const r = await report();
        expect(r.sample.matureTest + r.sample.matureControl).toBe(20);
        expect(r.money!.members).toEqual({ test: r.sample.matureTest, control: r.sample.matureControl });
        expect(r.money!.members.test).toBe(cohort.A.test.length);
        // Of the mature test members' offer bonuses (2 × 5,400), the returned one is taken back.
        expect(r.money!.offerBonusesIssued).toBe(2 * 5400);
        expect(r.money!.bonusCost).toBe(5400);
        expect(r.money!.messageCost).toBe(300);
        expect(r.provisionalMoney!.members).toEqual({ test: r.sample.test, control: r.sample.control });
        expect(r.provisionalMoney!.bonusCost).toBe(2 * 5400);
        expect(r.provisionalMoney!.messageCost).toBe(1000);
        expect(r.health.warnings.join(' ')).toMatch(/still inside its window/);
    });

    it('bonus cost is net of offer bonuses reversed by returns', async () => {
        clock.now = new Date(start + 20 * DAY_MS);
        const r = await report();
        expect(r.health.maturity).toBe(1);
        expect(r.money).toMatchObject({
            offerBonusesIssued: 3 * 5400,
            offerBonusesReversed: 5400,
            offerBonusesKept: 2 * 5400,
            bonusCost: 2 * 5400,
            messageCost: 1000,
        });
        expect(r.money!.campaignCost).toBe(2 * 5400 + 1000);
        // Revenue is net of the same return: the returned purchase's member did not convert into revenue.
        expect(r.results.revenuePerCustomer!.test.mean * r.sample.test).toBe(2 * 45000);
    });

    it('exclusions count distinct customers, and customer-days separately', async () => {
        const r = await report();
        // Three runs excluded the test card, the card without consent and the 90-day buyer each day;
        // the daily cap held back 20 customers on the first day, all assigned the next.
        expect(r.sample.excluded).toEqual({ daily_cap: 20, no_channel: 1, test_card: 1, within_rhythm: 1 });
        expect(r.sample.excludedCustomerDays).toEqual({
            daily_cap: 20,
            no_channel: 3,
            test_card: 3,
            within_rhythm: 3,
        });
        expect(r.sample.excludedCustomers).toBe(23);
        expect(r.sample.excludedLaterAssigned).toBe(20);
        expect(r.sample.days.map((d) => d.exclusions.within_rhythm)).toEqual([1, 1, 1]);
    });

    it('the report shows the margin the money used and where it came from', async () => {
        const r = await report();
        expect(r.money!.margin).toEqual({ rate: 0.28, source: 'category', categoryCode: 'C09' });
        expect(r.design.margin).toEqual(r.money!.margin);
        expect(r.money!.incrementalMargin.estimate).toBeCloseTo(
            0.28 * r.money!.incrementalRevenue.estimate,
            6,
        );
    });

    it('the report has per-day and cumulative assigned, converters, conversion and revenue per group, with the cumulative uplift and its 95% interval', async () => {
        const r = await report();
        expect(r.series.map((p) => p.day)).toEqual(
            r.sample.days.filter((d) => d.test + d.control).map((d) => d.day),
        );
        const [a, b] = r.series;
        expect(a.test).toMatchObject({ assigned: cohort.A.test.length, converters: 2, revenue: 45000 });
        expect(a.control).toMatchObject({ assigned: cohort.A.control.length, converters: 1, revenue: 45000 });
        expect(a.test.conversion).toBeCloseTo(2 / cohort.A.test.length, 12);
        expect(b.test).toMatchObject({ converters: 1, revenue: 45000 });
        expect(b.cumulative.test).toMatchObject({ assigned: r.sample.test, converters: 3, revenue: 90000 });
        expect(b.cumulative.conversionUplift!.estimate).toBeCloseTo(
            r.provisional.conversion!.absolute.estimate,
            12,
        );
        expect(b.cumulative.conversionUplift!.ciLow).toBeCloseTo(
            r.provisional.conversion!.absolute.ciLow!,
            12,
        );
        expect(b.cumulative.revenueUplift!.ciHigh).toBeCloseTo(
            r.provisional.revenuePerCustomer!.absolute.ciHigh!,
            8,
        );
    });

    it('the report shows sends waiting for approval, and sent, delivered, failed and held per channel with their cost', async () => {
        const r = await report();
        const { awaitingApproval, channels, total } = r.messaging;
        expect(awaitingApproval.runs.map((run) => run.day)).toEqual(
            r.sample.days.filter((d) => d.test > 0).map((d) => d.day),
        );
        // Every test member's reminder waits, but the three whose purchase stopped theirs.
        expect(r.messaging.reminders).toEqual({ gated: r.sample.test - 3, stopped: 3 });
        expect(awaitingApproval.recipients).toBe(r.sample.test - 3);
        expect(awaitingApproval.waiting).toBe(r.sample.test - 3);
        expect(channels.find((c) => c.channel === 'sms')).toMatchObject({
            sent: 2,
            delivered: 1,
            failed: 1,
            held: 0,
            cost: 1000,
        });
        expect(channels.find((c) => c.channel === 'email')).toMatchObject({ sent: 0, held: 1, cost: 0 });
        expect(total).toMatchObject({ sent: 2, delivered: 1, failed: 1, held: 1, cost: 1000 });
        // A message a sending run claimed but never handed over counts apart, as waiting to go.
        await addMessage(cohort.B.test[1], 'k-b1', 'sms', 'claimed', 0);
        expect((await report()).messaging.total).toMatchObject({ claimed: 1, sending: 0, sent: 2 });
        expect(r.health.warnings.join(' ')).toMatch(
            new RegExp(`${r.sample.test - 3} recipients .* wait for approval`),
        );
    });

    it('every figure in the report JSON names its unit in the units block', async () => {
        const r: CampaignReport = JSON.parse(JSON.stringify(await report()));
        const leaves = numericLeaves(r).filter((p) => !p.startsWith('units.'));
        expect(leaves.length).toBeGreaterThan(200);
        expect(leaves.filter((p) => unitOf(p, r.units) === null)).toEqual([]);
        expect(unitOf('health.srm.chiSquared', r.units)).toMatch(/χ²/);
        expect(unitOf('money.bonusCost', r.units)).toMatch(/minor currency units/);
        expect(unitOf('results.conversion.test.mean', r.units)).toMatch(/fraction/);
        expect(unitOf('money.romi.estimate', r.units)).toMatch(/ratio/);
    });
});
