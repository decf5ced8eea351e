import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../helpers/test-database.js';
import { startTestRefill, TestClock, type TestRefill } from '../../helpers/test-refill.js';
import { seedLapsedBuyers, testDesign } from '../../helpers/campaign-fixtures.js';

describe.each(engines)('campaign selection and blocked cards on %s', (engine) => {
    let t: TestRefill;
    let cards: string[];
    const clock = new TestClock(new Date('2026-01-01T08:00:00.000Z'));

    beforeAll(async () => {
        t = await startTestRefill(engine, 'campaign_blocked', { clock: clock.fn });
        cards = await seedLapsedBuyers(t, clock, 10);
    });
    afterAll(async () => t?.close());

    it('leaves cards blocked at the store desk out of the candidates, and takes them back once unblocked', async () => {
        const { campaigns, campaignSelection, customerDesk } = t.internals.services;
        const c = await campaigns.create(testDesign(), 'marketer');
        expect((await campaignSelection.dryRun(c.id)).eligible).toBe(10);
        await customerDesk.block(cards[0], 'card sharing', 'manager');
        await customerDesk.block(cards[1], 'card sharing', 'manager');
        expect((await campaignSelection.dryRun(c.id)).eligible).toBe(8);
        await customerDesk.unblock(cards[1], 'checked', 'manager');
        expect((await campaignSelection.dryRun(c.id)).eligible).toBe(9);
    });
});
