import Joi from 'joi';

/** A code an operator gives a campaign or a category: 1 to 64 letters, digits and `. _ -`. */
export const adminCode = Joi.string().pattern(/^[A-Za-z0-9._-]{1,64}$/);
/** A percentage, 0 to 100 with two decimals. */
export const percent = Joi.number().min(0).max(100).precision(2);

/** Path parameters. */
export const idParams = Joi.object({ id: Joi.number().integer().min(1).max(2_147_483_647).required() });
/** Path parameters. */
export const codeParams = Joi.object({ code: adminCode.required() });
