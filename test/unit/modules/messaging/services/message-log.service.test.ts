import { describe, expect, it } from 'vitest';
import type { MessageLogRow } from '../../../../../plugin/modules/messaging/repositories/message-log.query.js';
import {
    cascadeKeyOf,
    deliveryEvents,
} from '../../../../../plugin/modules/messaging/services/message-log.service.js';

const at = (minute: number) => new Date(Date.UTC(2026, 2, 2, 9, minute));
const row = (patch: Partial<MessageLogRow>): MessageLogRow => ({
    id: 1,
    key: 'welcome:7:3',
    customerId: 7,
    cardNumber: '1',
    customerTimezone: null,
    contacts: { phone: null, email: null, telegram: null, push: null },
    campaignId: null,
    kind: 'welcome',
    step: 3,
    channel: 'sms',
    traffic: 'service',
    status: 'held',
    verdict: null,
    provider: null,
    segments: null,
    cost: 0,
    failureReason: null,
    attempts: 0,
    createdAt: at(0),
    handedAt: null,
    sentAt: null,
    statusAt: at(0),
    ...patch,
});

describe('the message log', () => {
    it('finds the reminder a message key belongs to', () => {
        expect(cascadeKeyOf('welcome:7:3')).toBe('welcome:7');
        expect(cascadeKeyOf('lapse:12:2026-03-01:4:0:skip')).toBe('lapse:12:2026-03-01:4');
        expect(cascadeKeyOf('test-key')).toBeNull();
    });

    it('reads the delivery events from the row’s times, in order', () => {
        expect(deliveryEvents(row({}))).toEqual([{ status: 'held', at: at(0), reason: null }]);
        expect(
            deliveryEvents(
                row({ status: 'read', handedAt: at(1), sentAt: at(2), statusAt: at(30), attempts: 1 }),
            ).map((e) => `${e.status}@${e.at.getUTCMinutes()}`),
        ).toEqual(['planned@0', 'sending@1', 'sent@2', 'read@30']);
        const failed = deliveryEvents(
            row({
                status: 'failed',
                handedAt: at(1),
                sentAt: at(1),
                statusAt: at(1),
                failureReason: 'CHANNEL_REJECTED',
            }),
        );
        expect(failed.map((e) => e.status)).toEqual(['planned', 'sending', 'failed']);
        expect(failed[2].reason).toBe('CHANNEL_REJECTED');
    });
});
