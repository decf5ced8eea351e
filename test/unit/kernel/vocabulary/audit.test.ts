import { describe, expect, it } from 'vitest';
import {
    AUDIT_ACTIONS,
    canonicalAuditAction,
    LEGACY_AUDIT_ACTIONS,
} from '../../../../plugin/kernel/vocabulary/audit-actions.js';
import {
    AUDIT_ENTITY_TYPES,
    canonicalAuditEntityType,
    LEGACY_AUDIT_ENTITY_TYPES,
} from '../../../../plugin/kernel/vocabulary/audit-entity-types.js';
import { SCHEDULER_ACTOR, tokenActor } from '../../../../plugin/kernel/vocabulary/audit-actors.js';

describe('audit vocabulary', () => {
    it('spells every action and entity type once, in snake_case', () => {
        expect(new Set(AUDIT_ACTIONS).size).toBe(AUDIT_ACTIONS.length);
        expect(new Set(AUDIT_ENTITY_TYPES).size).toBe(AUDIT_ENTITY_TYPES.length);
        for (const name of [...AUDIT_ACTIONS, ...AUDIT_ENTITY_TYPES])
            expect(name).toMatch(/^[a-z_]+(\.[a-z_]+)*$/);
    });

    it('reads older spellings as today’s, and leaves others as they are', () => {
        expect(canonicalAuditEntityType('admin-token')).toBe('admin_token');
        expect(canonicalAuditAction('admin-token.create')).toBe('admin_token.create');
        expect(canonicalAuditAction('customer.card-kind')).toBe('customer.card_kind');
        expect(canonicalAuditAction('campaign.sends.test-cards')).toBe('campaign.sends.test_cards');
        expect(canonicalAuditAction('pos_key.create')).toBe('pos_key.create');
        expect(canonicalAuditAction('something.else')).toBe('something.else');
        for (const now of Object.values(LEGACY_AUDIT_ACTIONS)) expect(AUDIT_ACTIONS).toContain(now);
        for (const now of Object.values(LEGACY_AUDIT_ENTITY_TYPES)) expect(AUDIT_ENTITY_TYPES).toContain(now);
    });

    it('names the actors that are not people', () => {
        expect(tokenActor('crm')).toBe('token:crm');
        expect(SCHEDULER_ACTOR).toBe('scheduler');
    });
});
