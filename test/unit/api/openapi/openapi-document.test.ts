import Joi from 'joi';
import { describe, expect, it } from 'vitest';
import { buildOpenApi, type ApiDescription } from '../../../../plugin/api/openapi/openapi-document.js';
import type { RouteSpec, RouteTable } from '../../../../plugin/kernel/http/route-table.js';

/** A one-table API around `routes`. */
function api(routes: RouteTable): ApiDescription {
    return {
        title: 'T',
        version: '1',
        description: 'test',
        securitySchemes: { key: { type: 'http', scheme: 'bearer' } },
        security: [{ key: [] }],
        commonErrors: (route) => (route.body ? { REFILL_VALIDATION: 'bad input' } : {}),
        tags: [{ name: 'things', description: 'Things' }],
        tables: [routes],
    };
}

const route = (body: Joi.Schema): RouteSpec => ({
    method: 'post',
    path: '/things/:id',
    summary: 'Make a thing',
    tags: ['things'],
    params: Joi.object({ id: Joi.number().integer().min(1).required() }),
    body,
    success: { status: 201, description: 'Made' },
    errors: { REFILL_CONFLICT: 'Taken', REFILL_NOT_FOUND: 'No such id' },
});

const bodyOf = (doc: ReturnType<typeof buildOpenApi>) =>
    (
        doc.paths['/things/{id}'].post as {
            requestBody: { content: { 'application/json': { schema: never } } };
        }
    ).requestBody.content['application/json'].schema as {
        properties: Record<string, Record<string, unknown>>;
        required: string[];
    };

describe('the OpenAPI document built from route tables', () => {
    it('follows the joi schema: a renamed field, its limits and its enum change the document', () => {
        const before = bodyOf(
            buildOpenApi(api({ makeThing: route(Joi.object({ sku: Joi.string().max(64).required() })) })),
        );
        const after = bodyOf(
            buildOpenApi(
                api({
                    makeThing: route(
                        Joi.object({
                            article: Joi.string().max(32).required(),
                            kind: Joi.string().valid('a', 'b'),
                        }),
                    ),
                }),
            ),
        );
        expect(before.properties).toEqual({ sku: { type: 'string', maxLength: 64 } });
        expect(after.properties).toEqual({
            article: { type: 'string', maxLength: 32 },
            kind: { type: 'string', enum: ['a', 'b'] },
        });
        expect(after.required).toEqual(['article']);
    });

    it('names path parameters, groups error codes by status and names operations by their key', () => {
        const doc = buildOpenApi(api({ makeThing: route(Joi.object({})) }));
        const op = doc.paths['/things/{id}'].post as Record<string, unknown>;
        expect(op.operationId).toBe('makeThing');
        expect(op.parameters).toEqual([
            { name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } },
        ]);
        const responses = op.responses as Record<string, { description: string }>;
        expect(Object.keys(responses).sort()).toEqual(['201', '400', '404', '409']);
        expect(responses['409'].description).toBe('`REFILL_CONFLICT`: Taken');
        expect(doc.components.schemas.Error).toBeDefined();
    });

    it('refuses two routes of one name', () => {
        const thing = route(Joi.object({}));
        const twice = { ...api({ a: thing }), tables: [{ a: thing }, { a: thing }] };
        expect(() => buildOpenApi(twice)).toThrow(/Two routes are named a/);
    });

    it('documents a till time (joi any with a format) as a string of that format', () => {
        const time = Joi.any()
            .custom((v: unknown) => v)
            .meta({ format: 'date-time' });
        const body = bodyOf(
            buildOpenApi(api({ makeThing: route(Joi.object({ at: time, anything: Joi.any() })) })),
        );
        expect(body.properties.at).toEqual({ type: 'string', format: 'date-time' });
        expect(body.properties.anything).toEqual({});
    });
});
