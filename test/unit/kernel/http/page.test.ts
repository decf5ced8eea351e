import Joi from 'joi';
import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, pageQueryKeys, toPage } from '../../../../plugin/kernel/http/page.js';

describe('keyset pages', () => {
    it('serves `limit` rows and a cursor only when a further row was read', () => {
        const rows = [{ id: 1 }, { id: 2 }, { id: 3 }];
        const page = toPage(
            rows,
            2,
            (r) => r.id,
            (r) => r.id * 10,
        );
        expect(page).toEqual({
            data: [10, 20],
            meta: { pagination: { limit: 2, nextCursor: encodeCursor(2) } },
        });
        expect(
            toPage(
                rows,
                3,
                (r) => r.id,
                (r) => r.id,
            ).meta.pagination.nextCursor,
        ).toBeNull();
        expect(
            toPage(
                [],
                3,
                () => 0,
                (r) => r,
            ).data,
        ).toEqual([]);
    });

    it('reads back the key of a cursor it gave out, and refuses anything else on `cursor`', () => {
        const id = Joi.number().integer().min(0);
        expect(decodeCursor(encodeCursor(42), id)).toBe(42);
        expect(decodeCursor(undefined, id)).toBeUndefined();
        for (const bad of ['nonsense', encodeCursor('42'), encodeCursor(-1), ''])
            expect(() => decodeCursor(bad, id)).toThrow(
                expect.objectContaining({
                    code: 'REFILL_VALIDATION',
                    details: [expect.objectContaining({ path: 'cursor' })],
                }),
            );
    });

    it('asks for 1 to 200 rows, 50 by default', () => {
        const query = Joi.object(pageQueryKeys);
        expect(query.validate({}).value).toEqual({ limit: 50 });
        expect(query.validate({ limit: 201 }).error).toBeDefined();
        expect(query.validate({ limit: 0 }).error).toBeDefined();
    });
});
