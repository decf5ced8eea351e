import { describe, expect, it } from 'vitest';
import { validateOrThrow } from '../../../../plugin/kernel/http/validate.js';
import { chainDesignBody } from '../../../../plugin/modules/chains/rules/chain-design.schema.js';
import {
    chainTraffic,
    checkChainDesign,
} from '../../../../plugin/modules/chains/rules/chain-design.rules.js';
import {
    SHIPPED_CHAINS,
    SHIPPED_CHAIN_KEYS,
} from '../../../../plugin/modules/chains/rules/shipped-chains.js';

describe('shipped chains', () => {
    it('ships the six chains under their keys', () => {
        expect(SHIPPED_CHAIN_KEYS).toEqual([
            'welcome',
            'second-purchase',
            'burn-7',
            'burn-2',
            'sleeping-winback',
            'wonback-thanks',
        ]);
        for (const key of SHIPPED_CHAIN_KEYS) expect(SHIPPED_CHAINS[key].key).toBe(key);
    });

    it('passes the admin API’s schema unchanged and every design check', () => {
        for (const key of SHIPPED_CHAIN_KEYS) {
            const design = SHIPPED_CHAINS[key];
            expect(validateOrThrow(chainDesignBody, design)).toEqual(design);
            expect(checkChainDesign(design, { categoryIds: new Set(), segmentIds: new Set() })).toEqual([]);
        }
    });

    it('keeps welcome and the burn notices service traffic, and the rest marketing', () => {
        const traffic = Object.fromEntries(
            SHIPPED_CHAIN_KEYS.map((k) => [k, chainTraffic(SHIPPED_CHAINS[k])]),
        );
        expect(traffic).toEqual({
            welcome: 'service',
            'second-purchase': 'marketing',
            'burn-7': 'service',
            'burn-2': 'service',
            'sleeping-winback': 'marketing',
            'wonback-thanks': 'marketing',
        });
    });

    it('gives the urgent burn notice priority over the earlier one, and each burn a deadline', () => {
        expect(SHIPPED_CHAINS['burn-2'].priority).toBeLessThan(SHIPPED_CHAINS['burn-7'].priority);
        expect(SHIPPED_CHAINS['burn-2'].trigger).toEqual({ type: 'bonuses-burning', daysBefore: 2 });
        for (const key of ['burn-7', 'burn-2'] as const) {
            const send = SHIPPED_CHAINS[key].steps.find((s) => s.type === 'send');
            expect(send).toMatchObject({ kind: 'bonus-expiry', deadlineHours: expect.any(Number) });
        }
    });
});
