import { describe, expect, it } from 'vitest';
import type { ChainDesign, ChainStep } from '../../../../plugin/modules/chains/index.js';
import type { ChainDesignContext } from '../../../../plugin/modules/chains/rules/chain-design.rules.js';
import {
    chainSendKinds,
    chainTraffic,
    checkChainDesign,
} from '../../../../plugin/modules/chains/rules/chain-design.rules.js';

const context: ChainDesignContext = { categoryIds: new Set([1, 2]), segmentIds: new Set([7]) };

function design(steps: ChainStep[], overrides: Partial<ChainDesign> = {}): ChainDesign {
    return {
        key: 'k',
        name: 'K',
        trigger: { type: 'enrolled' },
        steps,
        goal: 'purchase',
        goalWindowDays: 30,
        stopOn: [],
        reentry: { rule: 'once' },
        priority: 100,
        holdoutBp: 1000,
        budgetCap: null,
        ...overrides,
    };
}

const paths = (d: ChainDesign, ctx = context) => checkChainDesign(d, ctx).map((p) => p.path);
const rules = (d: ChainDesign, ctx = context) => checkChainDesign(d, ctx).map((p) => p.rule);

describe('chain design checks', () => {
    it('accepts a sound design', () => {
        const d = design([
            { id: 'send', type: 'send', kind: 'welcome' },
            { id: 'wait', type: 'wait', hours: 24 },
            { id: 'opened', type: 'branch', condition: 'opened', then: 'end', otherwise: 'send' },
            { id: 'end', type: 'exit' },
        ]);
        expect(checkChainDesign(d, context)).toEqual([]);
    });

    it('wants at least one step', () => {
        expect(paths(design([]))).toEqual(['steps']);
    });

    it('names a step id used twice at its second use', () => {
        const d = design([
            { id: 'a', type: 'wait', hours: 1 },
            { id: 'b', type: 'wait', hours: 1 },
            { id: 'a', type: 'exit' },
        ]);
        expect(paths(d)).toEqual(['steps[2].id']);
        expect(rules(d)).toEqual(['steps.duplicate_id']);
    });

    it('names branch targets that no step has', () => {
        const d = design([
            { id: 'w', type: 'wait', hours: 1 },
            { id: 'b', type: 'branch', condition: 'bought', then: 'nope', otherwise: 'gone' },
        ]);
        expect(paths(d)).toEqual(['steps[1].then', 'steps[1].otherwise']);
    });

    it('refuses a loop without a wait, and accepts the same loop with one', () => {
        const spin = design([
            { id: 'g', type: 'grant', bonus: 100, lifetimeDays: 7 },
            { id: 'b', type: 'branch', condition: 'bought', then: 'end', otherwise: 'g' },
            { id: 'end', type: 'exit' },
        ]);
        expect(rules(spin)).toEqual(['steps.loop_without_wait']);
        expect(paths(spin)).toEqual(['steps[1]']);
        const self = design([{ id: 'b', type: 'branch', condition: 'bought', then: 'b' }]);
        expect(rules(self)).toEqual(['steps.loop_without_wait']);
        const paced = design([
            { id: 'w', type: 'wait', hours: 24 },
            { id: 'g', type: 'grant', bonus: 100, lifetimeDays: 7 },
            { id: 'b', type: 'branch', condition: 'bought', then: 'end', otherwise: 'w' },
            { id: 'end', type: 'exit' },
        ]);
        expect(checkChainDesign(paced, context)).toEqual([]);
    });

    it('lets only kinds a chain can fill be sent, and bonus-expiry only when bonuses burn', () => {
        const d = design([
            { id: 'a', type: 'send', kind: 'lapse-offer' },
            { id: 'b', type: 'send', kind: 'balance' },
            { id: 'c', type: 'send', kind: 'bonus-expiry' },
        ]);
        expect(rules(d)).toEqual([
            'steps.kind_not_sendable',
            'steps.kind_not_sendable',
            'steps.kind_needs_trigger',
        ]);
        const burning = design([{ id: 'c', type: 'send', kind: 'bonus-expiry' }], {
            trigger: { type: 'bonuses-burning', daysBefore: 7 },
        });
        expect(checkChainDesign(burning, context)).toEqual([]);
    });

    it('wants a send before a branch on a message', () => {
        const d = design([
            { id: 'b', type: 'branch', condition: 'clicked' },
            { id: 's', type: 'send', kind: 'winback' },
        ]);
        expect(paths(d)).toEqual(['steps[0].condition']);
    });

    it('checks that the trigger’s category and the schedule’s saved segment exist, where it can', () => {
        const category = design([{ id: 'e', type: 'exit' }], {
            trigger: { type: 'purchase-in-category', categoryId: 3 },
        });
        expect(paths(category)).toEqual(['trigger.categoryId']);
        const schedule = design([{ id: 'e', type: 'exit' }], {
            trigger: { type: 'schedule', every: 'day', audience: { segmentId: 8 } },
        });
        expect(paths(schedule)).toEqual(['trigger.audience.segmentId']);
        expect(paths(schedule, { categoryIds: null, segmentIds: null })).toEqual([]);
        const lifecycle = design([{ id: 'e', type: 'exit' }], {
            trigger: { type: 'schedule', every: 'week', weekday: 1, audience: { lifecycle: 'sleeping' } },
        });
        expect(paths(lifecycle)).toEqual([]);
    });

    it('derives the chain’s traffic from its send steps', () => {
        expect(chainTraffic(design([{ id: 's', type: 'send', kind: 'welcome' }]))).toBe('service');
        expect(
            chainTraffic(
                design([
                    { id: 's', type: 'send', kind: 'welcome' },
                    { id: 't', type: 'send', kind: 'winback' },
                ]),
            ),
        ).toBe('marketing');
        expect(chainTraffic(design([{ id: 'g', type: 'grant', bonus: 1, lifetimeDays: 1 }]))).toBe('service');
        expect(
            chainSendKinds(
                design([
                    { id: 's', type: 'send', kind: 'winback' },
                    { id: 't', type: 'send', kind: 'winback' },
                ]),
            ),
        ).toEqual(['winback']);
    });
});
