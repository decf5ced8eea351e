import { describe, expect, it } from 'vitest';
import { validateOrThrow } from '../../../../plugin/kernel/http/validate.js';
import { RefillError } from '../../../../plugin/kernel/errors/refill-error.js';
import {
    chainDesignBody,
    globalControlBody,
    updateChainBody,
} from '../../../../plugin/modules/chains/rules/chain-design.schema.js';

const minimal = { key: 'k', name: 'K', trigger: { type: 'enrolled' }, steps: [{ id: 'e', type: 'exit' }] };

/** The paths a body is refused at (none: accepted). */
function refused(schema: typeof chainDesignBody, body: unknown): string[] {
    try {
        validateOrThrow(schema, body);
        return [];
    } catch (e) {
        if (!(e instanceof RefillError)) throw e;
        expect(e.code).toBe('REFILL_VALIDATION');
        return (e.details as Array<{ path: string }>).map((d) => d.path);
    }
}

describe('chain design schema', () => {
    it('fills the defaults of a minimal design', () => {
        expect(validateOrThrow(chainDesignBody, minimal)).toEqual({
            ...minimal,
            goal: null,
            goalWindowDays: 30,
            stopOn: [],
            reentry: { rule: 'once' },
            priority: 100,
            holdoutBp: 1000,
            budgetCap: null,
        });
    });

    it('reports each bad field of a step at its own path, by the step’s type', () => {
        const body = {
            ...minimal,
            steps: [
                { id: 's', type: 'send', kind: 'nope', channels: ['sms', 'sms'] },
                { id: 'w', type: 'wait', hours: 0, until: 'rain' },
                { id: 'b', type: 'branch', condition: 'entered-segment' },
                { id: 'g', type: 'grant', bonus: -1 },
                { id: 'x', type: 'teleport' },
                { id: 'bad id!', type: 'exit', extra: true },
            ],
        };
        expect(refused(chainDesignBody, body).sort()).toEqual(
            [
                'steps[0].kind',
                'steps[0].channels[1]',
                'steps[1].hours',
                'steps[1].until',
                'steps[2].segment',
                'steps[3].bonus',
                'steps[3].lifetimeDays',
                'steps[4].type',
                'steps[5].id',
                'steps[5].extra',
            ].sort(),
        );
    });

    it('checks each trigger’s own fields', () => {
        const at = (trigger: unknown) => refused(chainDesignBody, { ...minimal, trigger });
        expect(at({ type: 'bonuses-burning' })).toEqual(['trigger.daysBefore']);
        expect(at({ type: 'segment-entered', segment: 'asleep' })).toEqual(['trigger.segment']);
        expect(at({ type: 'schedule', every: 'week', audience: { lifecycle: 'new' } })).toEqual([
            'trigger.weekday',
        ]);
        expect(at({ type: 'schedule', every: 'day', audience: { lifecycle: 'new', segmentId: 3 } })).toEqual([
            'trigger.audience',
        ]);
        expect(at({ type: 'balance-crossed', amount: 0 })).toEqual(['trigger.amount']);
        expect(at({ type: 'enrolled', categoryId: 1 })).toEqual(['trigger.categoryId']);
        expect(at({ type: 'schedule', every: 'day', audience: { segmentId: 3 } })).toEqual([]);
    });

    it('bounds the design’s numbers and lists', () => {
        const body = {
            ...minimal,
            key: 'Not A Slug',
            holdoutBp: 6000,
            priority: -1,
            budgetCap: 0,
            reentry: { rule: 'every' },
            stopOn: ['purchase', 'purchase'],
            goal: 'love',
        };
        expect(refused(chainDesignBody, body).sort()).toEqual(
            ['key', 'holdoutBp', 'priority', 'budgetCap', 'reentry.days', 'stopOn[1]', 'goal'].sort(),
        );
    });

    it('wants the version on an update, and caps the global control share', () => {
        expect(refused(updateChainBody, minimal)).toEqual(['version']);
        expect(refused(updateChainBody, { ...minimal, version: 3 })).toEqual([]);
        expect(refused(globalControlBody, { shareBp: 2001 })).toEqual(['shareBp']);
        expect(refused(globalControlBody, { shareBp: 500 })).toEqual([]);
    });
});
