import { describe, expect, it } from 'vitest';
import type { Cascade } from '../../../../../plugin/modules/messaging/entities/cascade.entity.js';
import {
    afterSend,
    stepMessageKey,
    type OutcomeCounts,
    type PlannedSend,
} from '../../../../../plugin/modules/messaging/cascade/cascade-outcome.js';
import type { SendOutcome } from '../../../../../plugin/modules/messaging/message-sender.js';

const NOW = new Date('2026-03-02T07:00:00.000Z');
const LATER = new Date('2026-03-02T09:00:00.000Z');

const cascade = { cascadeKey: 'bonus-expiry:7:2026-03-10' } as Cascade;
const planned = (attempt: number, verdict: PlannedSend['verdict'] = { decision: 'send' }): PlannedSend => ({
    c: cascade,
    step: { channel: 'sms', waitMinutes: 240, await: 'delivered' },
    index: 3,
    attempt,
    waitMinutes: 240,
    verdict,
    item: 0,
});
const counts = (): OutcomeCounts => ({ sent: 0, held: 0, dropped: 0, failed: 0, busy: 0 });
const failed = (attempts: number): SendOutcome => ({
    outcome: 'failed',
    code: 'CHANNEL_TIMEOUT',
    retryable: true,
    attempts,
});

describe('a cascade step after its send', () => {
    it('waits on one message key per step, whatever the attempt', () => {
        const keys = [0, 1, 2].map(
            (attempt) => afterSend(planned(attempt), failed(attempt + 1), NOW, counts(), true).messageKey,
        );
        expect(new Set(keys)).toEqual(new Set([stepMessageKey(cascade.cascadeKey, 3)]));
        expect(keys[0]).toBe('bonus-expiry:7:2026-03-10:3');
    });

    it('a hold keeps the step’s attempt count (holds are not attempts)', () => {
        const hold = { decision: 'hold', reason: 'outside_window', nextAllowedAt: LATER } as const;
        const n = counts();
        expect(afterSend(planned(1, hold), { outcome: 'held' }, NOW, n, true)).toMatchObject({
            status: 'pending',
            attempt: 1,
            nextAt: LATER,
            outcome: 'held:outside_window',
        });
        expect(n.held).toBe(1);
    });

    it('a retryable failure retries until the message was handed over three times, then moves on', () => {
        expect(afterSend(planned(0), failed(1), NOW, counts(), true)).toMatchObject({
            status: 'pending',
            attempt: 1,
            outcome: 'retry:CHANNEL_TIMEOUT',
        });
        expect(afterSend(planned(1), failed(2), NOW, counts(), true)).toMatchObject({
            status: 'pending',
            attempt: 2,
        });
        expect(afterSend(planned(2), failed(3), NOW, counts(), true)).toMatchObject({
            status: 'waiting',
            attempt: 3,
            nextAt: NOW,
            outcome: 'failed',
        });
    });

    it('a message another run holds is not counted as sent: the step is due again when that claim ends', () => {
        const n = counts();
        expect(afterSend(planned(0), { outcome: 'busy', until: LATER }, NOW, n, true)).toMatchObject({
            status: 'pending',
            attempt: 0,
            nextAt: LATER,
        });
        expect(n).toMatchObject({ busy: 1, sent: 0 });
        // A row handed over without an answer is not sent either; an answered one is.
        expect(
            afterSend(planned(0), { outcome: 'duplicate', status: 'sending' }, NOW, counts(), true),
        ).toMatchObject({ status: 'pending', nextAt: new Date(NOW.getTime() + 5 * 60_000) });
        expect(
            afterSend(planned(0), { outcome: 'duplicate', status: 'sent' }, NOW, counts(), true),
        ).toMatchObject({
            status: 'waiting',
            outcome: 'sent',
        });
    });
});
