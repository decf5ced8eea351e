/*
 * The OpenAPI 3.1 description of the POS API, served at /pos/v1/openapi.json.
 * A test checks that its paths are exactly the router's routes and that real
 * responses validate against its schemas.
 */

const int = (description?: string) => ({
    type: 'integer',
    minimum: 0,
    ...(description ? { description } : {}),
});
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object) => ({ content: { 'application/json': { schema } } });
const error = (description: string) => ({ description, ...json(ref('Error')) });

const errors = {
    400: error('Invalid input: `details` lists each bad field by path'),
    401: error('Missing, unknown or revoked POS key'),
    413: error('Body too large'),
    415: error('Body is not application/json'),
    503: error('Database unavailable or request timed out; safe to retry'),
};

/** The answer of a read by card over the POS key's per-minute budget (`pos.cardReadsPerMinute`). */
const rateLimited = {
    429: {
        ...error(
            'Too many reads by card for this POS key (`REFILL_RATE_LIMITED`); retry after `Retry-After` seconds',
        ),
        headers: { 'Retry-After': { schema: { type: 'integer' }, description: 'Seconds to wait' } },
    },
};

const earnReason = {
    type: 'object',
    required: ['kind', 'rateSource', 'rateBp', 'base'],
    properties: {
        kind: { enum: ['excluded', 'rate'] },
        rateSource: { enum: ['sku', 'category', 'base'] },
        rateBp: int('Accrual rate in basis points (300 = 3%)'),
        base: int('Amount the rate applied to'),
        exclusion: { type: 'string' },
        offer: {
            type: 'object',
            required: ['id', 'kind'],
            properties: {
                id: { type: 'integer' },
                kind: { enum: ['multiplier', 'gift'] },
                multiplier: { type: 'integer' },
                gift: { type: 'integer' },
            },
        },
    },
};

const lineResult = {
    type: 'object',
    required: ['lineNo', 'sku', 'category', 'amount', 'redeemed', 'earned', 'offerEarned', 'reason'],
    properties: {
        lineNo: int(),
        sku: { type: 'string' },
        category: { type: ['string', 'null'] },
        amount: int(),
        redeemed: int('Bonuses that pay for part of this line'),
        earned: int('Bonuses this line earns, offer extra included'),
        offerEarned: int(),
        reason: earnReason,
    },
};

const appliedOffer = {
    type: 'object',
    required: ['id', 'kind', 'category', 'earned', 'bonusExpiresAt'],
    properties: {
        id: { type: 'integer' },
        kind: { enum: ['multiplier', 'gift'] },
        category: { type: ['string', 'null'] },
        earned: int(),
        bonusExpiresAt: { type: 'string', format: 'date-time' },
    },
};

const balanceAfter = {
    type: 'object',
    required: ['available', 'pending', 'debt'],
    properties: { available: int(), pending: int(), debt: int() },
};

const basketLine = {
    type: 'object',
    required: ['sku', 'name', 'quantity', 'amount'],
    additionalProperties: false,
    properties: {
        sku: { type: 'string', maxLength: 64 },
        name: { type: 'string', maxLength: 255 },
        atc: {
            type: ['string', 'null'],
            description: 'ATC code; categorises SKUs the catalogue does not know',
        },
        quantity: { type: 'number', exclusiveMinimum: 0, description: 'Packs, up to 3 decimals' },
        amount: int('Line amount in minor units, after till discounts'),
    },
};

const consent = {
    type: 'object',
    required: ['granted'],
    properties: { granted: { type: 'boolean' }, at: { type: 'string', format: 'date-time' } },
};
const channels = ['sms', 'email', 'push', 'telegram', 'viber', 'whatsapp'];
/** The current consents of a customer, by channel. */
const consentStates = {
    type: 'object',
    additionalProperties: {
        type: 'object',
        required: ['granted', 'changedAt'],
        properties: {
            granted: { type: 'boolean' },
            changedAt: { type: 'string', format: 'date-time' },
        },
    },
};

const cardParam = { name: 'cardNumber', in: 'path', required: true, schema: { type: 'string' } };

/** The POS API's OpenAPI document. */
export const posOpenApi = {
    openapi: '3.1.0',
    info: {
        title: 'Refill POS API',
        version: '1.0.0',
        description:
            'Called by tills on every sale and return. Amounts and bonuses are integers in minor currency units. Every write is idempotent by its receipt or return id.',
    },
    servers: [{ url: '/pos/v1' }],
    security: [{ posKey: [] }],
    paths: {
        '/customers/{cardNumber}': {
            put: {
                summary: 'Enrol or update a customer',
                parameters: [cardParam],
                requestBody: { required: true, ...json(ref('CustomerUpdate')) },
                responses: {
                    200: { description: 'Updated', ...json(ref('Customer')) },
                    201: { description: 'Enrolled', ...json(ref('Customer')) },
                    ...rateLimited,
                    ...errors,
                },
            },
            get: {
                summary: 'A customer profile and consents',
                parameters: [cardParam],
                responses: {
                    200: { description: 'The customer', ...json(ref('Customer')) },
                    404: error('Unknown card'),
                    ...rateLimited,
                    ...errors,
                },
            },
        },
        '/customers/{cardNumber}/balance': {
            get: {
                summary: 'Available and pending bonuses, next expiries, active offers',
                parameters: [cardParam],
                responses: {
                    200: { description: 'The balance', ...json(ref('Balance')) },
                    404: error('Unknown card'),
                    ...rateLimited,
                    ...errors,
                },
            },
        },
        '/receipts/preview': {
            post: {
                summary: 'Price a basket without side effects',
                requestBody: { required: true, ...json(ref('PreviewRequest')) },
                responses: {
                    200: { description: 'The preview', ...json(ref('Preview')) },
                    ...rateLimited,
                    ...errors,
                },
            },
        },
        '/receipts': {
            post: {
                summary: 'Commit a sale',
                requestBody: { required: true, ...json(ref('ReceiptRequest')) },
                responses: {
                    201: { description: 'Committed', ...json(ref('Receipt')) },
                    200: {
                        description: 'A retry: the original result, nothing changed',
                        ...json(ref('Receipt')),
                    },
                    403: error('The key belongs to another store than storeCode'),
                    404: error('Unknown card (when unknown cards are rejected)'),
                    409: error('The receipt id was committed with a different body'),
                    422: error('Spending more than allowed; nothing was written'),
                    ...errors,
                },
            },
        },
        '/receipts/{receiptId}/returns': {
            post: {
                summary: 'Return some or all lines of a receipt',
                parameters: [{ name: 'receiptId', in: 'path', required: true, schema: { type: 'string' } }],
                requestBody: { required: true, ...json(ref('ReturnRequest')) },
                responses: {
                    201: { description: 'Recorded', ...json(ref('Return')) },
                    200: {
                        description: 'A retry: the original result, nothing changed',
                        ...json(ref('Return')),
                    },
                    403: error('The receipt was sold by another store'),
                    404: error('Unknown receipt'),
                    409: error('The return id was used with a different body'),
                    422: error('Returning more than is left of the receipt'),
                    ...errors,
                },
            },
        },
        '/openapi.json': {
            get: {
                summary: 'This document',
                security: [],
                responses: { 200: { description: 'OpenAPI 3.1 document', ...json({ type: 'object' }) } },
            },
        },
    },
    components: {
        securitySchemes: {
            posKey: {
                type: 'http',
                scheme: 'bearer',
                description: 'A per-store key from `npx refill pos-key create`',
            },
        },
        schemas: {
            Error: {
                type: 'object',
                required: ['error'],
                properties: {
                    error: {
                        type: 'object',
                        required: ['code', 'message'],
                        properties: {
                            code: { type: 'string', pattern: '^REFILL_[A-Z_]+$' },
                            message: { type: 'string' },
                            details: {},
                        },
                    },
                },
            },
            CustomerUpdate: {
                type: 'object',
                additionalProperties: false,
                properties: {
                    phone: { type: ['string', 'null'], description: 'Any format; stored as E.164' },
                    email: { type: ['string', 'null'], format: 'email' },
                    name: { type: ['string', 'null'] },
                    timezone: { type: ['string', 'null'], description: 'IANA timezone' },
                    locale: { type: ['string', 'null'], enum: ['ru', 'en', null] },
                    telegramChatId: { type: ['string', 'null'], description: 'Chat id of the chain bot' },
                    pushToken: { type: ['string', 'null'], description: 'Device token or app user id' },
                    consents: {
                        type: 'object',
                        description:
                            'Marketing consent per channel; also the service consent of a channel `serviceConsents` does not name. A STOP reply or an unsubscribe link withdraws marketing only.',
                        additionalProperties: false,
                        properties: Object.fromEntries(channels.map((c) => [c, consent])),
                    },
                    serviceConsents: {
                        type: 'object',
                        description:
                            'Consent to service messages (bonus expiry, balance, welcome) per channel, set apart from marketing.',
                        additionalProperties: false,
                        properties: Object.fromEntries(channels.map((c) => [c, consent])),
                    },
                },
            },
            Customer: {
                type: 'object',
                description:
                    'Contacts are masked unless the chain sets `pos.exposeContacts`: any store key could otherwise read every customer’s phone and email.',
                required: [
                    'cardNumber',
                    'phone',
                    'email',
                    'name',
                    'timezone',
                    'consents',
                    'serviceConsents',
                    'enrolledAt',
                ],
                properties: {
                    cardNumber: { type: 'string' },
                    phone: {
                        type: ['string', 'null'],
                        description:
                            'Masked: `+7 916 ***-**-67` (E.164 `+79161234567` with `pos.exposeContacts`)',
                    },
                    email: {
                        type: ['string', 'null'],
                        description: 'Masked: `i***@example.com` (whole with `pos.exposeContacts`)',
                    },
                    name: { type: ['string', 'null'] },
                    timezone: { type: ['string', 'null'] },
                    locale: { type: ['string', 'null'] },
                    telegramChatId: {
                        type: ['string', 'null'],
                        description: '`***` when set (the chat id with `pos.exposeContacts`)',
                    },
                    pushToken: {
                        type: ['string', 'null'],
                        description: '`***` when set (the token with `pos.exposeContacts`)',
                    },
                    consents: { ...consentStates, description: 'Marketing consents' },
                    serviceConsents: {
                        ...consentStates,
                        description:
                            'Service consents (bonus expiry, balance, welcome); a channel without one of its own follows its marketing consent',
                    },
                    enrolledAt: { type: 'string', format: 'date-time' },
                },
            },
            Balance: {
                type: 'object',
                required: ['cardNumber', 'available', 'pending', 'debt', 'expiries', 'offers'],
                properties: {
                    cardNumber: { type: 'string' },
                    available: int(),
                    pending: int(),
                    debt: int('Bonuses owed after returns of already-spent bonuses'),
                    expiries: {
                        type: 'array',
                        items: {
                            type: 'object',
                            required: ['date', 'amount'],
                            properties: { date: { type: 'string', format: 'date' }, amount: int() },
                        },
                    },
                    offers: {
                        type: 'array',
                        items: {
                            type: 'object',
                            required: [
                                'id',
                                'kind',
                                'category',
                                'multiplier',
                                'giftAmount',
                                'startsAt',
                                'endsAt',
                                'bonusLifetimeDays',
                            ],
                            properties: {
                                id: { type: 'integer' },
                                kind: { enum: ['multiplier', 'gift'] },
                                category: { type: ['string', 'null'] },
                                multiplier: { type: ['integer', 'null'] },
                                giftAmount: { type: ['integer', 'null'] },
                                startsAt: { type: 'string', format: 'date-time' },
                                endsAt: { type: 'string', format: 'date-time' },
                                bonusLifetimeDays: { type: 'integer' },
                            },
                        },
                    },
                },
            },
            PreviewRequest: {
                type: 'object',
                required: ['lines'],
                additionalProperties: false,
                properties: {
                    cardNumber: { type: 'string' },
                    lines: { type: 'array', minItems: 1, items: basketLine },
                    redeem: int('Bonuses the customer wants to spend'),
                    receiptId: { description: 'Accepted and ignored (a till may preview its receipt body)' },
                    storeCode: { description: 'Accepted and ignored' },
                    purchasedAt: { description: 'Accepted and ignored' },
                },
            },
            Preview: {
                type: 'object',
                required: [
                    'known',
                    'total',
                    'eligibleForRedemption',
                    'available',
                    'maxRedeemable',
                    'redeem',
                    'requestedRedeem',
                    'redeemCapped',
                    'redeemCapReason',
                    'earned',
                    'lines',
                    'offers',
                ],
                properties: {
                    known: { type: 'boolean', description: 'Whether the card is enrolled' },
                    total: int(),
                    eligibleForRedemption: int('Sum of the lines bonuses may pay for'),
                    available: int(),
                    maxRedeemable: int('The most bonuses this receipt accepts'),
                    redeem: int('The redeem the earnings assume: the requested one, capped at maxRedeemable'),
                    requestedRedeem: int('The redeem asked for'),
                    redeemCapped: {
                        type: 'boolean',
                        description:
                            'True when redeem is less than asked: committing the request as sent answers 422',
                    },
                    redeemCapReason: {
                        type: ['string', 'null'],
                        enum: ['no-eligible-lines', 'share-cap', 'balance', null],
                        description: 'The limit that capped it',
                    },
                    earned: int(),
                    lines: { type: 'array', items: lineResult },
                    offers: { type: 'array', items: appliedOffer },
                },
            },
            ReceiptRequest: {
                type: 'object',
                required: ['receiptId', 'cardNumber', 'storeCode', 'purchasedAt', 'lines'],
                additionalProperties: false,
                properties: {
                    receiptId: {
                        type: 'string',
                        maxLength: 64,
                        description: "Unique within the key's store; the idempotency key",
                    },
                    cardNumber: { type: 'string' },
                    storeCode: { type: 'string', description: "Must be the POS key's store" },
                    purchasedAt: {
                        type: 'string',
                        format: 'date-time',
                        description:
                            'RFC 3339 with an offset; within [now - pos.maxBackdateDays, now + pos.clockSkewMs]',
                    },
                    lines: { type: 'array', minItems: 1, items: basketLine },
                    redeem: int('Bonuses to spend (default 0)'),
                },
            },
            Receipt: {
                type: 'object',
                required: [
                    'receiptId',
                    'storeCode',
                    'purchasedAt',
                    'enrolled',
                    'total',
                    'redeemed',
                    'earned',
                    'lines',
                    'offers',
                    'balance',
                ],
                properties: {
                    receiptId: { type: 'string' },
                    storeCode: { type: 'string' },
                    purchasedAt: { type: 'string', format: 'date-time' },
                    enrolled: { type: 'boolean', description: 'This sale enrolled the card' },
                    total: int(),
                    redeemed: int(),
                    earned: int(),
                    lines: { type: 'array', items: lineResult },
                    offers: { type: 'array', items: appliedOffer },
                    balance: balanceAfter,
                },
            },
            ReturnRequest: {
                type: 'object',
                required: ['returnId', 'lines'],
                additionalProperties: false,
                properties: {
                    returnId: {
                        type: 'string',
                        maxLength: 64,
                        description: "The idempotency key of the return, unique within the key's store",
                    },
                    returnedAt: {
                        type: 'string',
                        format: 'date-time',
                        description:
                            'RFC 3339 with an offset; within [the sale, now + pos.clockSkewMs]; default now',
                    },
                    receiptStoreCode: {
                        type: 'string',
                        description:
                            "The store that sold the receipt, when it is not the key's store (needs returns.allowCrossStore)",
                    },
                    lines: {
                        type: 'array',
                        minItems: 1,
                        items: {
                            type: 'object',
                            required: ['sku', 'quantity'],
                            additionalProperties: false,
                            properties: {
                                sku: { type: 'string' },
                                quantity: { type: 'number', exclusiveMinimum: 0 },
                            },
                        },
                    },
                },
            },
            Return: {
                type: 'object',
                required: [
                    'returnId',
                    'receiptId',
                    'amount',
                    'reversed',
                    'refunded',
                    'shortfall',
                    'lines',
                    'balance',
                ],
                properties: {
                    returnId: { type: 'string' },
                    receiptId: { type: 'string' },
                    amount: int('Money returned'),
                    reversed: int('Earned bonuses taken back'),
                    refunded: int('Spent bonuses given back'),
                    shortfall: int('Reversal not covered by the balance (debt or written off)'),
                    lines: {
                        type: 'array',
                        items: {
                            type: 'object',
                            required: ['lineNo', 'sku', 'quantity', 'amount', 'reversed', 'refunded'],
                            properties: {
                                lineNo: int(),
                                sku: { type: 'string' },
                                quantity: { type: 'number' },
                                amount: int(),
                                reversed: int(),
                                refunded: int(),
                            },
                        },
                    },
                    balance: balanceAfter,
                },
            },
        },
    },
} as const;
