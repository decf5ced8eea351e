import type { CampaignDesign } from '../../plugin/modules/campaigns/services/campaign-design.js';
import type { TestClock, TestRefill } from './test-refill.js';

/** A campaign design the tests vary. */
export function testDesign(over: Partial<CampaignDesign> = {}): CampaignDesign {
    return {
        code: 'WINBACK-C09',
        name: 'Win back antihypertensives',
        categoryCode: 'C09',
        audience: 'lapsed',
        lapseKPct: 150,
        controlSharePct: 50,
        allowZeroControl: false,
        offer: { kind: 'multiplier', multiplier: 5, validDays: 14, bonusLifetimeDays: 30 },
        settlementLagDays: 3,
        cooldownDays: 60,
        dailyCap: null,
        channels: ['sms', 'email'],
        filters: {},
        marginPct: 30,
        redemptionPct: 100,
        runHour: 0,
        startsAt: null,
        endsAt: null,
        ...over,
    };
}

/** Commits one C09 purchase (Losartan, 450.00) at the clock's time through the in-process hook. */
export function buyC09(t: TestRefill, clock: TestClock, card: string, receipt: string) {
    return t.refill.hooks.commitPurchase({
        receiptId: receipt,
        cardNumber: card,
        storeCode: 'S1',
        purchasedAt: clock.fn().toISOString(),
        lines: [{ sku: 'LOSARTAN-50', name: 'Losartan', quantity: 1, amount: 45000 }],
    } as never);
}

/**
 * Builds lapsed C09 buyers over 250 simulated days: `monthly` cards that
 * bought three times a month apart and stopped (lapsed at the end), a
 * 90-day buyer still within their rhythm (8000001), a test card (8000002)
 * and a card without SMS consent (8000003). Returns the monthly cards.
 */
export async function seedLapsedBuyers(t: TestRefill, clock: TestClock, monthly = 40): Promise<string[]> {
    const { customers } = t.internals.services;
    const cards = Array.from({ length: monthly }, (_, i) => `70${String(i).padStart(5, '0')}`);
    for (const card of [...cards, '8000001', '8000002', '8000003'])
        await customers.upsert(
            card,
            {
                phone: card === '8000003' ? null : `+7900${card}`,
                consents: { sms: { granted: card !== '8000003' } },
            },
            { source: 'test', storeId: null },
        );
    await customers.setCardKind('8000002', 'test', 'tester');
    for (let month = 0; month < 3; month++) {
        for (const card of [...cards, '8000002', '8000003'])
            await buyC09(t, clock, card, `R-${card}-${month}`);
        if (month === 0) await buyC09(t, clock, '8000001', `R-8000001-0`);
        clock.advanceDays(30);
    }
    await buyC09(t, clock, '8000001', 'R-8000001-1');
    clock.advanceDays(90);
    await buyC09(t, clock, '8000001', 'R-8000001-2');
    clock.advanceDays(70);
    return cards;
}
