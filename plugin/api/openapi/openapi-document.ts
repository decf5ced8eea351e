import Joi from 'joi';
import { ERROR_CODES, type ErrorCode } from '../../kernel/errors/error-codes.js';
import type {
    RouteAnswer,
    RouteSpec,
    RouteTable,
    SecurityRequirements,
} from '../../kernel/http/route-table.js';
import { toJsonSchema, type JsonSchema } from './joi-json-schema.js';

/** An OpenAPI 3.1 document, as served. */
export type OpenApiDocument = {
    openapi: '3.1.0';
    info: { title: string; version: string; description: string };
    paths: Record<string, Record<string, JsonSchema>>;
    components: { schemas: Record<string, JsonSchema>; securitySchemes: Record<string, JsonSchema> };
    [key: string]: unknown;
};

/** What one API's document is built from: its words, its security and its route tables. */
export interface ApiDescription {
    title: string;
    /** The version of the API's contract (the path says `v1`). */
    version: string;
    description: string;
    /** The security schemes its routes name, by name. */
    securitySchemes: Record<string, JsonSchema>;
    /** The security of a route that declares none. */
    security: SecurityRequirements;
    /** Error codes every such route may answer (authentication, limits, body parsing), with when. */
    commonErrors(route: RouteSpec): Partial<Record<ErrorCode, string>>;
    /** Groups of routes, with what each is for. */
    tags: ReadonlyArray<{ name: string; description: string }>;
    /** Every route of the API. */
    tables: readonly RouteTable[];
}

/** The error body every failure answers with. */
const errorBody = Joi.object({
    error: Joi.object({
        code: Joi.string()
            .valid(...Object.keys(ERROR_CODES))
            .required()
            .description('Stable: match on it, never on the message'),
        message: Joi.string().required().description('For people; may change'),
        details: Joi.any().description(
            'For `REFILL_VALIDATION`, a list of `{ path, message, type }`, one per bad field (`lines[0].amount`)',
        ),
    }).required(),
})
    .id('Error')
    .description('The body of every error answer');

/** `/campaigns/:id` → `/campaigns/{id}`. */
function openApiPath(path: string): string {
    return path.replace(/:(\w+)/g, '{$1}');
}

/** The parameters of a params or query schema, one per key. */
function parameters(
    where: 'path' | 'query',
    schema: Joi.ObjectSchema | undefined,
    components: Record<string, JsonSchema>,
): JsonSchema[] {
    if (!schema) return [];
    const converted = toJsonSchema(schema, components);
    const properties = (converted.properties ?? {}) as Record<string, JsonSchema>;
    const required = (converted.required ?? []) as string[];
    return Object.entries(properties).map(([name, property]) => {
        const { description, ...rest } = property;
        return {
            name,
            in: where,
            required: where === 'path' || required.includes(name),
            ...(description ? { description } : {}),
            schema: rest,
        };
    });
}

/** One answer as an OpenAPI response object. */
function response(answer: RouteAnswer, components: Record<string, JsonSchema>): JsonSchema {
    const content: Record<string, JsonSchema> = {};
    for (const type of answer.mediaTypes ?? ['application/json'])
        content[type] =
            type === 'application/json' && answer.schema
                ? { schema: toJsonSchema(answer.schema, components) }
                : {};
    return {
        description: answer.description,
        ...(Object.keys(content).length ? { content } : {}),
        ...(answer.headers
            ? {
                  headers: Object.fromEntries(
                      Object.entries(answer.headers).map(([name, description]) => [
                          name,
                          { description, schema: { type: 'string' } },
                      ]),
                  ),
              }
            : {}),
    };
}

/** The error answers of a route, one per status, each listing its codes and when they happen. */
function errorResponses(errors: Partial<Record<ErrorCode, string>>): Record<string, JsonSchema> {
    const byStatus = new Map<number, string[]>();
    for (const [code, when] of Object.entries(errors) as Array<[ErrorCode, string]>) {
        const status = ERROR_CODES[code];
        byStatus.set(status, [...(byStatus.get(status) ?? []), `\`${code}\`: ${when}`]);
    }
    return Object.fromEntries(
        [...byStatus].map(([status, lines]) => [
            String(status),
            {
                description: lines.join('\n\n'),
                content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
            },
        ]),
    );
}

/** One route as an OpenAPI operation. */
function operation(
    operationId: string,
    route: RouteSpec,
    api: ApiDescription,
    components: Record<string, JsonSchema>,
): JsonSchema {
    const declared = new Set<string>();
    const params = parameters('path', route.params, components);
    params.forEach((p) => declared.add(p.name as string));
    // A path segment no schema checks is still a parameter of the path.
    for (const [, name] of route.path.matchAll(/:(\w+)/g))
        if (!declared.has(name))
            params.push({ name, in: 'path', required: true, schema: { type: 'string' } });
    const description = [
        route.description,
        route.roles ? `Roles: ${route.roles.map((r) => `\`${r}\``).join(', ')}.` : undefined,
    ].filter(Boolean);
    return {
        operationId,
        summary: route.summary,
        ...(description.length ? { description: description.join('\n\n') } : {}),
        tags: [...route.tags],
        ...(route.roles ? { 'x-refill-roles': [...route.roles] } : {}),
        parameters: [...params, ...parameters('query', route.query, components)],
        ...(route.body
            ? {
                  requestBody: {
                      required: true,
                      content: { 'application/json': { schema: toJsonSchema(route.body, components) } },
                  },
              }
            : {}),
        responses: {
            [String(route.success.status)]: response(route.success, components),
            ...Object.fromEntries(
                Object.entries(route.answers ?? {}).map(([status, a]) => [status, response(a, components)]),
            ),
            ...errorResponses({ ...api.commonErrors(route), ...route.errors }),
        },
        ...(route.security ? { security: route.security.map((s) => ({ ...s })) } : {}),
    };
}

/**
 * Builds an API's OpenAPI 3.1 document from its route tables: paths and
 * parameters from the Express paths and the joi schemas the routes validate
 * (converted, so a limit or an enum changed in joi changes here), answers and
 * error codes from the declarations, security from the API's schemes.
 */
export function buildOpenApi(api: ApiDescription): OpenApiDocument {
    const components: Record<string, JsonSchema> = {};
    toJsonSchema(errorBody, components);
    const paths: OpenApiDocument['paths'] = {};
    const seen = new Set<string>();
    for (const table of api.tables)
        for (const [operationId, route] of Object.entries(table)) {
            if (seen.has(operationId)) throw new Error(`Two routes are named ${operationId}`);
            seen.add(operationId);
            const path = (paths[openApiPath(route.path)] ??= {});
            path[route.method] = operation(operationId, route, api, components);
        }
    return {
        openapi: '3.1.0',
        info: { title: api.title, version: api.version, description: api.description },
        tags: api.tags.map((t) => ({ ...t })),
        security: api.security.map((s) => ({ ...s })),
        paths,
        components: { schemas: components, securitySchemes: api.securitySchemes },
    };
}
