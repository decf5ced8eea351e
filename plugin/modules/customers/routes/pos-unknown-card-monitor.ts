import type { Request, RequestHandler, Response } from 'express';
import { LRUCache } from 'lru-cache';
import type { RefillLogger } from '../../../kernel/logging/logger.port.js';
import { posIdentity } from '../../admin/index.js';
import { posKeyFingerprint, posKeyHint } from './pos-card-read-limit.js';

/** How unknown-card lookups are watched. */
export interface UnknownCardMonitorOptions {
    /** Lookups of unknown cards by one key within the window that raise a warning. */
    warnAt: number;
    windowMinutes: number;
    logger: RefillLogger;
    /** Milliseconds now (tests may pass their own). */
    now?: () => number;
}

/**
 * Counts the unknown-card lookups of each POS key — a 404 on a customer
 * route, or a preview of a card answered `known: false` — in fixed windows, and logs
 * one warning per key and window when they reach `warnAt`: a key guessing
 * card numbers is a possible enumeration. The warning names the store and
 * the key's hint, never a card number. Counts live in this instance.
 */
export function unknownCardMonitor(options: UnknownCardMonitorOptions): RequestHandler {
    const windowMs = options.windowMinutes * 60_000;
    const now = options.now ?? Date.now;
    const windows = new LRUCache<string, { startedAt: number; count: number }>({ max: 10_000 });

    const record = (req: Request, res: Response) => {
        const key = posKeyFingerprint(req);
        const at = now();
        let window = windows.get(key);
        if (!window || at - window.startedAt >= windowMs) {
            window = { startedAt: at, count: 0 };
            windows.set(key, window);
        }
        window.count++;
        if (window.count === options.warnAt)
            options.logger.warn(
                {
                    storeCode: posIdentity(res)?.storeCode,
                    keyHint: posKeyHint(req),
                    unknownCardLookups: window.count,
                    windowMinutes: options.windowMinutes,
                },
                'possible card enumeration: many unknown-card lookups by one POS key',
            );
    };

    return (req, res, next) => {
        const json = res.json.bind(res);
        res.json = (body: unknown) => {
            const askedCard =
                typeof (req.body as { cardNumber?: unknown } | undefined)?.cardNumber === 'string';
            const unknownCard =
                res.statusCode === 404 ||
                (askedCard &&
                    body !== null &&
                    typeof body === 'object' &&
                    (body as { known?: unknown }).known === false);
            if (unknownCard) record(req, res);
            return json(body);
        };
        next();
    };
}
