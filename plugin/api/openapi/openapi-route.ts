import type { Router } from 'express';
import { mountRoute, type RouteSpec } from '../../kernel/http/route-table.js';
import type { OpenApiDocument } from './openapi-document.js';

/** The declaration of an API's `GET /openapi.json`: anyone may read it. */
export const OPENAPI_ROUTE: RouteSpec = {
    method: 'get',
    path: '/openapi.json',
    summary: 'This document',
    tags: ['meta'],
    security: [],
    success: { status: 200, description: 'The OpenAPI 3.1 document of this API' },
};

/**
 * Serves an API's document at `GET /openapi.json` of `router`, with the
 * server URL where the router is mounted (the host app's prefix included),
 * so a client generated from it calls the right paths.
 */
export function serveOpenApi(router: Router, document: OpenApiDocument): void {
    mountRoute(router, OPENAPI_ROUTE, (req, res) => {
        res.json({ ...document, servers: [{ url: req.baseUrl }] });
    });
}
