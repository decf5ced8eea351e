import { describe, expect, it } from 'vitest';
import {
    ADMIN_ROLES,
    EDITOR_ROLES,
    isAdminRole,
    isStoreBound,
    READ_ONLY_ROLES,
    READER_ROLES,
} from '../../../../plugin/kernel/vocabulary/admin-roles.js';

describe('admin roles', () => {
    it('lists the roles', () => {
        expect(ADMIN_ROLES).toEqual(['admin', 'marketer', 'manager', 'analyst']);
    });

    it('tells a role from anything else', () => {
        for (const r of ADMIN_ROLES) expect(isAdminRole(r)).toBe(true);
        for (const v of ['Admin', 'owner', '', undefined]) expect(isAdminRole(v)).toBe(false);
    });

    it('lets every role read, the admin and marketers edit, and the analyst only read', () => {
        expect(READER_ROLES).toEqual(ADMIN_ROLES);
        expect(EDITOR_ROLES).toEqual(['admin', 'marketer']);
        expect(READ_ONLY_ROLES).toEqual(['analyst']);
    });

    it('binds only managers to stores', () => {
        expect(ADMIN_ROLES.filter(isStoreBound)).toEqual(['manager']);
    });
});
