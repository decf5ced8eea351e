import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
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

for (const engine of engines) {
    describeBrowser(`admin UI: trigger chains (${engine})`, () => {
        let server: UiServer;
        let context: BrowserContext;
        let page: Page;
        let errors: string[];

        beforeAll(async () => {
            server = await startUiServer(engine, 'ui-chains');
        }, 180_000);
        afterAll(async () => {
            await server?.close();
        });
        beforeEach(async () => {
            context = await newContext();
            page = await context.newPage();
            errors = collectPageErrors(page);
        });
        afterEach(async () => {
            await context.close();
            expect(errors).toEqual([]);
        });

        it('a marketer switches a shipped chain on, edits it with a refused save at the step, and reads a report', async () => {
            await signIn(page, server, 'marketer', 'chains');
            await page.getByRole('heading', { name: 'Цепочки', level: 1 }).waitFor();
            // The demo switched two shipped chains on; the others wait as drafts.
            await page
                .getByRole('row', { name: /Second purchase/ })
                .getByText('Работает')
                .waitFor();
            const draft = page.getByRole('row', { name: /Welcome/ });
            await draft.getByText('Черновик').waitFor();
            await page.getByRole('region', { name: 'Программа: глобальная контрольная группа' }).waitFor();

            await draft.getByRole('button', { name: 'Включить: Welcome' }).click();
            const confirm = page.getByRole('dialog', { name: 'Включить «Welcome»?' });
            await confirm.getByText(/контрольная доля ничего не получает/).waitFor();
            await confirm.getByRole('button', { name: 'Включить' }).click();
            await draft.getByText('Работает').waitFor();
            // The button's focus scrolled the table sideways: back to its start for the picture.
            await page.getByRole('region', { name: 'Цепочки' }).evaluate((e) => (e.scrollLeft = 0));
            await page.mouse.move(900, 10);
            await expectAccessible(page);
            await screenshots(page, 'chain-list');

            await draft.getByRole('link', { name: 'Welcome', exact: true }).click();
            await page.getByRole('heading', { name: 'Welcome', level: 1 }).waitFor();
            const steps = page.getByRole('list', { name: 'Шаги' });
            expect(await steps.getByRole('listitem').count()).toBe(5);
            // A wait and a send before the exit: each added at the end, then moved up past it.
            await page.getByRole('button', { name: '+ Ждать' }).click();
            await page.getByRole('button', { name: 'Поднять шаг 6' }).click();
            await page.getByRole('button', { name: '+ Отправить' }).click();
            await page.getByRole('button', { name: 'Поднять шаг 7' }).click();
            const wait = steps.getByRole('listitem', { name: 'Шаг 5: Ждать' });
            await steps.getByRole('listitem', { name: 'Шаг 6: Отправить' }).waitFor();
            await steps.getByRole('listitem', { name: 'Шаг 7: Выход' }).waitFor();

            // The wait has no hours yet: the API refuses the save and names the step's field.
            await page.getByRole('button', { name: 'Сохранить', exact: true }).click();
            await page.getByText('Не сохранено: исправьте отмеченные ниже поля.').waitFor();
            const hours = wait.getByRole('textbox', { name: /Ждать, часов/ });
            await expect.poll(() => hours.getAttribute('aria-invalid')).toBe('true');
            expect(await wait.innerText()).toMatch(/Заполните поле/);
            await screenshots(page, 'chain-editor-refused');

            await hours.fill('24');
            await page.getByRole('button', { name: 'Сохранить', exact: true }).click();
            await page.getByText('Цепочка «Welcome» сохранена.').waitFor();
            expect(await hours.getAttribute('aria-invalid')).not.toBe('true');
            await page.reload();
            await expect.poll(() => hours.inputValue()).toBe('24');
            await page.mouse.move(900, 10);
            await expectAccessible(page);
            await screenshots(page, 'chain-editor');

            await page.getByRole('link', { name: 'К цепочкам' }).click();
            await page.getByRole('link', { name: 'Отчёт: Second purchase' }).click();
            await page.getByRole('heading', { name: 'Отчёт: Second purchase', level: 1 }).waitFor();
            const entries = page.getByRole('region', { name: 'Входы и бюджет' });
            await entries.getByText('Вошли, тест').waitFor();
            const funnel = page.getByRole('region', { name: 'Воронка шагов' });
            expect(await funnel.getByRole('progressbar').count()).toBe(5);
            const money = page.getByRole('region', { name: 'Деньги против контроля' });
            const revenue = money.getByRole('row', { name: /Дополнительная выручка/ });
            await revenue.waitFor();
            expect(await revenue.innerText()).toMatch(/₽/);
            await money.getByRole('row', { name: /ROMI/ }).waitFor();
            await page.mouse.move(900, 10);
            await expectAccessible(page);
            await screenshots(page, 'chain-report');

            // Back to the live chain's steps: customers stand on them now.
            await page.getByRole('link', { name: 'К цепочке' }).click();
            await page.getByRole('heading', { name: 'Second purchase', level: 1 }).waitFor();
            await steps
                .getByText(/Сейчас: [1-9]/)
                .first()
                .waitFor();
            await screenshots(page, 'chain-editor-live');
        }, 60_000);
    });
}
