import Joi from 'joi';

/** A code an operator gives a campaign or a category: 1 to 64 letters, digits and `. _ -`. */
export const adminCode = Joi.string().pattern(/^[A-Za-z0-9._-]{1,64}$/);
/** A percentage, 0 to 100 with two decimals. */
export const percent = Joi.number().min(0).max(100).precision(2);

/** Path parameters. */
export const idParams = Joi.object({ id: Joi.number().integer().min(1).max(2_147_483_647).required() });
/** Path parameters. */
export const codeParams = Joi.object({ code: adminCode.required() });

/** Why a store-desk action is taken: recorded in the audit log (3 to 500 characters). */
export const deskReason = Joi.string().trim().min(3).max(500);
/**
 * A client's key that makes a write safe to retry: 8 to 64 printable ASCII
 * characters (a UUID does). A retry with the key answers the first result.
 */
export const idempotencyKey = Joi.string()
    .pattern(/^[\x21-\x7e]{8,64}$/)
    .message('must be 8 to 64 printable ASCII characters, e.g. a UUID');
