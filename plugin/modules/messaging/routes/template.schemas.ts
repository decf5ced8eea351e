import Joi from 'joi';
import { isoTime } from '../../../kernel/http/page.js';
import { cardNumber } from '../../../kernel/http/pos.schemas.js';
import { MESSAGE_KINDS } from '../../../kernel/vocabulary/message-kinds.js';
import { TEMPLATE_CHANNELS } from '../../../kernel/vocabulary/template-channels.js';
import { TEMPLATE_LOCALES } from '../services/template.service.js';
import { TRANSLIT_SCHEMES } from '../sms/sms-transliteration.js';

/*
 * The template routes' inputs and answers, as joi schemas for validation,
 * the OpenAPI document and the admin UI's generated types. Named with
 * `.id()` so the document lists each once.
 */

const kind = Joi.string().valid(...MESSAGE_KINDS);
const channel = Joi.string().valid(...TEMPLATE_CHANNELS);
const locale = Joi.string().valid(...TEMPLATE_LOCALES);
const source = Joi.string().min(1).max(20_000);
const encoding = Joi.string().valid('GSM-7', 'UCS-2');
const scheme = Joi.string().valid(...Object.keys(TRANSLIT_SCHEMES));

/** `:kind/:channel/:locale`. */
export const templateParams = Joi.object({
    kind: kind.required(),
    channel: channel.required(),
    locale: locale.required(),
});
/** `:kind/:channel/:locale/history/:id`. */
export const versionParams = templateParams.keys({ id: Joi.number().integer().min(1).required() });
/** PUT body. */
export const saveBody = Joi.object({ source: source.required() });
/** POST /templates/preview. */
export const previewBody = Joi.object({
    kind: kind.required(),
    channel: channel.required(),
    locale: locale.required(),
    source,
    cardNumber: cardNumber.description('Render with this customer’s data instead of the samples'),
});
/** GET …/preview. */
export const previewQuery = Joi.object({
    cardNumber: cardNumber.description('Render with this customer’s data instead of the samples'),
});
/** GET /templates/variables. */
export const variablesQuery = Joi.object({ kind: kind.required(), locale: locale.default('ru') });

const info = {
    kind: kind.required(),
    channel: channel.required(),
    locale: locale.required(),
    origin: Joi.string()
        .allow(null)
        .required()
        .description('`database` (saved), `file` (shipped), `fallback:<channel>.<locale>`, or null (none)'),
    updatedBy: Joi.string().allow(null).required().description('Who saved the template in use'),
    updatedAt: isoTime.allow(null).required(),
};

/** One template as listed. */
export const templateInfoSchema = Joi.object(info).id('TemplateInfo');
/** A template with its source. */
export const templateViewSchema = Joi.object({ ...info, source: Joi.string().allow('').required() }).id(
    'TemplateView',
);
/** `{ templates }`. */
export const templateListAnswer = Joi.object({ templates: Joi.array().items(templateInfoSchema).required() });
/** `{ template }`. */
export const templateAnswer = Joi.object({ template: templateViewSchema.required() });

/** One version in a template's history. */
export const templateVersionSchema = Joi.object({
    id: Joi.number().integer().required(),
    kind: kind.required(),
    channel: channel.required(),
    locale: locale.required(),
    action: Joi.string().valid('save', 'restore', 'revert').required(),
    source: Joi.string().allow(null).required().description('Null for a revert to the shipped file'),
    restoredFrom: Joi.number().integer().allow(null).required(),
    savedBy: Joi.string().required(),
    savedAt: isoTime.required(),
}).id('TemplateVersion');
/** `{ versions }`, newest first. */
export const historyAnswer = Joi.object({ versions: Joi.array().items(templateVersionSchema).required() });

/** One variable a kind's template can use. */
export const templateVariableSchema = Joi.object({
    name: Joi.string().required().description('Its path in the data (`customer.name`)'),
    description: Joi.string().required(),
    insert: Joi.string()
        .required()
        .description('What an editor inserts (through a helper for amounts and dates)'),
    sample: Joi.string().allow('').required().description('The sample value as the data holds it'),
    example: Joi.string().allow('').required().description('`insert` rendered with the sample data'),
}).id('TemplateVariable');
/** `{ variables }`. */
export const variablesAnswer = Joi.object({
    variables: Joi.array().items(templateVariableSchema).required(),
});

const variantCost = {
    text: Joi.string().allow('').required(),
    segments: Joi.number().integer().required(),
    encoding: encoding.required(),
    characters: Joi.number().integer().required(),
};
const smsSchema = Joi.object({
    text: Joi.string().allow('').required().description('What would be sent'),
    segments: Joi.number().integer().required(),
    encoding: encoding.required(),
    characters: Joi.number().integer().required(),
    transliterated: Joi.boolean().required().description('Whether the transliterated variant would be sent'),
    scheme: scheme.allow(null).required().description('The scheme the template opted into'),
    original: Joi.object({
        segments: Joi.number().integer().required(),
        encoding: encoding.required(),
    }).required(),
    candidate: Joi.object({
        text: Joi.string().allow('').required(),
        segments: Joi.number().integer().required(),
        encoding: encoding.required(),
    })
        .allow(null)
        .required(),
    variants: Joi.object({
        asIs: Joi.object(variantCost).required(),
        transliterated: Joi.object({ ...variantCost, scheme: scheme.required() }).required(),
    })
        .required()
        .description('Both variants, whether or not the template opted in'),
}).id('SmsPreview');

/** `{ preview }`. */
export const previewAnswer = Joi.object({
    preview: Joi.object({
        message: Joi.object({
            text: Joi.string().allow('').required(),
            subject: Joi.string().allow(''),
            html: Joi.string().allow(''),
            transliterate: scheme,
        }).required(),
        sms: smsSchema,
        customer: Joi.object({
            cardNumber: Joi.string().required(),
            name: Joi.string().allow(null).required(),
        })
            .allow(null)
            .required(),
        sampled: Joi.array().items(Joi.string()).required().description('Data groups taken from the samples'),
    })
        .required()
        .id('TemplatePreview'),
});
