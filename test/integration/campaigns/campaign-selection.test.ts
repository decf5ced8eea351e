import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../helpers/test-database.js';
import { startTestRefill, TestClock, type TestRefill } from '../../helpers/test-refill.js';
import { buyC09, seedLapsedBuyers, testDesign } from '../../helpers/campaign-fixtures.js';

describe.each(engines)('campaign selection on %s', (engine) => {
    let t: TestRefill;
    const clock = new TestClock(new Date('2026-01-01T08:00:00.000Z'));
    const buy = (card: string, receipt: string) => buyC09(t, clock, card, receipt);

    beforeAll(async () => {
        t = await startTestRefill(engine, 'campaign_selection', { clock: clock.fn });
        await seedLapsedBuyers(t, clock);
    });
    afterAll(async () => t?.close());

    it('dry-runs the segment with reach and reasons, writing nothing', async () => {
        const campaigns = t.internals.services.campaigns;
        const c = await campaigns.create(testDesign(), 'marketer');
        const dry = await t.internals.services.campaignSelection.dryRun(c.id);
        expect(dry.eligible).toBe(40);
        expect(dry.reachable).toEqual({ sms: 40, email: 0 });
        expect(dry.exclusions).toMatchObject({ test_card: 1, no_channel: 1, within_rhythm: 1 });
        const plan = await t.internals.services.campaignPlanning.plan(c.id);
        expect(plan.plannedSize.total).toBe(40);
        expect(plan.mde?.absolute).toBeGreaterThan(0);
    });

    it('assigns each customer once, offers only the test group, and a re-run changes nothing', async () => {
        const { campaigns, campaignSelection: selection } = t.internals.services;
        const [c] = await campaigns.list();
        await campaigns.launch(c.id, 'marketer');
        const day = selection.localDay(clock.fn());
        const [part] = await selection.plan();
        const first = await selection.runPart(c.id, day, part);
        expect(first.assigned.test + first.assigned.control).toBe(40);
        expect(first.assigned.test).toBeGreaterThan(5);
        expect(first.assigned.control).toBeGreaterThan(5);
        const again = await selection.runPart(c.id, day, part);
        expect(again.assigned).toEqual({ test: 0, control: 0 });
        expect(again.alreadyMembers).toBe(40);
        const [offers] = await t.internals.database.all<{ n: unknown }>(
            'SELECT COUNT(*) AS n FROM refill_offers WHERE campaign_id = ?',
            [c.id],
        );
        expect(Number(offers.n)).toBe(first.assigned.test);
    });

    it('applies the offer at the till and the report counts it for the test group', async () => {
        const { campaigns, campaignReports } = t.internals.services;
        const [c] = await campaigns.list();
        const members = await t.internals.database.all<{ customer_id: unknown; group_name: string }>(
            'SELECT customer_id, group_name FROM refill_campaign_members WHERE campaign_id = ? ORDER BY customer_id',
            [c.id],
        );
        const test = members.find((m) => m.group_name === 'test')!;
        const control = members.find((m) => m.group_name === 'control')!;
        const card = async (id: unknown) =>
            String(
                (
                    await t.internals.database.all<{ card_number: string }>(
                        'SELECT card_number FROM refill_customers WHERE id = ?',
                        [id],
                    )
                )[0].card_number,
            );
        clock.advanceDays(2);
        const preview = await t.refill.hooks.preview({
            cardNumber: await card(test.customer_id),
            lines: [{ sku: 'LOSARTAN-50', name: 'Losartan', quantity: 1, amount: 45000 }],
        } as never);
        expect(preview.offers).toEqual([expect.objectContaining({ kind: 'multiplier', earned: 1350 * 4 })]);
        const receipt = await buy(await card(test.customer_id), 'R-back-test');
        expect(receipt.offers).toHaveLength(1);
        expect(receipt.offers[0].earned).toBe(1350 * 4);
        const plain = await buy(await card(control.customer_id), 'R-back-control');
        expect(plain.offers).toHaveLength(0);
        clock.advanceDays(20);
        const report = await campaignReports.report(c.id);
        expect(report.health.maturity).toBe(1);
        expect(report.sample.test + report.sample.control).toBe(40);
        expect(report.results.conversion).not.toBeNull();
        expect(report.results.conversion!.test.mean * report.sample.test).toBeCloseTo(1);
        expect(report.results.conversion!.control.mean * report.sample.control).toBeCloseTo(1);
        expect(report.money?.offerBonusesIssued).toBe(1350 * 4);
    });
});
