import { describe, expect, it } from 'vitest';
import type { ChainView } from '../../../api/chain-types';
import { chainValues, designOf, fieldOf, newChainValues, newStep } from './chain-form';

/** The shipped second-purchase chain as `GET /chains/:id` answers it. */
const SAVED: ChainView = {
    id: 2,
    key: 'second-purchase',
    name: 'Second purchase',
    trigger: { type: 'first-purchase' },
    steps: [
        { id: 'wait-14d', type: 'wait', hours: 336, until: 'purchase' },
        { id: 'bought', type: 'branch', condition: 'bought', withinHours: 336, then: 'end' },
        { id: 'offer', type: 'send', kind: 'second-purchase', channels: ['push', 'sms'], deadlineHours: 48 },
        { id: 'bonus', type: 'grant', bonus: 10_000, lifetimeDays: 14 },
        { id: 'end', type: 'exit' },
    ],
    goal: 'purchase',
    goalWindowDays: 30,
    stopOn: ['unsubscribed'],
    reentry: { rule: 'every', days: 60 },
    priority: 40,
    holdoutBp: 1250,
    budgetCap: 5_000_000,
    status: 'active',
    version: 3,
    traffic: 'marketing',
    budgetReachedAt: null,
    createdAt: '2026-12-01T00:00:00.000Z',
    updatedAt: '2026-12-01T00:00:00.000Z',
    activatedAt: '2026-12-01T00:00:00.000Z',
};

describe('chain design form', () => {
    it('reads a saved chain and gives back the same design (money in currency units, holdout in percent)', () => {
        const values = chainValues(SAVED, 2);
        expect(values.steps[3].bonus).toBe(100);
        expect(values.budgetCap).toBe(50_000);
        expect(values.holdoutPct).toBe(12.5);
        expect(values.steps[1].otherwise).toBeNull();
        const { id: _id, status: _s, version: _v, traffic: _t, budgetReachedAt: _b, ...design } = SAVED;
        const { createdAt: _c, updatedAt: _u, activatedAt: _a, ...expected } = design;
        expect(designOf(values, 2)).toEqual(expected);
    });

    it('leaves an empty required input out, so the API names it at its path', () => {
        const values = newChainValues();
        values.key = 'x';
        values.name = 'X';
        values.steps = [...values.steps, newStep('wait', ['hello', 'end'])];
        values.triggerType = 'bonuses-burning';
        values.daysBefore = '';
        const design = designOf(values, 2);
        expect(design.steps[2]).toEqual({ id: 'wait-1', type: 'wait' });
        expect(design.trigger).toEqual({ type: 'bonuses-burning' });
        expect(design.budgetCap).toBeNull();
        expect(design.goal).toBe('purchase');
    });

    it('puts the API error paths at the form inputs', () => {
        expect(fieldOf('steps[2].hours')).toBe('steps.2.hours');
        expect(fieldOf('steps[0].channels[1]')).toBe('steps.0.channels');
        expect(fieldOf('steps[3]')).toBe('steps.3');
        expect(fieldOf('steps[3].type')).toBe('steps.3');
        expect(fieldOf('trigger.audience.segmentId')).toBe('segmentId');
        expect(fieldOf('holdoutBp')).toBe('holdoutPct');
        expect(fieldOf('reentry.days')).toBe('reentryDays');
        expect(fieldOf('budgetCap')).toBe('budgetCap');
        expect(fieldOf('version')).toBeNull();
    });

    it('numbers a new step past the ids taken', () => {
        expect(newStep('send', ['send-1', 'send-2']).id).toBe('send-3');
        expect(newStep('grant', []).lifetimeDays).toBe(14);
    });
});
