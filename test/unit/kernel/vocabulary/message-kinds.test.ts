import { describe, expect, it } from 'vitest';
import {
    isMessageKind,
    MESSAGE_KIND_TRAFFIC,
    MESSAGE_KINDS,
    trafficOf,
} from '../../../../plugin/kernel/vocabulary/message-kinds.js';
import { messagePayload } from '../../../../plugin/kernel/vocabulary/message-data.js';
import { TRAFFIC_CLASSES } from '../../../../plugin/kernel/vocabulary/traffic-classes.js';

describe('message kinds', () => {
    it('lists every kind in the order templates are listed', () => {
        expect(MESSAGE_KINDS).toEqual([
            'lapse-offer',
            'offer-expiry',
            'bonus-expiry',
            'welcome',
            'balance',
            'second-purchase',
            'winback',
            'wonback-thanks',
        ]);
    });

    it('gives every kind a traffic class', () => {
        for (const kind of MESSAGE_KINDS) expect(TRAFFIC_CLASSES).toContain(trafficOf(kind));
        expect(Object.keys(MESSAGE_KIND_TRAFFIC)).toEqual(MESSAGE_KINDS);
    });

    it('keeps offers marketing and the customer’s own bonuses service', () => {
        expect(MESSAGE_KINDS.filter((k) => trafficOf(k) === 'marketing')).toEqual([
            'lapse-offer',
            'offer-expiry',
            'second-purchase',
            'winback',
            'wonback-thanks',
        ]);
        expect(MESSAGE_KINDS.filter((k) => trafficOf(k) === 'service')).toEqual([
            'bonus-expiry',
            'welcome',
            'balance',
        ]);
    });

    it('tells a stored kind from anything else', () => {
        for (const kind of MESSAGE_KINDS) expect(isMessageKind(kind)).toBe(true);
        for (const v of ['toString', 'hasOwnProperty', 'BALANCE', '', undefined])
            expect(isMessageKind(v)).toBe(false);
    });

    it('serialises a payload as the kind’s template reads it', () => {
        expect(messagePayload('balance', { purchase: { earned: 10, total: 500 } })).toBe(
            '{"purchase":{"earned":10,"total":500}}',
        );
    });
});
