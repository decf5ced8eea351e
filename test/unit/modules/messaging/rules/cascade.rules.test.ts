import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
    buildSteps,
    lastSendMoment,
    orderCheapestFirst,
    planStep,
    type CascadeStep,
    type PlanInput,
} from '../../../../../plugin/modules/messaging/rules/cascade.rules.js';
import { nextWindowStart } from '../../../../../plugin/modules/messaging/policy/send-window.js';

const window = { from: '09:00', to: '21:00' };
const MSK = 'Europe/Moscow'; // UTC+3, no DST
const SAMARA = 'Europe/Samara'; // UTC+4, no DST
const BERLIN = 'Europe/Berlin'; // 2026-03-29 02:00 CET → 03:00 CEST

/** A moment given as local wall-clock time in `zone`. */
const local = (iso: string, zone: string): Date => DateTime.fromISO(iso, { zone }).toJSDate();
const fmt = (d: Date | null, zone: string): string | null =>
    d && DateTime.fromJSDate(d, { zone }).toFormat('yyyy-MM-dd HH:mm');

const step = (channel: string, waitMinutes = 240): CascadeStep => ({
    channel,
    waitMinutes,
    await: 'delivered',
});
/** push → email → sms, 240 minutes each. */
const steps = [step('push'), step('email'), step('sms')];

const plan = (over: Partial<PlanInput> = {}) =>
    planStep({
        steps,
        from: 0,
        usable: () => true,
        now: local('2026-06-01T10:00', MSK),
        deadline: null,
        zone: MSK,
        window,
        reliableChannel: 'sms',
        ...over,
    });

describe('orderCheapestFirst', () => {
    const costs = { push: 0, email: 10, telegram: 10, sms: 300 };

    it('orders by configured cost', () => {
        expect(orderCheapestFirst(['sms', 'email', 'push'], costs)).toEqual(['push', 'email', 'sms']);
    });

    it('keeps the given order on equal costs', () => {
        expect(orderCheapestFirst(['telegram', 'email'], costs)).toEqual(['telegram', 'email']);
        expect(orderCheapestFirst(['email', 'telegram'], costs)).toEqual(['email', 'telegram']);
    });

    it('puts channels without a cost last, in the given order', () => {
        expect(orderCheapestFirst(['viber', 'sms', 'whatsapp', 'push'], costs)).toEqual([
            'push',
            'sms',
            'viber',
            'whatsapp',
        ]);
    });
});

describe('buildSteps', () => {
    const defaults = {
        costs: { push: 0, telegram: 5, email: 10, sms: 300 },
        waits: { push: 60, telegram: 120, sms: 1440 },
        awaitRead: ['telegram'],
    };

    it('dedupes channels, orders them cheapest first and fills in the defaults', () => {
        expect(buildSteps(['sms', 'email', 'telegram', 'sms', 'push', 'email'], defaults)).toEqual([
            { channel: 'push', waitMinutes: 60, await: 'delivered' },
            { channel: 'telegram', waitMinutes: 120, await: 'read' },
            { channel: 'email', waitMinutes: 240, await: 'delivered' },
            { channel: 'sms', waitMinutes: 1440, await: 'delivered' },
        ]);
    });

    it('is empty for no channels', () => {
        expect(buildSteps([], defaults)).toEqual([]);
    });
});

describe('planStep without a deadline', () => {
    it('takes the first usable step from `from` with its configured wait', () => {
        expect(plan()).toEqual({ action: 'send', step: 0, waitMinutes: 240, skipped: [], hurried: false });
        expect(plan({ from: 1 })).toEqual({
            action: 'send',
            step: 1,
            waitMinutes: 240,
            skipped: [],
            hurried: false,
        });
    });

    it('reports only the unusable steps before the chosen one as skipped', () => {
        const four = [step('push'), step('telegram', 120), step('email', 90), step('sms')];
        const usable = (s: CascadeStep) => s.channel === 'email';
        expect(plan({ steps: four, usable })).toEqual({
            action: 'send',
            step: 2,
            waitMinutes: 90,
            skipped: [0, 1],
            hurried: false,
        });
        expect(plan({ steps: four, from: 1, usable: (s) => s.channel !== 'telegram' })).toMatchObject({
            step: 2,
            skipped: [1],
        });
    });

    it('is exhausted when nothing usable is left, listing what was skipped', () => {
        expect(plan({ from: 1, usable: (s) => s.channel === 'push' })).toEqual({
            action: 'exhausted',
            skipped: [1, 2],
        });
        expect(plan({ from: 3 })).toEqual({ action: 'exhausted', skipped: [] });
    });
});

describe('lastSendMoment', () => {
    const at = (deadline: Date, zone: string, now: Date, lead = 60) =>
        fmt(lastSendMoment(deadline, lead, zone, window, now), zone);

    it('is the deadline minus the lead when that falls inside the window', () => {
        const now = local('2026-06-10T08:00', MSK);
        expect(at(local('2026-06-10T15:00', MSK), MSK, now)).toBe('2026-06-10 14:00');
        expect(at(local('2026-06-10T15:00', MSK), MSK, now, 0)).toBe('2026-06-10 15:00');
        expect(at(local('2026-06-10T21:00', MSK), MSK, now)).toBe('2026-06-10 20:00');
    });

    it('moves a late-evening moment back to the window close minus a minute', () => {
        const now = local('2026-06-10T08:00', SAMARA);
        expect(at(local('2026-06-10T23:30', SAMARA), SAMARA, now)).toBe('2026-06-10 20:59');
    });

    it('moves a night deadline to the previous evening', () => {
        const now = local('2026-06-10T08:00', MSK);
        expect(at(local('2026-06-11T03:00', MSK), MSK, now)).toBe('2026-06-10 20:59');
        const samara = lastSendMoment(local('2026-06-11T03:00', SAMARA), 60, SAMARA, window, now);
        expect(fmt(samara, SAMARA)).toBe('2026-06-10 20:59');
        expect(samara?.toISOString()).toBe('2026-06-10T16:59:00.000Z');
    });

    it('moves a moment before the window opens to the previous day', () => {
        const now = local('2026-06-10T08:00', SAMARA);
        expect(at(local('2026-06-11T09:30', SAMARA), SAMARA, now)).toBe('2026-06-10 20:59');
        expect(at(local('2026-06-11T10:00', SAMARA), SAMARA, now)).toBe('2026-06-11 09:00');
    });

    it('is null when the moment is already past', () => {
        expect(at(local('2026-06-11T03:00', MSK), MSK, local('2026-06-10T21:30', MSK))).toBeNull();
        expect(at(local('2026-06-10T15:00', MSK), MSK, local('2026-06-10T14:01', MSK))).toBeNull();
        // Exactly at the moment still counts.
        expect(at(local('2026-06-10T15:00', MSK), MSK, local('2026-06-10T14:00', MSK))).toBe(
            '2026-06-10 14:00',
        );
    });

    it('keeps local times right across the spring-forward change in Berlin', () => {
        const now = local('2026-03-27T12:00', BERLIN);
        // 03:30 CEST on the change day: 02:30 is skipped, 01:30 CET is before the window → 20:59 CET the day before.
        const night = lastSendMoment(local('2026-03-29T03:30', BERLIN), 60, BERLIN, window, now);
        expect(fmt(night, BERLIN)).toBe('2026-03-28 20:59');
        expect(night?.toISOString()).toBe('2026-03-28T19:59:00.000Z');
        // Inside the window on the change day: already CEST (UTC+2).
        const noon = lastSendMoment(local('2026-03-29T12:00', BERLIN), 60, BERLIN, window, now);
        expect(fmt(noon, BERLIN)).toBe('2026-03-29 11:00');
        expect(noon?.toISOString()).toBe('2026-03-29T09:00:00.000Z');
        // The close of the change day, and the previous evening seen from the next morning.
        const late = lastSendMoment(local('2026-03-29T23:00', BERLIN), 60, BERLIN, window, now);
        expect(fmt(late, BERLIN)).toBe('2026-03-29 20:59');
        expect(late?.toISOString()).toBe('2026-03-29T18:59:00.000Z');
        const morning = lastSendMoment(local('2026-03-30T08:00', BERLIN), 60, BERLIN, window, now);
        expect(fmt(morning, BERLIN)).toBe('2026-03-29 20:59');
    });
});

describe('planStep with a deadline', () => {
    const now = local('2026-06-01T10:00', MSK);

    it('sends the first usable step with its full wait when there is plenty of time', () => {
        expect(plan({ deadline: local('2026-06-05T12:00', MSK) })).toEqual({
            action: 'send',
            step: 0,
            waitMinutes: 240,
            skipped: [],
            hurried: false,
        });
        expect(
            plan({ deadline: local('2026-06-05T12:00', MSK), usable: (s) => s.channel !== 'push' }),
        ).toEqual({ action: 'send', step: 1, waitMinutes: 240, skipped: [0], hurried: false });
    });

    it('shortens the waits when the full ones would run past the last moment', () => {
        // Last moment 16:00. Full waits: sms at 18:00 (too late); half: sms at 14:00.
        const p = plan({ now, deadline: local('2026-06-01T17:00', MSK) });
        expect(p).toEqual({ action: 'send', step: 0, waitMinutes: 120, skipped: [], hurried: true });
        expect(p.action === 'send' && p.waitMinutes).toBeLessThan(steps[0].waitMinutes);
    });

    it('shortens further, but not below the minimum wait', () => {
        // Last moment 11:00: a quarter (60 + 60) lands sms at 12:00, an eighth (30 + 30) at 11:00.
        expect(plan({ now, deadline: local('2026-06-01T12:00', MSK) })).toMatchObject({
            step: 0,
            waitMinutes: 30,
            hurried: true,
        });
        // With a 45-minute minimum the eighth is not allowed → jump to sms.
        expect(plan({ now, deadline: local('2026-06-01T12:00', MSK), minWaitMinutes: 45 })).toMatchObject({
            step: 2,
            hurried: true,
        });
    });

    it('jumps to the reliable channel when even shortened waits do not fit', () => {
        // Last moment 10:30: the eighth (30 + 30) would land sms at 11:00.
        expect(plan({ now, deadline: local('2026-06-01T11:30', MSK) })).toEqual({
            action: 'send',
            step: 2,
            waitMinutes: 90, // capped by the 90 minutes left until the deadline
            skipped: [],
            hurried: true,
        });
        // 120-minute waits: an eighth (15) is below the 30-minute minimum, the quarter does not fit.
        const short = [step('push', 120), step('email', 120), step('sms', 120)];
        expect(plan({ steps: short, now, deadline: local('2026-06-01T11:50', MSK) })).toMatchObject({
            step: 2,
            hurried: true,
        });
    });

    it('expires past the last possible moment', () => {
        const late = local('2026-06-01T20:30', MSK);
        expect(plan({ now: late, deadline: local('2026-06-01T21:00', MSK) })).toEqual({ action: 'expired' });
        expect(plan({ now: late, deadline: local('2026-06-01T20:00', MSK) })).toEqual({ action: 'expired' });
    });

    it('expires when the next window opens only after the last send moment', () => {
        // 23:00, deadline 09:45 next day: the last moment is 20:59 today, the window reopens at 09:00.
        const night = local('2026-06-01T23:00', MSK);
        expect(plan({ now: night, deadline: local('2026-06-02T09:45', MSK) })).toEqual({ action: 'expired' });
        const dawn = local('2026-06-02T06:00', MSK);
        expect(plan({ now: dawn, deadline: local('2026-06-02T09:59', MSK) })).toEqual({ action: 'expired' });
        // A deadline at 10:30 leaves 09:30 as the last moment, after the 09:00 opening: still on.
        expect(plan({ now: night, deadline: local('2026-06-02T10:30', MSK) })).toEqual({
            action: 'send',
            step: 2,
            waitMinutes: 240,
            skipped: [],
            hurried: true,
        });
    });

    it('ends the chain at the last usable step when the reliable channel is not usable', () => {
        const noSms = (s: CascadeStep) => s.channel !== 'sms';
        // Last moment 10:00 = now: even 30 minutes for push would land email at 10:30.
        expect(plan({ now, usable: noSms, deadline: local('2026-06-01T11:00', MSK) })).toEqual({
            action: 'send',
            step: 1,
            waitMinutes: 60,
            skipped: [],
            hurried: true,
        });
        // Last moment 10:30: an eighth (30) for push fits.
        expect(plan({ now, usable: noSms, deadline: local('2026-06-01T11:30', MSK) })).toMatchObject({
            step: 0,
            waitMinutes: 30,
            hurried: true,
        });
        // No reliable channel configured in the steps at all.
        expect(
            plan({ now, reliableChannel: 'viber', deadline: local('2026-06-01T11:00', MSK) }),
        ).toMatchObject({ step: 2, hurried: true });
        expect(plan({ now, usable: () => false, deadline: local('2026-06-05T12:00', MSK) })).toEqual({
            action: 'exhausted',
            skipped: [0, 1, 2],
        });
    });

    it('never waits past the deadline, and at least a minute', () => {
        const long = [step('push', 2880)];
        expect(plan({ steps: long, now, deadline: local('2026-06-01T13:00', MSK) })).toEqual({
            action: 'send',
            step: 0,
            waitMinutes: 180,
            skipped: [],
            hurried: false,
        });
        const deadline = new Date(local('2026-06-01T13:00', MSK).getTime() + 30_000);
        expect(plan({ steps: long, now, deadline })).toMatchObject({ waitMinutes: 180 });
        const tiny = [step('push', 0.2)];
        expect(plan({ steps: tiny, now, deadline: local('2026-06-02T12:00', MSK) })).toMatchObject({
            waitMinutes: 1,
        });
    });
});

describe('planStep property', () => {
    const channels = ['sms', 'email', 'push', 'telegram'];
    const base = Date.parse('2026-06-01T00:00:00Z');
    const arbSteps = fc.uniqueArray(
        fc.record({
            channel: fc.constantFrom(...channels),
            waitMinutes: fc.integer({ min: 30, max: 2880 }),
            await: fc.constantFrom('delivered' as const, 'read' as const),
        }),
        { minLength: 1, maxLength: 4, selector: (s) => s.channel },
    );

    it('sends only usable steps from `from`, within the deadline; expires only when no moment is left', () => {
        fc.assert(
            fc.property(
                arbSteps,
                fc.nat(4),
                fc.subarray(channels),
                fc.integer({ min: 0, max: 7 * 86_400_000 }),
                fc.integer({ min: 0, max: 5 * 86_400_000 }),
                (stepList, fromRaw, usableChannels, nowOffset, deadlineOffset) => {
                    const from = Math.min(fromRaw, stepList.length);
                    const now = new Date(base + nowOffset);
                    const deadline = new Date(now.getTime() + deadlineOffset);
                    const usable = (s: CascadeStep) => usableChannels.includes(s.channel);
                    const p = planStep({
                        steps: stepList,
                        from,
                        usable,
                        now,
                        deadline,
                        zone: MSK,
                        window,
                        reliableChannel: 'sms',
                    });
                    if (p.action === 'send') {
                        expect(p.step).toBeGreaterThanOrEqual(from);
                        expect(usable(stepList[p.step])).toBe(true);
                        expect(Number.isInteger(p.waitMinutes)).toBe(true);
                        expect(p.waitMinutes).toBeGreaterThanOrEqual(1);
                        expect(p.waitMinutes).toBeLessThanOrEqual(
                            Math.ceil((deadline.getTime() - now.getTime()) / 60_000),
                        );
                        for (const i of p.skipped) {
                            expect(i).toBeGreaterThanOrEqual(from);
                            expect(i).toBeLessThan(p.step);
                            expect(usable(stepList[i])).toBe(false);
                        }
                    } else if (p.action === 'expired') {
                        const last = lastSendMoment(deadline, 60, MSK, window, now);
                        expect(last === null || nextWindowStart(now, MSK, window) > last).toBe(true);
                    } else {
                        for (const i of p.skipped) expect(usable(stepList[i])).toBe(false);
                    }
                },
            ),
            { numRuns: 500 },
        );
    });
});
