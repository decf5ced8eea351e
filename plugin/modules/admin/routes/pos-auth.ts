import type { RequestHandler } from 'express';
import { RefillError } from '../../../kernel/errors/refill-error.js';
import type { PosIdentity } from '../services/pos-identity.js';
import type { PosKeyService } from '../services/pos-key.service.js';

/** The store a request was authenticated for (set by {@link posAuth}). */
export function posIdentity(res: { locals: Record<string, unknown> }): PosIdentity {
    return res.locals.pos as PosIdentity;
}

/** Requires `Authorization: Bearer <key>` with a valid, unrevoked POS key. */
export function posAuth(keys: PosKeyService): RequestHandler {
    return async (req, res, next) => {
        const header = req.headers.authorization ?? '';
        const match = /^Bearer\s+(\S+)$/i.exec(header);
        if (!match || match[1].length > 200)
            throw new RefillError('REFILL_UNAUTHORIZED', 'A POS key is required');
        const found = await keys.verify(match[1]);
        if (!found) throw new RefillError('REFILL_UNAUTHORIZED', 'Unknown or revoked POS key');
        res.locals.pos = { storeId: found.storeId, storeCode: found.storeCode } satisfies PosIdentity;
        await keys.recordUse(found.keyId, req.ip ?? req.socket.remoteAddress ?? 'unknown');
        next();
    };
}
