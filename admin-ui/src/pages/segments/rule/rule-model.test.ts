import { describe, expect, it } from 'vitest';
import {
    buildRule,
    emptyRoot,
    isComplete,
    newRow,
    parseRule,
    placeProblems,
    type RuleGroup,
} from './rule-model';
import { problemText } from './rule-words';

const units = { minorPerMajor: 100 };

/** A root group: all of (recency 60–179 days, balance ≥ 500 ₽), and none of (email consent, lifecycle churned). */
function sample(): RuleGroup {
    const recency = { ...newRow('recency'), params: { minDays: 60, maxDays: 179 } };
    const balance = { ...newRow('balance'), params: { min: 500, max: '' } };
    const consent = {
        ...newRow('consent'),
        params: { purpose: 'marketing', channel: 'email', granted: true },
    };
    const near = { ...newRow('homeStoreNear'), params: { storeId: '3', km: 2.5 } };
    const nested: RuleGroup = { ...emptyRoot(), mode: 'any', negated: true, items: [consent, near] };
    return { ...emptyRoot(), items: [recency, balance, nested] };
}

describe('the segment rule builder model', () => {
    it('builds the API rule: empties dropped, money in minor units, ids as numbers, negation as not', () => {
        const built = buildRule(sample(), units);
        expect(built?.rule).toEqual({
            all: [
                { type: 'recency', minDays: 60, maxDays: 179 },
                { type: 'balance', min: 50_000 },
                {
                    not: {
                        any: [
                            { type: 'consent', purpose: 'marketing', channel: 'email', granted: true },
                            { type: 'homeStoreNear', storeId: 3, km: 2.5 },
                        ],
                    },
                },
            ],
        });
    });

    it('has nothing to count while the root group is empty', () => {
        expect(buildRule(emptyRoot(), units)).toBeNull();
    });

    it('reads a saved rule back into the same rule', () => {
        const { rule } = buildRule(sample(), units)!;
        const again = parseRule(rule, units);
        expect(again).not.toBeNull();
        expect(buildRule(again!, units)?.rule).toEqual(rule);
        expect(parseRule({ type: 'cardKind', kinds: ['regular'] }, units)?.items).toHaveLength(1);
        expect(
            buildRule(parseRule({ not: { type: 'lifecycle', segments: ['new'] } }, units)!, units)?.rule,
        ).toEqual({
            not: { all: [{ type: 'lifecycle', segments: ['new'] }] },
        });
    });

    it('refuses a rule deeper than it shows', () => {
        const deep = { all: [{ any: [{ all: [{ type: 'recency', minDays: 1 }] }] }] };
        expect(parseRule(deep, units)).toBeNull();
        const twoGroups = {
            all: [{ any: [{ type: 'recency', minDays: 1 }] }, { any: [{ type: 'recency', maxDays: 1 }] }],
        };
        expect(parseRule(twoGroups, units)).toBeNull();
    });

    it('places the API problems at their row and parameter, a group problem at its group', () => {
        const root = sample();
        const built = buildRule(root, units)!;
        const nested = root.items[2] as RuleGroup;
        const placed = placeProblems(
            [
                { path: 'rule.all[0].maxDays', type: 'number.max', message: 'x' },
                { path: 'rule.all[1]', type: 'any.custom', message: 'x' },
                { path: 'rule.all[2].not.any[1].storeId', type: 'REFILL_UNPROCESSABLE', message: 'x' },
                { path: 'rule.all[2].not.any', type: 'array.min', message: 'x' },
                { path: 'name', type: 'string.empty', message: 'x' },
            ],
            built.paths,
        );
        expect(placed.map((p) => [p.key, p.param])).toEqual([
            [root.items[0].key, 'maxDays'],
            [root.items[1].key, null],
            [nested.items[1].key, 'storeId'],
            [nested.key, null],
            [null, null],
        ]);
    });
});

describe('the words of the API problems', () => {
    const t = ((id: string) => id) as Parameters<typeof problemText>[0];
    const at = (type: string, message = '', param: string | null = null) =>
        problemText(t, { key: 'c1', param, path: 'rule.all[0]', type, message });

    it('says which bound is out of order, what is missing, and where a store cannot be placed', () => {
        expect(at('custom', 'maxDays must not be below minDays')).toBe('segments.error.order');
        expect(at('custom', 'must hold at most 60 groups and conditions')).toBe('form.invalid');
        expect(at('object.missing')).toBe('segments.error.bound');
        expect(at('any.required')).toBe('form.required');
        expect(at('REFILL_UNPROCESSABLE', 'the store has no coordinates', 'storeId')).toBe(
            'segments.error.storePlace',
        );
        expect(at('REFILL_UNPROCESSABLE', 'not yet', 'segments')).toBe('segments.error.noLifecycle');
    });
});

describe('whether a rule is worth counting', () => {
    const fields = [
        { type: 'recency', params: [{ name: 'minDays', required: false }] },
        {
            type: 'homeStoreNear',
            params: [
                { name: 'storeId', required: true },
                { name: 'km', required: true },
            ],
        },
    ];

    it('needs every group filled and every required parameter set', () => {
        const near = { ...newRow('homeStoreNear'), params: { storeId: '3', km: '' } };
        const root = { ...emptyRoot(), items: [newRow('recency'), near] };
        expect(isComplete(root, fields)).toBe(false);
        expect(
            isComplete(
                { ...root, items: [newRow('recency'), { ...near, params: { storeId: '3', km: 5 } }] },
                fields,
            ),
        ).toBe(true);
        expect(isComplete({ ...root, items: [newRow('recency'), emptyRoot()] }, fields)).toBe(false);
    });
});
