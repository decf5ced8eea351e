import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countSegments } from '../../../../../plugin/modules/messaging/sms/sms-segments.js';
import {
    formatBonuses,
    formatMoney,
    pluralWord,
} from '../../../../../plugin/modules/messaging/templates/template-helpers.js';
import { CHANNELS } from '../../../../../plugin/kernel/vocabulary/channels.js';
import { MESSAGE_KINDS } from '../../../../../plugin/kernel/vocabulary/message-kinds.js';
import { TemplateRenderer } from '../../../../../plugin/modules/messaging/templates/template-renderer.js';
import {
    FileTemplateSource,
    LayeredTemplateSource,
    type TemplateSource,
} from '../../../../../plugin/modules/messaging/templates/template-source.js';

const dir = join(process.cwd(), 'templates');
const files = new FileTemplateSource(dir);
const kinds = MESSAGE_KINDS;
const channels = CHANNELS;

describe('shipped templates', () => {
    const renderer = new TemplateRenderer(files);

    it('every kind renders on every channel in both locales', async () => {
        for (const kind of kinds)
            for (const channel of channels)
                for (const locale of ['ru', 'en'] as const) {
                    const out = await renderer.preview(kind, channel, locale);
                    const text = 'html' in out ? out.subject + out.html + out.text : out.text;
                    expect(text, `${kind}/${channel}.${locale}`).not.toMatch(/\{\{|undefined|NaN/);
                    if ('html' in out) expect(out.subject.length).toBeGreaterThan(3);
                }
    });

    it('read well for gift offers and customers without a name', async () => {
        const data = {
            customer: { name: null, balance: 45_000 },
            offer: { kind: 'gift', multiplier: null, giftAmount: 30_000, endsAt: '2026-12-05T20:59:00Z' },
            category: { publicLabel: 'товары для сердца' },
            expiry: { amount: 15_000, at: '2026-12-01T20:59:00Z' },
            purchase: { earned: 1_350, total: 45_000 },
            chain: { name: 'Аптека' },
            unsubscribeUrl: 'https://example.com/u/x',
        };
        const sms = (await renderer.render('lapse-offer', 'sms', 'ru', data)) as { text: string };
        expect(sms.text).toBe('Для вас персональное предложение: 300 бонусов в подарок до 5 декабря');
        const en = (await renderer.render('lapse-offer', 'telegram', 'en', data)) as { text: string };
        expect(en.text).toMatch(/^A personal offer at Аптека: 300 bonuses as a gift with your purchase until/);
        for (const kind of kinds)
            for (const channel of channels)
                for (const locale of ['ru', 'en'] as const) {
                    const out = await renderer.render(kind, channel, locale, data);
                    const text = 'html' in out ? out.subject + out.html : out.text;
                    expect(text, `${kind}/${channel}.${locale}`).not.toMatch(/^,|null|undefined|NaN|x бонус|x bonus/);
                }
    });

    it('keep Russian SMS in one UCS-2 segment', async () => {
        for (const kind of kinds) {
            const out = (await renderer.preview(kind, 'sms', 'ru')) as { text: string };
            expect(countSegments(out.text).segments, `${kind}: ${out.text}`).toBe(1);
        }
    });

    it('never name the drug or the condition outside email', () => {
        for (const kind of readdirSync(dir).filter((d) => !d.endsWith('.md')))
            for (const file of readdirSync(join(dir, kind)).filter((f) => !f.startsWith('email.')))
                expect(readFileSync(join(dir, kind, file), 'utf8'), `${kind}/${file}`).not.toMatch(
                    /category\.|product|atc|sku|drug|condition/i,
                );
    });

    it('passes their own validation (marketing email has the unsubscribe link)', () => {
        for (const kind of kinds)
            for (const channel of ['sms', 'email'] as const)
                for (const locale of ['ru', 'en'])
                    renderer.validate(
                        kind,
                        channel,
                        readFileSync(join(dir, kind, `${channel}.${locale}.hbs`), 'utf8'),
                    );
    });
});

describe('TemplateRenderer', () => {
    const memory = (templates: Record<string, string>): TemplateSource => ({
        async find(kind, channel, locale) {
            const source = templates[`${kind}/${channel}.${locale}`];
            return source === undefined ? null : { source, locale };
        },
    });

    it('does not escape SMS text and escapes email HTML', async () => {
        const r = new TemplateRenderer(
            memory({
                'welcome/sms.ru': 'Hi {{customer.name}} & <b>',
                'welcome/email.ru': 'subject: Hi {{customer.name}}\n---\n<p>{{customer.name}}</p>',
            }),
        );
        const data = { customer: { name: 'Tom & <Jerry>' } };
        expect(await r.render('welcome', 'sms', 'ru', data)).toEqual({ text: 'Hi Tom & <Jerry> & <b>' });
        const mail = await r.render('welcome', 'email', 'ru', data);
        expect(mail).toMatchObject({ subject: 'Hi Tom & <Jerry>', html: '<p>Tom &amp; &lt;Jerry&gt;</p>' });
        expect('text' in mail && mail.text).toBe('Tom & <Jerry>');
    });

    it('prefers saved templates over the files, falls back to Russian, and recompiles on change', async () => {
        const saved: Record<string, string> = { 'welcome/sms.ru': 'saved {{customer.name}}' };
        const r = new TemplateRenderer(new LayeredTemplateSource([memory(saved), files]));
        expect(await r.render('welcome', 'sms', 'ru', { customer: { name: 'A' } })).toEqual({
            text: 'saved A',
        });
        saved['welcome/sms.ru'] = 'changed {{customer.name}}';
        expect(await r.render('welcome', 'sms', 'ru', { customer: { name: 'A' } })).toEqual({
            text: 'changed A',
        });
        const fallback = new TemplateRenderer(memory({ 'welcome/sms.ru': 'только русский' }));
        await expect(fallback.render('welcome', 'sms', 'en', {})).rejects.toMatchObject({
            code: 'REFILL_NOT_FOUND',
        });
        const en = await new TemplateRenderer(files).render('welcome', 'telegram', 'en', {
            chain: { name: 'X' },
            customer: { name: 'B' },
        });
        expect('text' in en && en.text).toMatch(/^B, welcome to the X/);
    });

    it('refuses broken templates when they are saved, with the reason', () => {
        const r = new TemplateRenderer(files);
        expect(() => r.validate('welcome', 'sms', 'Hi {{#if}}')).toThrow(
            expect.objectContaining({ code: 'REFILL_VALIDATION' }),
        );
        try {
            r.validate('welcome', 'sms', 'Hi {{shout customer.name}}');
            expect.unreachable();
        } catch (error) {
            expect(JSON.stringify((error as { details: unknown }).details)).toMatch(/shout/);
        }
        expect(() => r.validate('lapse-offer', 'email', 'subject: x\n---\n<p>no link</p>')).toThrow(
            /cannot be used/,
        );
        expect(() => r.validate('welcome', 'email', '<p>no subject</p>')).toThrow(/cannot be used/);
        expect(() =>
            r.validate('welcome', 'email', 'subject: x\n---\n<p>service mail needs no link</p>'),
        ).not.toThrow();
    });

    it('keeps helpers per instance, never on the global Handlebars', async () => {
        const { default: Handlebars } = await import('handlebars');
        new TemplateRenderer(files);
        expect(Handlebars.helpers.money).toBeUndefined();
    });
});

describe('helpers', () => {
    const ru = { locale: 'ru' as const, timezone: 'Asia/Vladivostok', currency: 'RUB' };
    const en = { ...ru, locale: 'en' as const };

    it('formats money and bonuses in the locale', () => {
        expect(formatMoney(123_450, ru).replace(/\s/g, ' ')).toBe('1 234,50 ₽');
        expect(formatMoney(123_450, en).replace(/\s/g, ' ')).toBe('RUB 1,234.50');
        expect(formatBonuses(15_000, ru).replace(/\s/g, ' ')).toBe('150 бонусов');
        expect(formatBonuses(100, ru)).toBe('1 бонус');
        expect(formatBonuses(300, ru)).toBe('3 бонуса');
        expect(formatBonuses(1_350, ru)).toBe('13,5 бонуса');
        expect(formatBonuses(100, en)).toBe('1 bonus');
        expect(formatBonuses(200, en)).toBe('2 bonuses');
    });

    it('chooses Russian plural forms', () => {
        const forms = ['бонус', 'бонуса', 'бонусов'];
        expect([1, 2, 5, 11, 21, 22, 25, 111].map((n) => pluralWord(n, 'ru', forms))).toEqual([
            'бонус',
            'бонуса',
            'бонусов',
            'бонусов',
            'бонус',
            'бонуса',
            'бонусов',
            'бонусов',
        ]);
    });

    it('shows dates in the customer’s timezone', async () => {
        const r = new TemplateRenderer({
            find: async () => ({ source: '{{datetime at}}', locale: 'ru' }),
        });
        const out = await r.render(
            'welcome',
            'sms',
            'ru',
            { at: '2026-12-01T20:30:00Z' },
            'Asia/Vladivostok',
        );
        expect(out).toEqual({ text: '2 декабря, 06:30' });
    });
});
