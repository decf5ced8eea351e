import Joi from 'joi';
import { ianaTimezone, tillTime } from '../../../kernel/http/pos.schemas.js';
import { CONSENT_CHANNELS, type CustomerUpdate } from '../services/customer.service.js';

const consent = Joi.object({ granted: Joi.boolean().strict().required(), at: tillTime });

/** PUT /customers/:cardNumber */
export const customerBody = Joi.object<CustomerUpdate>({
    phone: Joi.string().max(32).allow(null),
    email: Joi.string().email({ tlds: false }).max(254).allow(null),
    name: Joi.string().max(255).allow(null),
    timezone: ianaTimezone.allow(null),
    locale: Joi.string().valid('ru', 'en').allow(null),
    telegramChatId: Joi.string()
        .pattern(/^-?\d{1,20}$/)
        .message('must be a Telegram chat id (digits)')
        .allow(null),
    pushToken: Joi.string().max(255).allow(null),
    consents: Joi.object(Object.fromEntries(CONSENT_CHANNELS.map((c) => [c, consent]))),
    serviceConsents: Joi.object(Object.fromEntries(CONSENT_CHANNELS.map((c) => [c, consent]))),
});
