import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { engines } from '../helpers/test-database.js';
import {
    collectPageErrors,
    describeBrowser,
    expectAccessible,
    field,
    newContext,
    screenshots,
    signIn,
} from './harness/browser.js';
import { startUiServer, type UiServer } from './harness/ui-server.js';

/*
 * The chronic categories pages on the real standalone server with the demo
 * chain: a marketer creates a category with an ATC prefix picked from the
 * autocomplete (each suggestion with its products and buyers), saves, watches
 * its rebuild finish and finds it in the list with its reach; a second
 * category claiming the same prefix is refused at the field. An analyst reads
 * the list and the editor and can change nothing (no enabled control, and the
 * API refuses a direct write). Every page and state passes axe; screenshots
 * at both viewports. The tests run in order and build on each other.
 */

/** axe once transitions (dropdowns, notifications) have settled. */
async function accessible(page: Page): Promise<void> {
    await page.waitForTimeout(300);
    await expectAccessible(page);
}

/** Opens `path` of the admin UI and waits for its heading and its data. */
async function open(page: Page, server: UiServer, path: string, heading: string): Promise<void> {
    await page.goto(server.adminUrl + path);
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
    await page.getByRole('status', { name: 'Загрузка…' }).waitFor({ state: 'detached' });
}

/** Types `text` into the ATC field and waits for the suggestion of `prefix`. */
async function suggest(page: Page, text: string, prefix: string) {
    const input = page.getByRole('combobox', { name: 'Префиксы АТХ' });
    await input.click();
    await input.pressSequentially(text, { delay: 30 });
    const option = page.getByRole('option', { name: new RegExp(`^${prefix} `) });
    await option.waitFor();
    return option;
}

/** A category as the API answers it, read with the page's session. */
async function categoryOf(page: Page, server: UiServer, code: string) {
    const res = await page.request.get(`${server.adminUrl}v1/categories/${code}`);
    expect(res.status()).toBe(200);
    return (await res.json()).category as {
        atcPrefixes: string[];
        reach: { buyers: number; revenue: number; lapsedBuyers: number };
        rebuild: { state: string } | null;
    };
}

for (const engine of engines) {
    describeBrowser(`admin UI: chronic categories (${engine})`, () => {
        let server: UiServer;
        let marketer: BrowserContext;
        let page: Page;
        let errors: string[];

        beforeAll(async () => {
            server = await startUiServer(engine, 'ui-categories');
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

        it('the marketer creates a category from an autocompleted ATC prefix, sees its rebuild finish and its reach in the list', async () => {
            await open(page, server, 'categories', 'Хронические категории');
            await page.getByRole('row').filter({ hasText: 'Статины' }).waitFor();
            await accessible(page);
            await screenshots(page, 'categories');

            await page.getByRole('link', { name: 'Новая категория' }).click();
            await page.getByRole('heading', { level: 1, name: 'Новая категория' }).waitFor();
            await accessible(page);
            await screenshots(page, 'category-new');
            await field(page, 'Код').fill('ATORVA');
            await field(page, 'Название').fill('Аторвастатин');
            const option = await suggest(page, 'c10aa', 'C10AA05');
            expect(await option.textContent()).toMatch(/\d+ товар.* · \d+ покупател/);
            expect(await page.getByRole('option', { name: /^C10AA07 / }).count()).toBe(1);
            await accessible(page);
            await screenshots(page, 'category-atc-autocomplete');
            await option.click();
            await page.keyboard.press('Escape');
            await field(page, 'Интервал пополнения').fill('30');
            await field(page, 'Порог выпадения').fill('60');
            await field(page, 'Минимум покупок').fill('3');
            await page.getByText('июль', { exact: true }).click();
            expect(await page.getByRole('checkbox', { name: 'июль' }).isChecked()).toBe(true);
            await field(page, 'Маржа').fill('25');
            await field(page, 'Публичное название').fill('ваши лекарства для сердца');
            await page.getByRole('button', { name: 'Создать категорию' }).click();

            await page.getByRole('heading', { level: 1, name: 'Аторвастатин (ATORVA)' }).waitFor();
            const rebuild = page.getByRole('region', { name: 'Пересчёт' });
            // The rebuild waits for a worker (the scheduler polls): its queued or running state, checked too.
            await rebuild.getByRole('progressbar', { name: 'Ход пересчёта' }).waitFor({ state: 'attached' });
            await accessible(page);
            await screenshots(page, 'category-rebuilding');
            await rebuild.getByText('Готово', { exact: true }).waitFor({ timeout: 180_000 });
            expect(
                await rebuild
                    .getByRole('progressbar', { name: 'Ход пересчёта' })
                    .getAttribute('aria-valuenow'),
            ).toBe('100');
            const saved = await categoryOf(page, server, 'ATORVA');
            expect(saved.atcPrefixes).toEqual(['C10AA05']);
            expect(saved.rebuild?.state).toBe('done');
            expect(saved.reach.buyers).toBeGreaterThan(0);
            // The reach follows the finished rebuild without a reload.
            await page.getByRole('region', { name: 'Охват' }).getByText(String(saved.reach.buyers)).waitFor();
            await accessible(page);
            await screenshots(page, 'category-editor');

            await page.getByRole('link', { name: '← Все категории' }).click();
            const row = page
                .getByRole('row')
                .filter({ has: page.getByRole('link', { name: 'Аторвастатин', exact: true }) });
            await row.waitFor();
            const cells = await row.getByRole('cell').allTextContents();
            expect(cells[0]).toContain('Хроническая');
            expect(cells[0]).toContain('АТХ и артикулы: C10AA05');
            expect(cells[1]).toBe(String(saved.reach.buyers));
            expect(cells[2]).toMatch(/^[\d\s\u00a0,]+₽$/);
            expect(cells[3]).toBe(String(saved.reach.lapsedBuyers));
        }, 240_000);

        it('a second category claiming the same ATC prefix is refused at the field', async () => {
            await open(page, server, 'categories/new', 'Новая категория');
            await field(page, 'Код').fill('ATORVA2');
            await field(page, 'Название').fill('Аторвастатин ещё раз');
            const input = page.getByRole('combobox', { name: 'Префиксы АТХ' });
            await input.fill('C10AA05');
            await input.press('Enter');
            await page.keyboard.press('Escape');
            await page.getByRole('button', { name: 'Создать категорию' }).click();
            await page.getByText('«C10AA05» уже входит в категорию ATORVA.').waitFor();
            await page.getByRole('alert').filter({ hasText: 'Проверьте поля' }).waitFor();
            expect(page.url()).toMatch(/categories\/new$/);
            await accessible(page);
            await screenshots(page, 'category-conflict');
        }, 90_000);

        it('the analyst reads the list and the editor and can change nothing', async () => {
            const context = await newContext();
            const analyst = await context.newPage();
            const analystErrors = collectPageErrors(analyst);
            await signIn(analyst, server, 'analyst');
            await open(analyst, server, 'categories', 'Хронические категории');
            await analyst
                .getByRole('row')
                .filter({ has: analyst.getByRole('link', { name: 'Аторвастатин', exact: true }) })
                .waitFor();
            expect(await analyst.getByRole('link', { name: 'Новая категория' }).count()).toBe(0);
            await accessible(analyst);
            await screenshots(analyst, 'categories-analyst');

            await analyst.getByRole('link', { name: 'Аторвастатин', exact: true }).click();
            await analyst.getByRole('heading', { level: 1, name: 'Аторвастатин (ATORVA)' }).waitFor();
            await analyst.getByText('Только просмотр').waitFor();
            expect(await field(analyst, 'Название').inputValue()).toBe('Аторвастатин');
            expect(await field(analyst, 'Публичное название').inputValue()).toBe('ваши лекарства для сердца');
            const form = analyst.getByRole('form', { name: 'Настройки категории' });
            for (const control of await form.getByRole('textbox').all())
                expect(await control.isDisabled()).toBe(true);
            for (const control of await form.getByRole('checkbox').all())
                expect(await control.isDisabled()).toBe(true);
            for (const control of await form.getByRole('switch').all())
                expect(await control.isDisabled()).toBe(true);
            for (const control of await form.getByRole('button').all())
                expect(await control.isDisabled()).toBe(true);
            expect(await analyst.getByRole('button', { name: 'Сохранить категорию' }).count()).toBe(0);
            expect(
                await analyst.getByRole('button', { name: /Пересчитать|Продолжить пересчёт/ }).count(),
            ).toBe(0);
            await accessible(analyst);
            await screenshots(analyst, 'category-analyst');

            const session = await (await analyst.request.get(`${server.adminUrl}v1/session`)).json();
            const headers = { 'x-csrf-token': session.csrfToken as string };
            const put = await analyst.request.put(`${server.adminUrl}v1/categories/ATORVA`, {
                headers,
                data: { name: 'Changed', atcPrefixes: ['C10AA05'] },
            });
            expect(put.status()).toBe(403);
            expect((await put.json()).error.code).toBe('REFILL_FORBIDDEN');
            const rebuild = await analyst.request.post(`${server.adminUrl}v1/categories/ATORVA/rebuild`, {
                headers,
            });
            expect(rebuild.status()).toBe(403);
            expect((await categoryOf(analyst, server, 'ATORVA')).atcPrefixes).toEqual(['C10AA05']);
            await context.close();
            expect(analystErrors).toEqual([]);
        }, 90_000);
    });
}
