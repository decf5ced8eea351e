import { describe, expect, it } from 'vitest';
import {
    ADMIN_ROLES,
    EDITOR_ROLES,
    isAdminRole,
    READER_ROLES,
} from '../../../../plugin/kernel/vocabulary/admin-roles.js';

describe('admin roles', () => {
    it('lists the roles from most to least powerful', () => {
        expect(ADMIN_ROLES).toEqual(['admin', 'manager', 'marketer']);
    });

    it('tells a role from anything else', () => {
        for (const r of ADMIN_ROLES) expect(isAdminRole(r)).toBe(true);
        for (const v of ['Admin', 'owner', '', undefined]) expect(isAdminRole(v)).toBe(false);
    });

    it('lets every role read and the admin and marketers edit', () => {
        expect(READER_ROLES).toEqual(ADMIN_ROLES);
        expect(EDITOR_ROLES).toEqual(['admin', 'marketer']);
    });
});
