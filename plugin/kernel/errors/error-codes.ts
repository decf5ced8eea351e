/**
 * Every stable error code Refill can return, with the HTTP status it maps to.
 * Clients and tests match on the code, never on the message text.
 */
export const ERROR_CODES = {
    REFILL_VALIDATION: 400,
    REFILL_MALFORMED_JSON: 400,
    REFILL_UNAUTHORIZED: 401,
    REFILL_FORBIDDEN: 403,
    REFILL_CSRF_INVALID: 403,
    REFILL_NOT_FOUND: 404,
    REFILL_CUSTOMER_NOT_FOUND: 404,
    REFILL_RECEIPT_NOT_FOUND: 404,
    REFILL_STORE_NOT_FOUND: 404,
    REFILL_ROUTE_NOT_FOUND: 404,
    REFILL_RECEIPT_CONFLICT: 409,
    REFILL_RETURN_CONFLICT: 409,
    REFILL_CONFLICT: 409,
    /** A large send must be approved by an admin other than the one who launched the campaign. */
    REFILL_SECOND_ADMIN_REQUIRED: 409,
    /** The card was replaced by another: the till must use the new card (returns of its receipts still work). */
    REFILL_CARD_REPLACED: 409,
    /** The card is blocked at the store desk: no sales, previews, balances or profile changes at the till. */
    REFILL_CARD_BLOCKED: 409,
    /** A manager's adjustment beyond `admin.managerAdjustmentLimit` (`details.limit`). */
    REFILL_ADJUSTMENT_LIMIT: 403,
    REFILL_PAYLOAD_TOO_LARGE: 413,
    REFILL_RATE_LIMITED: 429,
    REFILL_UNSUPPORTED_MEDIA_TYPE: 415,
    REFILL_REDEEM_EXCEEDS_LIMIT: 422,
    REFILL_RETURN_EXCEEDS_PURCHASE: 422,
    REFILL_INSUFFICIENT_BALANCE: 422,
    REFILL_UNPROCESSABLE: 422,
    REFILL_CONFIG_INVALID: 500,
    REFILL_INTERNAL: 500,
    REFILL_DATABASE_UNAVAILABLE: 503,
    REFILL_TIMEOUT: 503,
} as const;

/** A stable machine-readable error code. */
export type ErrorCode = keyof typeof ERROR_CODES;
