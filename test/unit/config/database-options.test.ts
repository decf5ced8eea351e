import { describe, expect, it } from 'vitest';
import { validateOptions } from '../../../plugin/config/validate-options.js';

const base = { databaseUrl: 'sqlite::memory:' };

describe('database options', () => {
    it('a statement gives up before the POS request does by default, and jobs get a long limit (silently dead connection never recovered)', () => {
        expect(validateOptions(base).database).toEqual({
            queryTimeoutMs: 4000,
            longQueryTimeoutMs: 60_000,
            validateIdleMs: 10_000,
        });
        expect(validateOptions({ ...base, pos: { requestTimeoutMs: 2000 } }).database.queryTimeoutMs).toBe(
            1600,
        );
        expect(
            validateOptions({ ...base, database: { queryTimeoutMs: 900, validateIdleMs: 0 } }).database,
        ).toMatchObject({ queryTimeoutMs: 900, validateIdleMs: 0 });
    });

    it('a bad time limit fails at start-up naming the field', () => {
        expect(() => validateOptions({ ...base, database: { queryTimeoutMs: 10 } })).toThrowError(
            expect.objectContaining({ code: 'REFILL_CONFIG_INVALID', field: 'database.queryTimeoutMs' }),
        );
        expect(() => validateOptions({ ...base, database: { validateIdleMs: -1 } })).toThrowError(
            expect.objectContaining({ field: 'database.validateIdleMs' }),
        );
    });
});
