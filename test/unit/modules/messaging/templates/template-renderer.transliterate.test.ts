import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TemplateRenderer } from '../../../../../plugin/modules/messaging/templates/template-renderer.js';
import {
    FileTemplateSource,
    LayeredTemplateSource,
    type TemplateSource,
} from '../../../../../plugin/modules/messaging/templates/template-source.js';

const files = new FileTemplateSource(join(process.cwd(), 'templates'));

/** A source holding templates for exact channels and locales, like the saved overrides. */
const exactSource = (templates: Record<string, string>): TemplateSource => ({
    origin: 'database',
    find: async () => null,
    exact: async (kind, channel, locale) => templates[`${kind}/${channel}.${locale}`] ?? null,
});
/** Such a source alone, with the fallbacks. */
const saved = (templates: Record<string, string>) => new LayeredTemplateSource([exactSource(templates)]);

describe('transliteration opt-in', () => {
    const latin = '{{!-- transliterate: icao_doc_9303 --}}\n{{customer.name}}, ваш баланс';

    it('carries the scheme of an SMS template with the rendered text', async () => {
        const r = new TemplateRenderer(saved({ 'welcome/sms.ru': latin }));
        expect(await r.render('welcome', 'sms', 'ru', { customer: { name: 'Анна' } })).toEqual({
            text: 'Анна, ваш баланс',
            transliterate: 'icao_doc_9303',
        });
        const short = new TemplateRenderer(saved({ 'welcome/sms.ru': '{{! transliterate: gost_52535 }}Привет' }));
        expect(await short.render('welcome', 'sms', 'ru', {})).toEqual({
            text: 'Привет',
            transliterate: 'gost_52535',
        });
    });

    it('leaves templates without the directive, and messengers, as they were', async () => {
        const r = new TemplateRenderer(saved({ 'welcome/sms.ru': 'Привет', 'welcome/text.ru': latin }));
        expect(await r.render('welcome', 'sms', 'ru', {})).toEqual({ text: 'Привет' });
        const telegram = await r.render('welcome', 'telegram', 'ru', { customer: { name: 'Анна' } });
        expect(telegram).toEqual({ text: 'Анна, ваш баланс' });
    });

    it('refuses an unknown scheme when the template is saved, naming the known ones', () => {
        const r = new TemplateRenderer(files);
        try {
            r.validate('welcome', 'sms', '{{!-- transliterate: klingon --}}Привет');
            expect.unreachable();
        } catch (error) {
            expect(error).toMatchObject({ code: 'REFILL_VALIDATION' });
            const [detail] = (error as { details: Array<{ path: string; message: string }> }).details;
            expect(detail.path).toBe('source');
            expect(detail.message).toMatch(/klingon.*icao_doc_9303/);
        }
        expect(() => r.validate('welcome', 'sms', '{{!-- transliterate: wikipedia --}}Привет')).not.toThrow();
    });

    it('renders an unsaved source through the same compile path', () => {
        const r = new TemplateRenderer(files);
        expect(r.renderSource('welcome', 'sms', 'ru', latin, { customer: { name: 'Анна' } })).toEqual({
            text: 'Анна, ваш баланс',
            transliterate: 'icao_doc_9303',
        });
        expect(() => r.renderSource('welcome', 'sms', 'ru', 'Hi {{#if}}', {})).toThrow(
            expect.objectContaining({ code: 'REFILL_VALIDATION' }),
        );
    });
});

describe('layered template sources', () => {
    const dir = mkdtempSync(join(tmpdir(), 'refill-templates-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('lets a saved template win only at its own step of the fallback chain', async () => {
        const db = exactSource({ 'welcome/text.ru': 'сохранённый текст' });
        const r = new TemplateRenderer(new LayeredTemplateSource([db, files]));
        expect(await r.render('welcome', 'telegram', 'ru', {})).toEqual({ text: 'сохранённый текст' });
        const en = await r.render('welcome', 'telegram', 'en', { chain: { name: 'X' }, customer: { name: 'B' } });
        expect('text' in en && en.text).toMatch(/^B, welcome to the X/);
    });

    it('reads each file once, and remembers a missing one', async () => {
        mkdirSync(join(dir, 'welcome'));
        writeFileSync(join(dir, 'welcome', 'sms.ru.hbs'), 'из файла');
        const source = new FileTemplateSource(dir);
        expect(await source.find('welcome', 'sms', 'ru')).toMatchObject({ source: 'из файла', origin: 'file' });
        expect(await source.find('welcome', 'email', 'ru')).toBeNull();
        rmSync(join(dir, 'welcome', 'sms.ru.hbs'));
        writeFileSync(join(dir, 'welcome', 'email.ru.hbs'), 'subject: x\n---\n<p>x</p>');
        expect(await source.find('welcome', 'sms', 'ru')).toMatchObject({ source: 'из файла' });
        expect(await source.find('welcome', 'email', 'ru')).toBeNull();
    });
});
