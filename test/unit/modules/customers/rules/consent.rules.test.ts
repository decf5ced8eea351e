import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
    decideConsent,
    needsLastTillAct,
    type ConsentState,
} from '../../../../../plugin/modules/customers/rules/consent.rules.js';

const now = new Date('2026-03-01T10:00:00Z');
const at = (iso: string) => new Date(iso);
const granted = (iso: string): ConsentState => ({ granted: true, changedAt: at(iso) });
const withdrawn = (iso: string): ConsentState => ({ granted: false, changedAt: at(iso) });

describe('consent rules', () => {
    it('a withdrawal always takes effect, whatever time the stored grant carries', () => {
        expect(decideConsent(granted('2099-01-01T00:00:00Z'), { granted: false }, now, null)).toEqual({
            granted: false,
            changedAt: now,
        });
        expect(
            decideConsent(
                granted('2026-02-01T00:00:00Z'),
                { granted: false, at: at('2026-01-01T00:00:00Z') },
                now,
                null,
            ),
        ).toEqual(withdrawn('2026-01-01T00:00:00Z'));
    });

    it('a repeated, unchanged state is no new act', () => {
        expect(decideConsent(granted('2026-02-01T00:00:00Z'), { granted: true }, now, null)).toBeNull();
        expect(decideConsent(withdrawn('2026-02-01T00:00:00Z'), { granted: false }, now, null)).toBeNull();
    });

    it('a grant with a time counts only when it is the latest act', () => {
        const stop = withdrawn('2026-02-20T00:00:00Z');
        expect(decideConsent(stop, { granted: true, at: at('2026-02-19T00:00:00Z') }, now, null)).toBeNull();
        expect(decideConsent(stop, { granted: true, at: at('2026-02-21T00:00:00Z') }, now, null)).toEqual(
            granted('2026-02-21T00:00:00Z'),
        );
    });

    it('a grant without a time restates the till: it undoes no opt-out the till did not make', () => {
        const stop = withdrawn('2026-02-20T00:00:00Z');
        expect(needsLastTillAct(stop, { granted: true })).toBe(true);
        expect(decideConsent(stop, { granted: true }, now, { granted: true })).toBeNull();
        expect(decideConsent(stop, { granted: true }, now, { granted: false })).toEqual({
            granted: true,
            changedAt: now,
        });
        expect(decideConsent(null, { granted: true }, now, null)).toEqual({ granted: true, changedAt: now });
        expect(needsLastTillAct(granted('2026-02-20T00:00:00Z'), { granted: true })).toBe(false);
    });

    it('after any sequence of acts, the last withdrawal made is never undone by a restated grant', () => {
        const act = fc.record({
            granted: fc.boolean(),
            timed: fc.boolean(),
            minutes: fc.integer({ min: 0, max: 100 }),
        });
        fc.assert(
            fc.property(fc.array(act, { maxLength: 12 }), (acts) => {
                let state: ConsentState | null = null;
                let lastTill: { granted: boolean } | null = null;
                for (const a of acts) {
                    const when = new Date(now.getTime() + a.minutes * 60_000);
                    const decided = decideConsent(
                        state,
                        { granted: a.granted, at: a.timed ? when : undefined },
                        now,
                        lastTill,
                    );
                    if (!a.granted) expect(decided === null ? state?.granted : decided.granted).toBe(false);
                    if (decided) state = decided;
                    lastTill = { granted: a.granted };
                }
                // A STOP now, then the till restates a grant without a time: still withdrawn.
                const stopped = decideConsent(state, { granted: false }, now, null) ?? state!;
                expect(stopped.granted).toBe(false);
                const after = decideConsent(stopped, { granted: true }, now, lastTill);
                if (lastTill?.granted) expect(after).toBeNull();
            }),
        );
    });
});
