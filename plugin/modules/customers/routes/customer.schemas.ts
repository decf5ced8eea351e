import Joi from 'joi';
import { ianaTimezone, tillTime } from '../../../kernel/http/pos.schemas.js';
import { CONSENT_CHANNELS, type CustomerUpdate } from '../services/customer.service.js';

const consent = Joi.object({ granted: Joi.boolean().strict().required(), at: tillTime });

/** PUT /customers/:cardNumber */
export const customerBody = Joi.object<CustomerUpdate>({
    phone: Joi.string().max(32).allow(null).description('Any format; stored as E.164'),
    email: Joi.string().email({ tlds: false }).max(254).allow(null),
    name: Joi.string().max(255).allow(null),
    timezone: ianaTimezone.allow(null).description('IANA timezone'),
    locale: Joi.string().valid('ru', 'en').allow(null),
    telegramChatId: Joi.string()
        .pattern(/^-?\d{1,20}$/)
        .message('must be a Telegram chat id (digits)')
        .allow(null)
        .description('Chat id of the chain bot'),
    pushToken: Joi.string().max(255).allow(null).description('Device token or app user id'),
    consents: Joi.object(Object.fromEntries(CONSENT_CHANNELS.map((c) => [c, consent]))).description(
        'Marketing consent per channel; also the service consent of a channel `serviceConsents` does not name. A STOP reply or an unsubscribe link withdraws marketing only.',
    ),
    serviceConsents: Joi.object(Object.fromEntries(CONSENT_CHANNELS.map((c) => [c, consent]))).description(
        'Consent to service messages (bonus expiry, balance, welcome) per channel, set apart from marketing.',
    ),
});

/** PUT /customers/:card/card-kind (admin API). */
export const cardKindBody = Joi.object({
    cardKind: Joi.string().valid('regular', 'test', 'employee').required(),
});
/** `:card` in the admin API's card-kind path. */
export const adminCardParams = Joi.object({
    card: Joi.string()
        .pattern(/^[0-9A-Za-z-]{4,64}$/)
        .required(),
});
