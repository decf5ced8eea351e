import type Joi from 'joi';
import joiToJson from 'joi-to-json';

/**
 * joi-to-json's CommonJS export is the function itself, which its typings
 * (ES module syntax in a CommonJS package) declare as `default` and `parse`.
 */
const convert = joiToJson as unknown as typeof joiToJson.parse;

/** A JSON Schema (OpenAPI 3.1 dialect) object. */
export type JsonSchema = { [keyword: string]: unknown };

/** What `Joi.any()` converts to: every JSON type. */
const ANY_TYPES = ['array', 'boolean', 'number', 'object', 'string', 'null'];

/**
 * Converts a joi schema to an OpenAPI 3.1 schema with joi-to-json (which
 * reads joi's `describe()`, so `.valid()` lists become enums and limits,
 * patterns, defaults and `.description()` texts carry over). Schemas named
 * with joi's `.id()` are collected into `components` (by name) and
 * referenced. Two adjustments: a `Joi.any()` with a `format` meta (a till's
 * time, which in-process hooks may also pass as a Date) is documented as a
 * string of that format, and any other `Joi.any()` as any value.
 */
export function toJsonSchema(schema: Joi.Schema, components: Record<string, JsonSchema>): JsonSchema {
    const converted = convert(schema, 'open-api-3.1', components) as JsonSchema;
    delete converted.schemas; // the named schemas, already in `components`
    tidy(converted);
    for (const named of Object.values(components)) tidy(named);
    return converted;
}

/** Applies the adjustments to a converted schema and everything inside it. */
function tidy(node: unknown): void {
    if (Array.isArray(node)) return node.forEach(tidy);
    if (!node || typeof node !== 'object') return;
    const schema = node as JsonSchema;
    if (Array.isArray(schema.type) && ANY_TYPES.every((t) => (schema.type as unknown[]).includes(t))) {
        if (typeof schema.format === 'string') schema.type = 'string';
        else delete schema.type;
    }
    Object.values(schema).forEach(tidy);
}
