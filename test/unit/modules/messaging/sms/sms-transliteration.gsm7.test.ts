import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countSegments } from '../../../../../plugin/modules/messaging/sms/sms-segments.js';
import {
    cheaperVariant,
    transliterate,
    TRANSLIT_SCHEMES,
    type TranslitScheme,
} from '../../../../../plugin/modules/messaging/sms/sms-transliteration.js';
import {
    formatBonuses,
    formatMoney,
    templateHelpers,
    type HelperContext,
} from '../../../../../plugin/modules/messaging/templates/template-helpers.js';
import { MESSAGE_KINDS } from '../../../../../plugin/kernel/vocabulary/message-kinds.js';
import { TemplateRenderer } from '../../../../../plugin/modules/messaging/templates/template-renderer.js';
import {
    sampleData,
    sparseSampleData,
} from '../../../../../plugin/modules/messaging/templates/template-samples.js';
import {
    FileTemplateSource,
    LayeredTemplateSource,
    type TemplateSource,
} from '../../../../../plugin/modules/messaging/templates/template-source.js';

const schemes = Object.keys(TRANSLIT_SCHEMES) as TranslitScheme[];
const gsm7 = (text: string) => {
    const count = countSegments(text);
    return { encoding: count.encoding, unicode: count.unicodeCharacters };
};
const pure = { encoding: 'GSM-7', unicode: [] };

/** The sample data with every amount at or above 1,000 (roubles, bonuses), where Russian groups digits. */
function withLargeAmounts(sample: Record<string, unknown>): Record<string, unknown> {
    const offer = sample.offer as Record<string, unknown>;
    return {
        ...sample,
        customer: { ...(sample.customer as object), balance: 1_234_550 },
        offer: { ...offer, giftAmount: 150_000 },
        expiry: { ...(sample.expiry as object), amount: 120_000 },
        purchase: { earned: 135_050, total: 4_500_000 },
    };
}

describe('transliteration to GSM-7', () => {
    it('every shipped Russian SMS template, rendered with the sample data and amounts ≥ 1,000, transliterates to pure GSM-7', async () => {
        const renderer = new TemplateRenderer(new FileTemplateSource(join(process.cwd(), 'templates')));
        let typography = 0;
        for (const kind of MESSAGE_KINDS)
            for (const sample of [sampleData('ru'), sparseSampleData('ru')])
                for (const multiplier of [5, null]) {
                    const data = withLargeAmounts(sample);
                    (data.offer as Record<string, unknown>).multiplier = multiplier;
                    const rendered = await renderer.render(kind, 'sms', 'ru', data);
                    if ('subject' in rendered) throw new Error('an SMS renders text');
                    if (/[^\p{L}\p{N}\p{P}\p{S} ]|[«»—№₽]/u.test(rendered.text)) typography++;
                    for (const scheme of schemes)
                        expect(gsm7(transliterate(rendered.text, scheme)), `${kind} ${scheme}`).toEqual(pure);
                }
        // The renders did carry no-break spaces, guillemets or ₽: the case the mapping is for.
        expect(typography).toBeGreaterThan(0);
    });

    it('a transliteration-opted SMS whose Cyrillic original takes 2 segments goes out as 1 GSM-7 segment', async () => {
        const text =
            '{{!-- transliterate: icao_doc_9303 --}}{{customer.name}}, для вас в {{chain.name}}: ' +
            '{{bonuses offer.giftAmount}} в подарок до {{date offer.endsAt}}. Баланс {{bonuses customer.balance}}.';
        const saved: TemplateSource = {
            origin: 'database',
            find: async () => null,
            exact: async (kind, channel, locale) =>
                `${kind}/${channel}.${locale}` === 'lapse-offer/sms.ru' ? text : null,
        };
        const renderer = new TemplateRenderer(new LayeredTemplateSource([saved]));
        const rendered = await renderer.render(
            'lapse-offer',
            'sms',
            'ru',
            withLargeAmounts(sampleData('ru')),
        );
        if ('subject' in rendered) throw new Error('an SMS renders text');
        expect(rendered.text).toContain('1\u00a0500');
        const variant = cheaperVariant(rendered.text, {
            transliterate: true,
            scheme: rendered.transliterate,
        });
        expect(variant.original).toMatchObject({ encoding: 'UCS-2', segments: 2 });
        expect(variant).toMatchObject({ transliterated: true, encoding: 'GSM-7', segments: 1 });
        expect(variant.text).toBe(
            'Anna, dlia vas v Apteka "Zdorove": 1 500 bonusov v podarok do 5 dekabria. Balans 12 345,5 bonusa.',
        );
    });

    it('maps every Unicode space, dash, quotation mark, format character and currency sign to GSM-7', () => {
        const categories = /[\p{Zs}\p{Zl}\p{Zp}\p{Pd}\p{Pi}\p{Pf}\p{Sc}\p{Cf}\p{Mn}]/u;
        const extra = '‚„〝〞〟…‥№′″•·−×÷±≤≥≠≈‰⁄´`ʼ½¼¾²ﬁＡ１＄￡̀';
        const chars = [...extra];
        for (let cp = 0; cp < 0x110000; cp++) {
            if (cp >= 0xd800 && cp <= 0xdfff) continue;
            const ch = String.fromCodePoint(cp);
            if (categories.test(ch)) chars.push(ch);
        }
        expect(chars.length).toBeGreaterThan(250);
        for (const ch of chars) {
            const out = transliterate(`a${ch}b`, 'icao_doc_9303');
            expect(gsm7(out), `U+${ch.codePointAt(0)!.toString(16)} → ${JSON.stringify(out)}`).toEqual(pure);
        }
        expect(transliterate('№\u00a05 — «1\u202f200\u00a0₽» – ‘да’…', 'icao_doc_9303')).toBe(
            'No 5 - "1 200 RUB" - \'da\'...',
        );
    });

    it('what the money, bonus and date helpers print in either language transliterates to GSM-7', () => {
        const helpers = templateHelpers();
        const zones = ['Europe/Moscow', 'Asia/Vladivostok', 'Europe/Kaliningrad'];
        fc.assert(
            fc.property(
                fc.integer({ min: -1e11, max: 1e11 }),
                fc.date({ min: new Date('2026-01-01Z'), max: new Date('2027-12-31Z'), noInvalidDate: true }),
                fc.constantFrom('ru' as const, 'en' as const),
                fc.constantFrom(...zones),
                fc.constantFrom(...schemes),
                (amount, at, locale, timezone, scheme) => {
                    const ctx: HelperContext = { locale, timezone, currency: 'RUB' };
                    const options = { data: { root: { _ctx: ctx } } };
                    const printed = [
                        formatMoney(amount, ctx),
                        formatBonuses(amount, ctx),
                        helpers.date(at.toISOString(), options),
                        helpers.datetime(at.toISOString(), options),
                        helpers.plural(amount, 'бонус', 'бонуса', 'бонусов', options),
                    ].join(' | ');
                    expect(gsm7(transliterate(printed, scheme)), printed).toEqual(pure);
                },
            ),
            { numRuns: 300 },
        );
    });

    it('keeps what has no GSM-7 equivalent, so such a text stays UCS-2 and the original is sent', () => {
        const text = 'Ждём вас 😀';
        expect(transliterate(text, 'icao_doc_9303')).toBe('Zhdem vas 😀');
        expect(cheaperVariant(text, { transliterate: true })).toMatchObject({ transliterated: false });
    });
});
