import { describe, expect, it } from 'vitest';
import { RefillError } from '../../../../plugin/kernel/errors/refill-error.js';
import { validateOrThrow } from '../../../../plugin/kernel/http/validate.js';
import { haversineKm, storesWithinKm } from '../../../../plugin/modules/segments/rules/geo.rules.js';
import {
    compileSegmentRule,
    type SegmentCompileContext,
} from '../../../../plugin/modules/segments/rules/segment-rule.compiler.js';
import { segmentFields } from '../../../../plugin/modules/segments/rules/segment-rule.fields.js';
import { segmentRuleSchema } from '../../../../plugin/modules/segments/rules/segment-rule.schema.js';
import type { SegmentRule } from '../../../../plugin/modules/segments/rules/segment-rule.types.js';

const NOW = new Date('2026-06-01T12:00:00.000Z');
const ctx = (over: Partial<SegmentCompileContext> = {}): SegmentCompileContext => ({
    dialect: 'sqlite',
    now: NOW,
    stores: [],
    lifecycle: true,
    ...over,
});

/** The 400's details of an invalid rule (or [] when it is valid). */
function problems(rule: unknown): Array<{ path: string; message: string }> {
    try {
        validateOrThrow(segmentRuleSchema, rule, 'rule');
        return [];
    } catch (error) {
        return (error as RefillError).details as Array<{ path: string; message: string }>;
    }
}

describe('segment rule schema', () => {
    it('accepts a nested rule and upper-cases ATC prefixes', () => {
        const valid = validateOrThrow(
            segmentRuleSchema,
            {
                all: [
                    { type: 'purchases', atcPrefixes: ['c09'], withinDays: 90, countMin: 2 },
                    {
                        any: [
                            { type: 'balance', min: 100 },
                            { not: { type: 'cardForm', forms: ['virtual'] } },
                        ],
                    },
                ],
            },
            'rule',
        );
        expect(JSON.stringify(valid)).toContain('"C09"');
    });

    it('names the path of each bad field', () => {
        const paths = problems({
            all: [
                { type: 'balance', min: 5, max: 1 },
                { type: 'nope' },
                { type: 'consent', purpose: 'marketing', channel: 'pigeon', granted: true },
                { type: 'homeStoreNear', storeId: 1, km: -1 },
            ],
        }).map((p) => p.path);
        expect(paths).toEqual(['rule.all[0]', 'rule.all[1].type', 'rule.all[2].channel', 'rule.all[3].km']);
    });

    it('refuses groups nested too deep, too many nodes, empty groups and unknown keys', () => {
        const deep = { not: { not: { not: { not: { not: { not: { type: 'balance', min: 1 } } } } } } };
        expect(problems(deep)).toEqual([
            expect.objectContaining({
                path: 'rule.not.not.not.not.not',
                message: expect.stringMatching(/nest/),
            }),
        ]);
        const big = {
            all: Array.from({ length: 20 }, () => ({
                any: [
                    { type: 'balance', min: 1 },
                    { type: 'balance', min: 2 },
                ],
            })),
        };
        expect(problems(big)).toEqual([expect.objectContaining({ path: 'rule' })]);
        expect(problems({ all: [] })[0].path).toBe('rule.all');
        expect(problems({ type: 'balance', min: 1, sql: 'x' })[0].path).toBe('rule.sql');
        expect(problems('everyone')[0].path).toBe('rule');
    });

    it('lists every condition with its parameters for the editor', () => {
        const { fields, limits } = segmentFields();
        expect(fields.map((f) => f.type)).toContain('homeStoreNear');
        const consent = fields.find((f) => f.type === 'consent')!;
        expect(consent.params.find((p) => p.name === 'channel')).toMatchObject({
            required: true,
            values: expect.arrayContaining(['sms', 'email']),
        });
        expect(limits.maxDepth).toBe(5);
    });
});

describe('segment rule compiler', () => {
    it('binds every value and writes the same SQL on both engines without ATC prefixes', () => {
        const rule: SegmentRule = {
            all: [
                { type: 'purchases', skus: ["O'Hara\\%_"], withinDays: 30, amountMin: 1000 },
                { type: 'consent', purpose: 'service', channel: 'sms', granted: true },
                { type: 'cardKind', kinds: ['regular'] },
            ],
        };
        const sqlite = compileSegmentRule(rule, ctx());
        const mysql = compileSegmentRule(rule, ctx({ dialect: 'mysql' }));
        expect(sqlite.sql).toBe(mysql.sql);
        expect(sqlite.sql).not.toContain("O'Hara");
        expect(sqlite.params).toContain("O'Hara\\%_");
        expect(sqlite.sql.split('?').length - 1).toBe(sqlite.params.length);
        expect(sqlite.sql).toMatch(/^SELECT c\.id FROM refill_customers c WHERE c\.blocked_at IS NULL AND /);
    });

    it('counts from zero with NOT IN when a purchases condition has only upper bounds', () => {
        const { sql, params } = compileSegmentRule({ type: 'purchases', countMax: 2 }, ctx());
        expect(sql).toContain('c.id NOT IN (');
        expect(params).toEqual([2]);
    });

    it('turns home-store distance into store ids, and refuses what cannot be evaluated with a 422 at the path', () => {
        const stores = [
            { id: 1, latitude: 55_755_800, longitude: 37_617_300 },
            { id: 2, latitude: 55_765_800, longitude: 37_617_300 }, // ~1.1 km north
            { id: 3, latitude: 59_939_100, longitude: 30_315_900 }, // St Petersburg
            { id: 4, latitude: null, longitude: null },
        ];
        const near = compileSegmentRule({ type: 'homeStoreNear', storeId: 1, km: 1.5 }, ctx({ stores }));
        expect(near.params).toEqual([1, 2]);
        const none = compileSegmentRule({ type: 'homeStoreNear', storeId: 1, km: 0.5 }, ctx({ stores }));
        expect(none.params).toEqual([1]);
        const refusal = (rule: SegmentRule, c = ctx({ stores })) => {
            try {
                compileSegmentRule(rule, c);
            } catch (error) {
                return { code: (error as RefillError).code, details: (error as RefillError).details };
            }
            return null;
        };
        expect(refusal({ all: [{ type: 'homeStoreNear', storeId: 4, km: 1 }] })).toEqual({
            code: 'REFILL_UNPROCESSABLE',
            details: [expect.objectContaining({ path: 'rule.all[0].storeId' })],
        });
        expect(refusal({ type: 'lifecycle', segments: ['new'] }, ctx({ lifecycle: false }))?.code).toBe(
            'REFILL_UNPROCESSABLE',
        );
    });

    it('measures great-circle distances', () => {
        const moscow = { latitude: 55_755_800, longitude: 37_617_300 };
        const spb = { latitude: 59_939_100, longitude: 30_315_900 };
        expect(haversineKm(moscow, spb)).toBeGreaterThan(630);
        expect(haversineKm(moscow, spb)).toBeLessThan(636);
        expect(
            storesWithinKm(moscow, 1000, [
                { id: 9, ...spb },
                { id: 2, latitude: null, longitude: null },
            ]),
        ).toEqual([9]);
    });
});
