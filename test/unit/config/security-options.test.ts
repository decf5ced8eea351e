import { describe, expect, it } from 'vitest';
import { validateOptions } from '../../../plugin/config/validate-options.js';

const base = { databaseUrl: 'sqlite::memory:' };

describe('security options', () => {
    it('defaults: no proxy trusted, contacts masked, limits a real till or admin never reaches', () => {
        const config = validateOptions(base);
        expect(config.trustProxy).toBeUndefined();
        expect(config.pos).toMatchObject({
            exposeContacts: false,
            cardReadsPerMinute: 600,
            unknownCardWarnAt: 50,
            unknownCardWindowMinutes: 10,
        });
        expect(config.admin).toMatchObject({
            signInAttempts: 10,
            signInLockMinutes: 1,
            signInMaxLockMinutes: 60,
            signInAttemptsPerIp: 50,
        });
    });

    it("takes Express's trust proxy values and refuses what Express would not compile, naming the field", () => {
        for (const trustProxy of [true, false, 1, 'loopback', '10.0.0.0/8, 127.0.0.1', ['loopback', '::1']])
            expect(validateOptions({ ...base, trustProxy }).trustProxy).toEqual(trustProxy);
        for (const trustProxy of ['not-an-address', ['10.0.0.0/99'], -1])
            expect(() => validateOptions({ ...base, trustProxy: trustProxy as never })).toThrow(
                expect.objectContaining({ code: 'REFILL_CONFIG_INVALID', field: 'trustProxy' }),
            );
    });

    it('refuses a longest lock shorter than the first', () => {
        expect(() =>
            validateOptions({ ...base, admin: { signInLockMinutes: 10, signInMaxLockMinutes: 5 } }),
        ).toThrow(expect.objectContaining({ field: 'admin.signInMaxLockMinutes' }));
    });
});

describe('store desk options', () => {
    it('limits managers’ adjustments to 1000 bonuses (100 000 minor units) by default and takes a whole number', () => {
        expect(validateOptions(base).admin.managerAdjustmentLimit).toBe(100_000);
        expect(
            validateOptions({ ...base, admin: { managerAdjustmentLimit: 0 } }).admin.managerAdjustmentLimit,
        ).toBe(0);
        for (const managerAdjustmentLimit of [-1, 1.5, 'lots'])
            expect(() =>
                validateOptions({
                    ...base,
                    admin: { managerAdjustmentLimit: managerAdjustmentLimit as never },
                }),
            ).toThrow(
                expect.objectContaining({
                    code: 'REFILL_CONFIG_INVALID',
                    field: 'admin.managerAdjustmentLimit',
                }),
            );
    });
});
