import { describe, expect, it } from 'vitest';
import { MS_PER_DAY, MS_PER_HOUR } from '../../../../plugin/kernel/units/time.js';
import { assignGroup } from '../../../../plugin/modules/campaigns/index.js';
import type { ChainStep } from '../../../../plugin/modules/chains/index.js';
import { chainGroup, chainSeed } from '../../../../plugin/modules/chains/rules/chain-assignment.rules.js';
import { entryKey, mayEnter, underCap } from '../../../../plugin/modules/chains/rules/chain-reentry.rules.js';
import {
    branchTarget,
    branchWindow,
    firstStep,
    nextStep,
    sendsMarketing,
    stepById,
    waitEnds,
} from '../../../../plugin/modules/chains/rules/chain-walk.rules.js';

const steps: ChainStep[] = [
    { id: 'a', type: 'send', kind: 'welcome' },
    { id: 'b', type: 'branch', condition: 'bought', then: 'd', otherwise: 'nowhere' },
    { id: 'c', type: 'wait', hours: 48, until: 'purchase' },
    { id: 'd', type: 'grant', bonus: 100, lifetimeDays: 7 },
];
const now = new Date('2026-03-02T07:00:00.000Z');

describe('the chain walk', () => {
    it('starts at the first step and moves down the list, ending after the last', () => {
        expect(firstStep(steps)?.id).toBe('a');
        expect(firstStep([])).toBeNull();
        expect(nextStep(steps, steps[0])?.id).toBe('b');
        expect(nextStep(steps, steps[3])).toBeNull();
    });

    it('follows a branch target, and the next step when the target is missing', () => {
        const branch = steps[1] as Extract<ChainStep, { type: 'branch' }>;
        expect(nextStep(steps, branch, branchTarget(branch, true))?.id).toBe('d');
        expect(nextStep(steps, branch, branchTarget(branch, false))?.id).toBe('c');
        expect(stepById(steps, 'zz')).toBeNull();
    });

    it('ends a wait after its hours and bounds a branch window by withinHours', () => {
        expect(waitEnds(steps[2] as Extract<ChainStep, { type: 'wait' }>, now).getTime()).toBe(
            now.getTime() + 48 * MS_PER_HOUR,
        );
        const since = new Date(now.getTime() - 10 * MS_PER_HOUR);
        const open = { id: 'x', type: 'branch', condition: 'bought' } as const;
        expect(branchWindow(open, since, now)).toEqual({ from: since, to: now });
        expect(branchWindow({ ...open, withinHours: 2 }, since, now).to.getTime()).toBe(
            since.getTime() + 2 * MS_PER_HOUR,
        );
    });

    it('knows which designs send marketing traffic', () => {
        expect(sendsMarketing({ steps })).toBe(false);
        expect(sendsMarketing({ steps: [{ id: 'm', type: 'send', kind: 'offer-expiry' }] })).toBe(true);
    });
});

describe('re-entry and the cap', () => {
    const day = (n: number) => new Date(now.getTime() - n * MS_PER_DAY);
    it('lets a customer in once ever, every N days, or always, never beside an open run', () => {
        expect(mayEnter({ rule: 'once' }, { lastEnteredAt: null, open: false }, now)).toBe(true);
        expect(mayEnter({ rule: 'once' }, { lastEnteredAt: day(400), open: false }, now)).toBe(false);
        expect(mayEnter({ rule: 'every', days: 30 }, { lastEnteredAt: day(29), open: false }, now)).toBe(
            false,
        );
        expect(mayEnter({ rule: 'every', days: 30 }, { lastEnteredAt: day(30), open: false }, now)).toBe(
            true,
        );
        expect(mayEnter({ rule: 'always' }, { lastEnteredAt: day(0), open: false }, now)).toBe(true);
        expect(mayEnter({ rule: 'always' }, { lastEnteredAt: day(0), open: true }, now)).toBe(false);
    });

    it('keys an entry by chain, customer and occurrence, and counts the cap strictly', () => {
        expect(entryKey(12, 345, '2026-12-06')).toBe('12:345:2026-12-06');
        expect(entryKey(1, 2, 'x'.repeat(200))).toHaveLength(96);
        expect(underCap(1, 2)).toBe(true);
        expect(underCap(2, 2)).toBe(false);
    });
});

describe('holdout assignment', () => {
    it('hashes (chain seed, customer) with the campaigns’ rule, stable and share-true', () => {
        expect(chainSeed(7)).toBe('chain:7');
        for (let id = 1; id < 50; id++)
            expect(chainGroup(7, id, 1000)).toBe(
                assignGroup('chain:7', id, 1000) === 'control' ? 'holdout' : 'test',
            );
        const holdouts = Array.from({ length: 20_000 }, (_, i) => chainGroup(3, i + 1, 1000)).filter(
            (g) => g === 'holdout',
        ).length;
        expect(holdouts / 20_000).toBeGreaterThan(0.09);
        expect(holdouts / 20_000).toBeLessThan(0.11);
        expect(chainGroup(3, 5, 0)).toBe('test');
        expect(chainGroup(3, 5, 10_000)).toBe('holdout');
    });
});
