import { describe, expect, it } from 'vitest';
import type { CampaignView } from '../../../api/campaigns';
import { designOf, estimateDesignOf, fieldOf, NEW_DESIGN, validSenderName, valuesOf } from './design-form';
import { warningMessage } from './plan-warnings';

describe('campaign design form', () => {
    const values = {
        ...NEW_DESIGN,
        code: ' WB-1 ',
        name: 'Win back',
        categoryCode: 'C09',
        giftAmount: 150,
        minAmount: 500 as number | '',
        steps: [
            { channel: 'push' as const, waitHours: 4 },
            { channel: 'sms' as const, waitHours: 24 },
        ],
        expectedConversionPct: 10 as number | '',
    };

    it('turns the form into the API’s design: minor units, minutes, channels in cascade order', () => {
        const design = designOf(values, 2);
        expect(design).toMatchObject({
            code: 'WB-1',
            audience: 'lapsed',
            offer: { kind: 'gift', giftAmount: 15000, minAmount: 50000, validDays: 14 },
            channels: ['push', 'sms'],
            cascade: {
                steps: [
                    { channel: 'push', waitMinutes: 240 },
                    { channel: 'sms', waitMinutes: 1440 },
                ],
            },
            expected: { conversionPct: 10, upliftPct: undefined },
            dailyCap: null,
        });
        expect(design.filters).toEqual({
            minAverageReceipt: undefined,
            minRevenue12m: undefined,
            minPurchaseCount: undefined,
        });
        expect(designOf({ ...values, offerKind: 'multiplier', multiplier: 4 }, 2).offer).toEqual({
            kind: 'multiplier',
            multiplier: 4,
            validDays: 14,
            bonusLifetimeDays: 30,
        });
    });

    it('reads a saved campaign back into the same form', () => {
        const design = designOf({ ...values, regular: true }, 2);
        const view = {
            ...design,
            id: 7,
            status: 'draft',
            sends: { killed: false, testCards: null },
        } as CampaignView;
        const back = valuesOf(view, 2);
        expect(back).toMatchObject({
            giftAmount: 150,
            minAmount: 500,
            regular: true,
            expectedConversionPct: 10,
        });
        expect(back.steps).toEqual(values.steps);
    });

    it('estimates only a design with a category and a channel, standing in for a missing code and name', () => {
        expect(estimateDesignOf({ ...values, categoryCode: '' }, 2)).toBeNull();
        expect(estimateDesignOf({ ...values, steps: [] }, 2)).toBeNull();
        expect(estimateDesignOf({ ...values, code: '', name: '' }, 2)).toMatchObject({
            code: 'ESTIMATE',
            name: 'estimate',
        });
    });

    it('puts the API’s field paths on the form’s fields', () => {
        expect(fieldOf('offer.giftAmount')).toBe('giftAmount');
        expect(fieldOf('offer.kind')).toBe('offerKind');
        expect(fieldOf('controlSharePct')).toBe('controlSharePct');
        expect(fieldOf('cascade.steps[1].waitMinutes')).toBe('steps.1.waitHours');
        expect(fieldOf('channels[0]')).toBe('steps');
        expect(fieldOf('filters.regular.activeDays')).toBe('regularActiveDays');
        expect(fieldOf('expected.dailySize')).toBe('expectedDailySize');
        expect(fieldOf('allowZeroControl')).toBeNull();
    });

    it('says the plan’s known warnings in the user’s words', () => {
        expect(
            warningMessage(
                'The expected uplift (5 pp) is below the minimum detectable effect (5.72 pp): raise the control share or the size',
            ),
        ).toEqual({ id: 'campaigns.warning.belowMde', values: { uplift: '5', mde: '5.72' } });
        expect(warningMessage('Something new')).toBeNull();
    });

    it('sends the budget cap in minor units and the sender name trimmed; empty means none', () => {
        expect(designOf(values, 2)).toMatchObject({ budgetCap: null, senderName: null });
        const capped = designOf({ ...values, budgetCap: 1500.5, senderName: ' Apteka ' }, 2);
        expect(capped).toMatchObject({ budgetCap: 150050, senderName: 'Apteka' });
        const back = valuesOf(
            {
                ...capped,
                id: 1,
                status: 'active',
                sends: { killed: false, testCards: null },
                budget: { cap: 150050, reachedAt: null },
            },
            2,
        );
        expect(back).toMatchObject({ budgetCap: 1500.5, senderName: 'Apteka' });
        expect(fieldOf('budgetCap')).toBe('budgetCap');
        expect(fieldOf('senderName')).toBe('senderName');
    });

    it('takes the sender names the API takes', () => {
        for (const ok of ['', 'Apteka', 'APTEKA24.RU', 'news@apteka.ru', 'Аптека <news@apteka.ru>'])
            expect(validSenderName(ok), ok).toBe(true);
        for (const bad of ['Аптека', 'TwelveLetter', '-Apteka', 'a@b', 'x <y>'])
            expect(validSenderName(bad), bad).toBe(false);
    });
});
