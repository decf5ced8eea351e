import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { engines } from '../helpers/test-database.js';
import {
    collectPageErrors,
    describeBrowser,
    expectAccessible,
    newContext,
    screenshots,
    signIn,
} from './harness/browser.js';
import { startUiServer, type UiServer } from './harness/ui-server.js';

/*
 * The template pages on the real standalone server: a marketer opens the
 * Russian welcome SMS from the list, writes a Cyrillic text of 2 segments,
 * switches transliteration on and sees 1, introduces a Handlebars error and
 * sees it marked at its line, fixes it and saves, finds the version in the
 * history under their name, and reverts to the shipped template. An analyst
 * opens the list and the editor and can change nothing. Every page passes
 * axe and logs no error (a CSP violation by CodeMirror's styles would be
 * one); screenshots at both viewports. The tests run in order.
 */

/** 2 UCS-2 segments with the sample name, 1 GSM-7 segment transliterated. */
const LONG_RU =
    '{{customer.name}}, на вашей карте есть бонусы. Успейте потратить их до конца месяца в любой аптеке сети!';
const EDITOR = 'Текст шаблона: Приветствие · SMS · Русский';
const SWITCH = 'Транслитерировать, когда это дешевле';

/** axe once transitions (Mantine's 200 ms fades) have settled, with the pointer off any hovered link. */
async function accessible(page: Page): Promise<void> {
    await page.mouse.move(0, 0);
    await page.waitForTimeout(300);
    await expectAccessible(page);
}

/** Replaces the editor's whole text as one input (CodeMirror's bracket closing acts on typed keys only). */
async function replaceText(page: Page, text: string): Promise<void> {
    const editor = page.getByRole('textbox', { name: EDITOR });
    await editor.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(text);
}

/** Screenshots from the top of the page (the header is fixed: a scrolled full-page shot shows it mid-page). */
async function shots(page: Page, name: string): Promise<void> {
    await page.evaluate('window.scrollTo(0, 0)');
    await screenshots(page, name);
}

/** Waits until the SMS counter says `segments` to send. */
async function expectSegments(page: Page, text: string): Promise<void> {
    await page.getByText(text, { exact: true }).waitFor();
}

for (const engine of engines) {
    describeBrowser(`admin UI: message templates (${engine})`, () => {
        let server: UiServer;
        let marketer: BrowserContext;
        let page: Page;
        let errors: string[];

        beforeAll(async () => {
            server = await startUiServer(engine, 'ui-templates');
            marketer = await newContext();
            page = await marketer.newPage();
            errors = collectPageErrors(page);
            await signIn(page, server, 'marketer');
        }, 120_000);
        afterAll(async () => {
            await marketer?.close();
            await server?.close();
            expect(errors).toEqual([]);
        });

        it('the marketer finds the welcome SMS in the list of templates', async () => {
            await page.getByRole('link', { name: 'Шаблоны' }).click();
            await page.getByRole('heading', { level: 1, name: 'Шаблоны сообщений' }).waitFor();
            const table = page.getByRole('table', { name: 'Шаблоны сообщений' });
            await table.waitFor();
            expect(await table.getByRole('row').count()).toBe(1 + 8 * 7);
            await accessible(page);
            await shots(page, 'templates');
            await page.getByRole('link', { name: 'Открыть шаблон Приветствие · SMS · Русский' }).click();
            await page.getByRole('heading', { level: 1, name: 'Приветствие · SMS · Русский' }).waitFor();
            await page.getByRole('textbox', { name: EDITOR }).waitFor();
            await page.getByText('Поставляемый', { exact: true }).waitFor();
            await page.getByText('Шаблон ещё никто не менял: действует поставляемый.').waitFor();
        });

        it('counts 2 segments for a long Cyrillic text and 1 with transliteration on', async () => {
            await replaceText(page, LONG_RU);
            await expectSegments(page, 'К отправке 2 сегмента SMS');
            await page.getByText(/^Латиницей: 1 сегмент, GSM-7/).waitFor();
            await page.getByText(/^Анна, на вашей карте есть бонусы/).waitFor();
            await page.getByLabel(SWITCH).check();
            expect(await page.getByLabel(SWITCH).isChecked()).toBe(true);
            await expectSegments(page, 'К отправке 1 сегмент SMS');
            await page.getByText('Отправится транслитерированный текст: в нём меньше сегментов.').waitFor();
            expect(await page.getByRole('textbox', { name: EDITOR }).textContent()).toMatch(
                /^\{\{!-- transliterate: icao_doc_9303 --\}\}/,
            );
        });

        it('marks a Handlebars error at its line', async () => {
            const editor = page.getByRole('textbox', { name: EDITOR });
            await editor.click();
            await page.keyboard.press('Control+End');
            await page.keyboard.insertText('\nСкидка {{shout customer.name}}');
            const alert = page.getByRole('alert').filter({ hasText: 'Шаблон нельзя использовать' });
            await alert.waitFor();
            expect(await alert.textContent()).toContain('Строка 3, столбец 8');
            expect(await alert.textContent()).toContain('Шаблон использует помощник, которого нет в Refill.');
            // The lint marker sits on the third line of the editor, and on no other.
            const lines = editor.locator('.cm-line');
            await lines.nth(2).locator('.cm-lintRange-error').waitFor();
            expect(await editor.locator('.cm-lintRange-error').count()).toBe(1);
            await accessible(page);
            await shots(page, 'template-editor-error');
        });

        it('saves the fixed text and finds the version in the history under the marketer’s name', async () => {
            await replaceText(page, `{{!-- transliterate: icao_doc_9303 --}}\n${LONG_RU}`);
            await page
                .getByRole('alert')
                .filter({ hasText: 'Шаблон нельзя использовать' })
                .waitFor({ state: 'detached' });
            await expectSegments(page, 'К отправке 1 сегмент SMS');
            await page.getByRole('button', { name: 'Сохранить' }).click();
            await page.getByText('Шаблон сохранён. Он действует со следующего сообщения.').waitFor();
            await page.getByText('Изменён', { exact: true }).waitFor();
            const history = page.getByRole('table', { name: 'Сохранённые версии шаблона' });
            const row = history.getByRole('row').filter({ hasText: 'Сохранил(а)' });
            await row.waitFor();
            expect(await row.textContent()).toContain(server.users.marketer!);
            expect(await page.getByRole('button', { name: 'Сохранить' }).isDisabled()).toBe(true);
            await row.getByRole('button', { name: /^Показать версию/ }).click();
            const dialog = page.getByRole('dialog', { name: /^Версия №\d+, автор mark$/ });
            await dialog.getByText(/transliterate: icao_doc_9303/).waitFor();
            await accessible(page);
            await page.keyboard.press('Escape');
            await dialog.waitFor({ state: 'detached' });
            await accessible(page);
            await shots(page, 'template-editor');
        });

        it('reverts to the shipped template after confirming', async () => {
            await page.getByRole('button', { name: 'Вернуть поставляемый' }).click();
            const dialog = page.getByRole('dialog', { name: 'Вернуть поставляемый шаблон?' });
            await dialog.waitFor();
            await accessible(page);
            await dialog.getByRole('button', { name: 'Вернуть', exact: true }).click();
            await dialog.waitFor({ state: 'detached' });
            await page.getByText('Поставляемый', { exact: true }).waitFor();
            await page.getByText('Вернул(а) поставляемый шаблон').waitFor();
            expect(await page.getByRole('textbox', { name: EDITOR }).textContent()).toMatch(
                /^Добро пожаловать/,
            );
            expect(await page.getByLabel(SWITCH).isChecked()).toBe(false);
            expect(await page.getByRole('button', { name: 'Вернуть поставляемый' }).isDisabled()).toBe(true);
        });

        it('an analyst reads the list and the editor and can change nothing', async () => {
            const context = await newContext();
            const analyst = await context.newPage();
            const analystErrors = collectPageErrors(analyst);
            try {
                await signIn(analyst, server, 'analyst', 'templates');
                await analyst.getByRole('heading', { level: 1, name: 'Шаблоны сообщений' }).waitFor();
                await analyst.getByRole('table', { name: 'Шаблоны сообщений' }).waitFor();
                await accessible(analyst);
                await analyst
                    .getByRole('link', { name: 'Открыть шаблон Приветствие · SMS · Русский' })
                    .click();
                const editor = analyst.getByRole('textbox', { name: EDITOR });
                await editor.waitFor();
                await analyst.getByText('Только чтение', { exact: true }).waitFor();
                expect(await editor.getAttribute('aria-readonly')).toBe('true');
                expect(await editor.getAttribute('contenteditable')).toBe('false');
                const before = await editor.textContent();
                await editor.click();
                await analyst.keyboard.insertText('xyz');
                expect(await editor.textContent()).toBe(before);
                expect(await analyst.getByRole('button', { name: 'Сохранить' }).count()).toBe(0);
                expect(await analyst.getByRole('button', { name: 'Вернуть поставляемый' }).count()).toBe(0);
                expect(await analyst.getByRole('button', { name: /^Восстановить версию/ }).count()).toBe(0);
                expect(await analyst.getByRole('button', { name: /^Вставить / }).count()).toBe(0);
                expect(await analyst.getByLabel(SWITCH).isDisabled()).toBe(true);
                // The stored template's preview, which an analyst may read.
                await analyst.getByText(/^К отправке \d+ сегмент/).waitFor();
                await analyst
                    .getByText(/^Добро пожаловать/)
                    .first()
                    .waitFor();
                await accessible(analyst);
                await shots(analyst, 'template-editor-analyst');
            } finally {
                await context.close();
            }
            expect(analystErrors).toEqual([]);
        });
    });
}
