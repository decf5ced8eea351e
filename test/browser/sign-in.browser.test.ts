import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, afterEach, expect, it } from 'vitest';
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
import { startUiServer, TEST_PASSWORD, type UiServer } from './harness/ui-server.js';

for (const engine of engines) {
    describeBrowser(`admin UI: signing in (${engine})`, () => {
        let server: UiServer;
        let context: BrowserContext;
        let page: Page;
        let errors: string[];

        beforeAll(async () => {
            server = await startUiServer(engine, 'ui-sign-in');
        }, 120_000);
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

        it('says so when the password is wrong, and signs in with the right one', async () => {
            await page.goto(server.adminUrl);
            await expect.poll(() => page.url()).toContain('/admin/sign-in');
            await page.getByRole('heading', { name: 'Вход в Refill' }).waitFor();
            // Mantine's own English label on the password toggle is replaced by ours.
            await page
                .getByRole('button', { name: 'Показать или скрыть пароль' })
                .waitFor({ state: 'attached' });
            await expectAccessible(page);
            await screenshots(page, 'sign-in');
            await field(page, 'Имя пользователя').fill(server.users.admin!);
            await field(page, 'Пароль').fill('not-the-password');
            await page.getByRole('button', { name: 'Войти' }).click();
            await page.getByRole('alert').getByText('Неверное имя пользователя или пароль.').waitFor();
            await screenshots(page, 'sign-in-wrong-password');
            await field(page, 'Пароль').fill(TEST_PASSWORD);
            await page.getByRole('button', { name: 'Войти' }).click();
            await page.getByRole('heading', { name: 'Сводка', level: 1 }).waitFor();
            expect(new URL(page.url()).pathname).toMatch(/^\/admin\/?$/);
        });

        it('says how long to wait when sign-ins are locked (429 with Retry-After)', async () => {
            await page.route('**/admin/v1/session', (route) =>
                route.request().method() === 'POST'
                    ? route.fulfill({
                          status: 429,
                          headers: { 'Retry-After': '125' },
                          json: {
                              error: {
                                  code: 'REFILL_RATE_LIMITED',
                                  message: 'Too many sign-in attempts; try again later',
                                  details: { retryAfterSeconds: 125 },
                              },
                          },
                      })
                    : route.fallback(),
            );
            await page.goto(server.adminUrl + 'sign-in');
            await field(page, 'Имя пользователя').fill('admin');
            await field(page, 'Пароль').fill('whatever-it-is');
            await page.getByRole('button', { name: 'Войти' }).click();
            await page
                .getByRole('alert')
                .getByText('Слишком много неудачных попыток. Попробуйте через 3 минуты.')
                .waitFor();
        });

        it('returns to the page the user was on after the session ended', async () => {
            await signIn(page, server, 'admin', 'account/password');
            await page.getByRole('heading', { name: 'Смена пароля' }).waitFor();
            await expectAccessible(page);
            await screenshots(page, 'change-password');
            await context.clearCookies();
            await field(page, 'Текущий пароль').fill(TEST_PASSWORD);
            await field(page, 'Новый пароль').fill('another-password-1');
            await field(page, 'Новый пароль ещё раз').fill('another-password-1');
            await page.getByRole('button', { name: 'Сменить пароль' }).click();
            await page.getByText('Сеанс завершён. Войдите снова, чтобы продолжить.').waitFor();
            expect(new URL(page.url()).searchParams.get('next')).toBe('/account/password');
            await field(page, 'Имя пользователя').fill(server.users.admin!);
            await field(page, 'Пароль').fill(TEST_PASSWORD);
            await page.getByRole('button', { name: 'Войти' }).click();
            await page.getByRole('heading', { name: 'Смена пароля' }).waitFor();
            expect(new URL(page.url()).pathname).toBe('/admin/account/password');
        });

        it('switches to English and back, and remembers the choice', async () => {
            await page.goto(server.adminUrl + 'sign-in');
            await page.getByText('EN', { exact: true }).click();
            await page.getByRole('heading', { name: 'Sign in to Refill' }).waitFor();
            expect(await page.locator('html').getAttribute('lang')).toBe('en');
            // The choice persists: a reload stays in English.
            await page.reload();
            await page.getByRole('heading', { name: 'Sign in to Refill' }).waitFor();
            await page.getByText('RU', { exact: true }).click();
            await page.getByRole('heading', { name: 'Вход в Refill' }).waitFor();
            expect(await page.evaluate("localStorage.getItem('refill.admin.locale')")).toBe('ru');
        });

        it('shows "not allowed" to a manager at an admin-only address', async () => {
            await signIn(page, server, 'manager', 'users');
            await page.getByRole('heading', { name: 'Нет доступа' }).waitFor();
            await page.getByText('Эта страница недоступна вашей роли (Управляющий аптекой).').waitFor();
            await screenshots(page, 'not-allowed-manager');
        });

        it('signs out from the user menu', async () => {
            await signIn(page, server, 'admin');
            await page.getByRole('button', { name: /Меню пользователя/ }).click();
            await page.getByRole('menuitem', { name: 'Выйти' }).click();
            await page.getByRole('heading', { name: 'Вход в Refill' }).waitFor();
            await page.goto(server.adminUrl);
            await page.getByRole('heading', { name: 'Вход в Refill' }).waitFor();
        });
    });
}
