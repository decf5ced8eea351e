import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RefillError } from '../../../../../plugin/kernel/errors/refill-error.js';
import { TemplateRenderer } from '../../../../../plugin/modules/messaging/templates/template-renderer.js';
import { FileTemplateSource } from '../../../../../plugin/modules/messaging/templates/template-source.js';

const shipped = new FileTemplateSource(join(process.cwd(), 'templates'));

/** The coded error `fn` throws (fails the test when it throws none). */
function refusal(fn: () => unknown): RefillError {
    try {
        fn();
    } catch (error) {
        expect(error).toBeInstanceOf(RefillError);
        return error as RefillError;
    }
    throw new Error('the template was accepted');
}

/** Console methods Handlebars' logger may write through. */
const CONSOLE = ['log', 'info', 'debug', 'warn', 'error'] as const;

/*
 * Issue 10: template checks that looked at the source text, not at what the
 * template renders, and a built-in helper that prints data to stdout.
 */
describe('template checks', () => {
    const renderer = new TemplateRenderer(shipped);
    afterEach(() => vi.restoreAllMocks());

    it('a marketing email whose unsubscribe link is only in a comment is refused: the rendered output is checked', () => {
        for (const source of [
            'subject: Offer\n---\n<p>x5 bonuses</p>{{!-- {{unsubscribeUrl}} --}}',
            'subject: Offer\n---\n<p>x5 bonuses</p>{{! {{unsubscribeUrl}} }}',
            // Shown only to customers with a name: the sparse sample has none.
            'subject: Offer\n---\n<p>x5</p>{{#if customer.name}}<a href="{{unsubscribeUrl}}">Unsubscribe</a>{{/if}}',
            // The sample URL written out by hand is not the customer's link.
            'subject: Offer\n---\n<p>x5</p><a href="https://example.com/unsubscribe/sample">Unsubscribe</a>',
        ]) {
            const error = refusal(() => renderer.validate('lapse-offer', 'email', source));
            expect(error.code, source).toBe('REFILL_VALIDATION');
            expect(JSON.stringify(error.details)).toMatch(/unsubscribe link/);
        }
        expect(() =>
            renderer.validate(
                'lapse-offer',
                'email',
                'subject: Offer\n---\n<p>x5</p><a href="{{unsubscribeUrl}}">Unsubscribe</a>',
            ),
        ).not.toThrow();
        // Service email needs no link.
        expect(() => renderer.validate('welcome', 'email', 'subject: Hi\n---\n<p>Welcome</p>')).not.toThrow();
    });

    it('an empty SMS template is refused (empty, whitespace only, or rendering to nothing)', () => {
        for (const source of [
            '',
            '   \n\t',
            '{{!-- transliterate: icao_doc_9303 --}}',
            '{{!-- a note to myself --}}',
            '{{customer.nickname}}',
            '{{#if customer.name}}{{customer.name}}{{/if}}',
        ]) {
            const error = refusal(() => renderer.validate('welcome', 'sms', source));
            expect(error.code, JSON.stringify(source)).toBe('REFILL_VALIDATION');
            expect(JSON.stringify(error.details)).toMatch(/renders to nothing/);
        }
        // The same on other channels, and for an email's subject.
        refusal(() => renderer.validate('welcome', 'push', ' '));
        refusal(() => renderer.validate('welcome', 'email', 'subject: {{!x}}\n---\n<p>Hi</p>'));
        expect(() => renderer.validate('welcome', 'sms', 'Welcome to {{chain.name}}')).not.toThrow();
    });

    it('{{log @root}} is refused and never prints the data: log is removed from the per-instance Handlebars', async () => {
        const spies = CONSOLE.map((m) => vi.spyOn(console, m).mockImplementation(() => undefined));
        for (const source of ['{{log @root}}Hi', 'Hi {{log customer.name unsubscribeUrl level="error"}}', '{{#log @root}}x{{/log}}']) {
            const error = refusal(() => renderer.validate('welcome', 'sms', source));
            expect(JSON.stringify(error.details), source).toMatch(/unknown helper log/);
        }
        // A template from a file is compiled the same way: refused at render, nothing printed.
        const dir = mkdtempSync(join(tmpdir(), 'refill-templates-'));
        try {
            mkdirSync(join(dir, 'welcome'));
            writeFileSync(join(dir, 'welcome', 'sms.ru.hbs'), 'Hi {{log @root}}');
            const fromFile = new TemplateRenderer(new FileTemplateSource(dir));
            await expect(
                fromFile.render('welcome', 'sms', 'ru', {
                    customer: { name: 'Anna' },
                    unsubscribeUrl: 'https://shop.example/u/secret',
                }),
            ).rejects.toMatchObject({ code: 'REFILL_VALIDATION' });
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
        for (const spy of spies) expect(spy).not.toHaveBeenCalled();
        // The other built-ins still work.
        expect(
            renderer.renderSource('welcome', 'sms', 'ru', '{{#each items}}{{lookup ../names this}} {{/each}}', {
                items: ['a'],
                names: { a: 'Anna' },
            }),
        ).toEqual({ text: 'Anna' });
    });

    it('the per-instance Handlebars leaves the global one alone', async () => {
        const { default: Handlebars } = await import('handlebars');
        expect(Object.keys(Handlebars.helpers)).toContain('log');
        expect(Object.keys(Handlebars.helpers)).not.toContain('money');
    });
});
