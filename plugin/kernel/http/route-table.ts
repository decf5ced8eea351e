import type { RequestHandler, Router } from 'express';
import type Joi from 'joi';
import type { ErrorCode } from '../errors/error-codes.js';
import { validate } from './validate.js';

/** The HTTP methods a route may answer. */
export type RouteMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** OpenAPI security requirements: any one of them lets a caller in; `[]` lets anyone in. */
export type SecurityRequirements = ReadonlyArray<Readonly<Record<string, readonly string[]>>>;

/** One answer of a route, as its documentation shows it. */
export interface RouteAnswer {
    /** What the answer means. */
    description: string;
    /** The JSON body's shape, where one is written down (joi, converted for the document). */
    schema?: Joi.Schema;
    /** The media types answered: `application/json` (with `schema`) by default, `[]` for none (204). */
    mediaTypes?: readonly string[];
    /** Response headers worth knowing, by name: what each says. */
    headers?: Readonly<Record<string, string>>;
}

/**
 * One route, declared once: the method and Express path, the joi schemas the
 * validate middleware applies (so the documentation shows exactly what is
 * validated), the success answer, the error codes it may answer beyond its
 * API's common ones, who may call it and its words for the OpenAPI document.
 * Route files export their table beside their router and register every
 * route through {@link mountRoute}.
 */
export interface RouteSpec {
    method: RouteMethod;
    /** The Express path, relative to the API's mount point (`/campaigns/:id`). */
    path: string;
    /** One line: what the route does. */
    summary: string;
    /** More words: rules a caller must know (idempotency, time bounds, limits). */
    description?: string;
    /** The groups the document lists the route under. */
    tags: readonly string[];
    /** `req.params`, validated into `res.locals.params`. */
    params?: Joi.ObjectSchema;
    /** `req.query`, validated into `res.locals.query`. */
    query?: Joi.ObjectSchema;
    /** The JSON body, validated into `res.locals.body`. */
    body?: Joi.Schema;
    /** The success answer (a replay or another success goes in `answers`). */
    success: RouteAnswer & { status: number };
    /** Other successful answers by status (e.g. a replayed write's 200). */
    answers?: Readonly<Record<number, RouteAnswer>>;
    /** Error codes this route answers beyond its API's common ones, each with when it happens. */
    errors?: Partial<Readonly<Record<ErrorCode, string>>>;
    /**
     * Who may call it, as OpenAPI security requirements (names of the API's
     * security schemes); the API's default when absent, `[]` for anyone.
     */
    security?: SecurityRequirements;
    /** The roles allowed (any one of them), when the API has roles. */
    roles?: readonly string[];
    /** Middleware run before validation, derived from the declaration (e.g. the role check). */
    before?: readonly RequestHandler[];
}

/** A route file's table: its routes by operation id (unique within its API). */
export type RouteTable = Readonly<Record<string, RouteSpec>>;

/**
 * Registers one route of a table: its `before` middleware, then validation
 * of its params, query and body by the declared schemas, then `handlers`.
 */
export function mountRoute(router: Router, route: RouteSpec, ...handlers: RequestHandler[]): void {
    const { params, query, body } = route;
    const validation = params || query || body ? [validate({ params, query, body })] : [];
    router[route.method](route.path, ...(route.before ?? []), ...validation, ...handlers);
}
