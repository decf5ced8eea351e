import { randomBytes } from 'node:crypto';
import Handlebars from 'handlebars';
import { convert } from 'html-to-text';
import { RefillError } from '../../../kernel/errors/refill-error.js';
import type { Channel } from '../../../kernel/vocabulary/channels.js';
import { trafficOf, type MessageKind } from '../../../kernel/vocabulary/message-kinds.js';
import type { TemplateChannel } from '../../../kernel/vocabulary/template-channels.js';
import { TRANSLIT_SCHEMES, type TranslitScheme } from '../sms/sms-transliteration.js';
import { templateHelpers, type HelperContext, type TemplateLocale } from './template-helpers.js';
import { sampleData, sparseSampleData } from './template-samples.js';
import {
    compileRule,
    handlebarsPosition,
    lineOf,
    NO_OFFSET,
    templateRefused,
    type PartOffset,
} from './template-errors.js';
import type { TemplateSource } from './template-source.js';


/**
 * A rendered message: text for SMS and messengers (with the transliteration
 * scheme an SMS template opted into), subject + HTML + text for email.
 */
export type RenderedMessage =
    | { text: string; transliterate?: TranslitScheme }
    | { subject: string; html: string; text: string };

/** Handlebars' built-in helpers a template may use. */
const BUILT_IN = ['if', 'unless', 'each', 'with', 'lookup'];
/**
 * Built-ins removed from the instance and refused at compile time: `log`
 * writes its arguments (`{{log @root}}`: names, signed unsubscribe URLs) to
 * the process's console.
 */
const REMOVED_BUILT_INS = ['log'];
/** `{{!-- transliterate: icao_doc_9303 --}}` (or `{{! transliterate: … }}`) anywhere in a template. */
const TRANSLIT_DIRECTIVE = /\{\{!(?:--)?\s*transliterate\s*:\s*([^\s}]*?)\s*(?:--)?\}\}/;
type Compiled = (data: unknown) => string;
/** A compiled template: its parts (text, or subject and HTML) and its transliteration opt-in. */
interface CompiledTemplate {
    parts: Compiled[];
    transliterate: TranslitScheme | undefined;
}

/**
 * Renders message templates with ONE Handlebars instance per Refill
 * instance (helpers never leak between instances or into the host's
 * Handlebars; Handlebars' `log`, which would print data to the console, is
 * removed). SMS and messenger text compiles without HTML escaping; email
 * HTML escapes. Email templates are `subject: …`, a `---` line, then HTML;
 * the plain-text part is derived from the HTML. A template that does not
 * compile, uses an unknown helper, renders to nothing, or (marketing email)
 * renders no unsubscribe link is refused by {@link validate}, so it is
 * refused when saved, never at send time. An SMS template may opt into transliteration
 * with `{{!-- transliterate: <scheme> --}}` (a key of `TRANSLIT_SCHEMES`);
 * the scheme travels with the rendered text, and the sender picks the
 * cheaper variant.
 */
export class TemplateRenderer {
    private readonly handlebars = Handlebars.create();
    private readonly cache = new Map<string, CompiledTemplate & { source: string }>();
    private readonly helperNames: string[];

    constructor(
        private readonly source: TemplateSource,
        private readonly defaults: { timezone: string; currency: string } = {
            timezone: 'Europe/Moscow',
            currency: 'RUB',
        },
    ) {
        const helpers = templateHelpers();
        for (const name of REMOVED_BUILT_INS) this.handlebars.unregisterHelper(name);
        for (const [name, fn] of Object.entries(helpers)) this.handlebars.registerHelper(name, fn);
        this.helperNames = Object.keys(helpers);
    }

    /** Renders a message for a reader in their locale and timezone. */
    async render(
        kind: MessageKind,
        channel: Channel,
        locale: TemplateLocale,
        data: Record<string, unknown>,
        timezone = this.defaults.timezone,
    ): Promise<RenderedMessage> {
        const found = await this.source.find(kind, channel, locale);
        if (!found)
            throw new RefillError('REFILL_NOT_FOUND', `No ${channel} template for ${kind} (${locale})`, {
                kind,
                channel,
                locale,
            });
        const key = `${kind}/${channel}/${found.locale}`;
        let compiled = this.cache.get(key);
        if (!compiled || compiled.source !== found.source) {
            compiled = { source: found.source, ...this.compile(kind, channel, found.source) };
            this.cache.set(key, compiled);
        }
        return this.output(channel, compiled, found.locale, data, timezone);
    }

    /**
     * Renders a template source that is not stored (an edit being previewed)
     * the way {@link render} renders a stored one. Validate it first: a
     * broken source throws the same coded error.
     */
    renderSource(
        kind: MessageKind,
        channel: TemplateChannel,
        locale: TemplateLocale,
        source: string,
        data: Record<string, unknown>,
        timezone = this.defaults.timezone,
    ): RenderedMessage {
        return this.output(channel, this.compile(kind, channel, source), locale, data, timezone);
    }

    /** Renders a template with built-in sample data (a customer, an offer, an expiry, a balance). */
    preview(kind: MessageKind, channel: Channel, locale: TemplateLocale): Promise<RenderedMessage> {
        return this.render(kind, channel, locale, sampleData(locale), this.defaults.timezone);
    }

    /**
     * Refuses a template source that would fail at send time; throws a coded
     * error with the reason and position. The template is rendered with the
     * full and the sparse sample data: it must render without error, to
     * something (not only whitespace) on every part, and a marketing email's
     * HTML must contain the unsubscribe link it was given (a link in a
     * comment or under a condition the sample misses does not count).
     */
    validate(kind: MessageKind, channel: TemplateChannel, source: string): void {
        const compiled = this.compile(kind, channel, source);
        const unsubscribeUrl = `https://refill.invalid/unsubscribe/${randomBytes(8).toString('hex')}`;
        for (const sample of [sampleData('ru'), sparseSampleData('ru')]) {
            let out: RenderedMessage;
            try {
                out = this.output(
                    channel,
                    compiled,
                    'ru',
                    { ...sample, unsubscribeUrl },
                    this.defaults.timezone,
                );
            } catch (error) {
                throw templateRefused(kind, channel, (error as Error).message, 'render');
            }
            const parts = 'html' in out ? { subject: out.subject, body: out.text } : { text: out.text };
            for (const [part, text] of Object.entries(parts))
                if (text.trim() === '')
                    throw templateRefused(
                        kind,
                        channel,
                        `the ${part} renders to nothing; write the message`,
                        'empty',
                    );
            if ('html' in out && trafficOf(kind) === 'marketing' && !out.html.includes(unsubscribeUrl))
                throw templateRefused(
                    kind,
                    channel,
                    'a marketing email must show the unsubscribe link {{unsubscribeUrl}}',
                    'unsubscribe',
                    lineOf(source, /<\/body>|$/),
                );
        }
    }

    /** Forgets compiled templates (after an override was saved or removed). */
    invalidate(): void {
        this.cache.clear();
    }

    private output(
        channel: TemplateChannel,
        compiled: CompiledTemplate,
        locale: TemplateLocale,
        data: Record<string, unknown>,
        timezone: string,
    ): RenderedMessage {
        const ctx: HelperContext = { locale, timezone, currency: this.defaults.currency };
        const input = { ...data, _ctx: ctx };
        if (channel !== 'email') {
            const text = compiled.parts[0](input).trim();
            const scheme = channel === 'sms' ? compiled.transliterate : undefined;
            return scheme ? { text, transliterate: scheme } : { text };
        }
        const subject = compiled.parts[0](input).trim();
        const html = compiled.parts[1](input).trim();
        return { subject, html, text: convert(html, { wordwrap: 78 }) };
    }

    private compile(kind: MessageKind, channel: TemplateChannel, source: string): CompiledTemplate {
        const transliterate = translitScheme(kind, channel, source);
        const email = channel === 'email';
        let texts = [source];
        let offsets: PartOffset[] = [NO_OFFSET];
        if (email) {
            const trimmed = source.trimStart();
            const match = /^subject:(.*)\r?\n---\r?\n([\s\S]*)$/.exec(trimmed);
            if (!match)
                throw templateRefused(
                    kind,
                    channel,
                    'an email template is "subject: …", a line "---", then the HTML',
                    'email-shape',
                    { line: source.slice(0, source.length - trimmed.length).split('\n').length },
                );
            texts = [match[1], match[2]];
            const lead = source.slice(0, source.length - trimmed.length).split('\n');
            const subject = { lines: lead.length - 1, columns: lead[lead.length - 1].length + 'subject:'.length };
            offsets = [subject, { lines: subject.lines + 2, columns: 0 }];
        }
        // Handlebars adds its built-ins to `knownHelpers` unless they are named false.
        const knownHelpers = Object.fromEntries([
            ...[...this.helperNames, ...BUILT_IN].map((h) => [h, true]),
            ...REMOVED_BUILT_INS.map((h) => [h, false]),
        ]);
        const parts = texts.map((text, i) => {
            try {
                this.handlebars.precompile(text, { knownHelpers, knownHelpersOnly: true });
                return this.handlebars.compile(text, {
                    noEscape: !email || i === 0,
                    strict: false,
                    knownHelpers,
                    knownHelpersOnly: true,
                }) as Compiled;
            } catch (error) {
                throw templateRefused(
                    kind,
                    channel,
                    (error as Error).message,
                    compileRule(error),
                    handlebarsPosition(error, offsets[i]),
                );
            }
        });
        return { parts, transliterate };
    }
}

/** The transliteration scheme a template opts into, if any; an unknown name is refused. */
function translitScheme(kind: string, channel: string, source: string): TranslitScheme | undefined {
    const name = TRANSLIT_DIRECTIVE.exec(source)?.[1];
    if (name === undefined) return undefined;
    if (!Object.hasOwn(TRANSLIT_SCHEMES, name))
        throw templateRefused(
            kind,
            channel,
            `unknown transliteration scheme "${name}"; use one of: ${Object.keys(TRANSLIT_SCHEMES).join(', ')}`,
            'transliteration',
            lineOf(source, TRANSLIT_DIRECTIVE),
        );
    return name as TranslitScheme;
}
