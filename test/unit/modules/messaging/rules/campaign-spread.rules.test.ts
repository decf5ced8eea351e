import { describe, expect, it } from 'vitest';
import {
    messagesPerMinute,
    spreadOverWindow,
    spreadSpan,
} from '../../../../../plugin/modules/messaging/rules/send-spread.rules.js';

const window = { from: '09:00', to: '21:00' };

describe('spreading a campaign day over the sending window', () => {
    it('takes the stricter of the per-second and per-minute limits, in messages', () => {
        expect(messagesPerMinute(undefined)).toBeNull();
        expect(messagesPerMinute({ perSecond: 1, perMinute: 100 })).toBe(60);
        expect(messagesPerMinute({ perMinute: 30 })).toBe(30);
        expect(messagesPerMinute({ perSecond: 10, unit: 'segments' }, 3)).toBe(200);
    });

    it('queues each customer from their own window opening at the provider’s rate', () => {
        // 05:30 UTC: 08:30 in Moscow (closed), 09:30 in Samara (open).
        const from = new Date('2026-03-02T05:30:00.000Z');
        const plan = spreadOverWindow(
            [
                { id: 1, zone: 'Europe/Moscow' },
                { id: 2, zone: 'Europe/Samara' },
                { id: 3, zone: 'Europe/Samara' },
                { id: 4, zone: 'Europe/Moscow' },
            ],
            from,
            window,
            2,
        );
        // Samara first (open now), 30 s apart; Moscow from its 09:00 (06:00 UTC).
        expect(plan.at.get(2)).toEqual(from);
        expect(plan.at.get(3)).toEqual(new Date('2026-03-02T05:30:30.000Z'));
        expect(plan.at.get(1)).toEqual(new Date('2026-03-02T06:00:00.000Z'));
        expect(plan.at.get(4)).toEqual(new Date('2026-03-02T06:00:30.000Z'));
        expect(plan).toMatchObject({ overflow: 0, lastSendAt: new Date('2026-03-02T06:00:30.000Z') });
    });

    it('moves what falls after the window closes to the next opening and counts it', () => {
        const from = new Date('2026-03-02T17:59:00.000Z'); // 20:59 Moscow
        const plan = spreadOverWindow(
            [1, 2, 3].map((id) => ({ id, zone: 'Europe/Moscow' })),
            from,
            window,
            1,
        );
        expect(plan.at.get(1)).toEqual(from);
        expect(plan.at.get(2)).toEqual(new Date('2026-03-03T06:00:00.000Z'));
        expect(plan.overflow).toBe(2);
        expect(spreadSpan(720, new Date('2026-03-02T06:00:00.000Z'), 'Europe/Moscow', window, 1)).toEqual({
            firstSendAt: new Date('2026-03-02T06:00:00.000Z'),
            lastSendAt: new Date('2026-03-02T17:59:00.000Z'),
            fitsWindow: true,
        });
        expect(
            spreadSpan(721, new Date('2026-03-02T06:00:00.000Z'), 'Europe/Moscow', window, 1).fitsWindow,
        ).toBe(false);
    });
});
