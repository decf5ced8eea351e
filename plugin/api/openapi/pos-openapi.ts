import type { RefillConfig } from '../../config/refill-options.js';
import type { ErrorCode } from '../../kernel/errors/error-codes.js';
import type { RouteSpec } from '../../kernel/http/route-table.js';
import { POS_SECURITY_SCHEMES } from '../../modules/admin/index.js';
import { posCustomerRouteTable } from '../../modules/customers/index.js';
import { posReceiptRouteTable } from '../../modules/ledger/index.js';
import { buildOpenApi, type OpenApiDocument } from './openapi-document.js';
import { OPENAPI_ROUTE } from './openapi-route.js';

/** What any POS route may answer besides its own errors. */
function posErrors(route: RouteSpec): Partial<Record<ErrorCode, string>> {
    const errors: Partial<Record<ErrorCode, string>> = {};
    if (route.params || route.query || route.body)
        errors.REFILL_VALIDATION = 'Invalid input: `details` lists each bad field by path';
    if (route.body) {
        errors.REFILL_MALFORMED_JSON = 'The body is not valid JSON';
        errors.REFILL_PAYLOAD_TOO_LARGE = 'The body is larger than `pos.bodyLimit`';
        errors.REFILL_UNSUPPORTED_MEDIA_TYPE = 'The body is not `application/json`';
    }
    if (route.security?.length === 0) return errors;
    return {
        ...errors,
        REFILL_UNAUTHORIZED: 'Missing, unknown or revoked POS key',
        REFILL_TIMEOUT:
            'Not answered within `pos.requestTimeoutMs`; safe to retry (every write is idempotent), after `Retry-After` seconds',
        REFILL_DATABASE_UNAVAILABLE: 'The database is unavailable; safe to retry after `Retry-After` seconds',
    };
}

/**
 * The POS API's OpenAPI 3.1 document, served at `/pos/v1/openapi.json`: built
 * from the POS route tables (with `pos.maxLines` of this configuration), so
 * it shows exactly what the routes validate.
 */
export function posOpenApi(config: RefillConfig): OpenApiDocument {
    return buildOpenApi({
        title: 'Refill POS API',
        version: '1.0.0',
        description:
            'Called by tills on every sale and return. Amounts and bonuses are integers in minor currency units. Every write is idempotent by its receipt or return id: a retry with the same body answers the first result with `Idempotent-Replayed: true`. Every error answers `{ error: { code, message, details } }`; match on the code.',
        securitySchemes: POS_SECURITY_SCHEMES,
        security: [{ posKey: [] }],
        commonErrors: posErrors,
        tags: [
            { name: 'customers', description: 'Enrolment, profile, consents and balance by card' },
            { name: 'receipts', description: 'Preview, sale and return' },
            { name: 'meta', description: 'This document' },
        ],
        tables: [
            { getOpenApi: OPENAPI_ROUTE },
            posCustomerRouteTable,
            posReceiptRouteTable(config.pos.maxLines),
        ],
    });
}
