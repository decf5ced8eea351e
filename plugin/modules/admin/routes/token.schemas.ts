import Joi from 'joi';
import { ADMIN_ROLES } from '../../../kernel/vocabulary/admin-roles.js';

/** POST /tokens. */
export const tokenBody = Joi.object({
    name: Joi.string()
        .pattern(/^[A-Za-z0-9._-]{1,128}$/)
        .required(),
    role: Joi.string()
        .valid(...ADMIN_ROLES)
        .required(),
});
