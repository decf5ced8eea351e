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
import { startUiServer, TEST_PASSWORD, type UiServer } from './harness/ui-server.js';

/*
 * The administrator's pages (stores and POS keys, users, audit log, jobs) on
 * the real standalone server: as the admin, create a store, a POS key (its
 * secret read once, then revoked after confirming) and a manager bound to the
 * store; as that manager, the users page says "not allowed". The audit log
 * shows what was done and filters by URL; the jobs page lists the jobs. Every
 * page and dialog passes axe; screenshots at both viewports. The tests run in
 * order and build on each other (one chain per engine).
 */

/** The answer of a POS call made with `secret`: 401 when the key does not work. */
async function posStatus(server: UiServer, secret: string): Promise<number> {
    const res = await fetch(`${server.standalone.url}/pos/v1/customers/0000000000000/balance`, {
        headers: { Authorization: `Bearer ${secret}` },
    });
    return res.status;
}

/** axe on the page once a dialog has faded in (Mantine's transition is 200 ms): mid-fade colours are not the page's. */
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

for (const engine of engines) {
    describeBrowser(`admin UI: the administrator's pages (${engine})`, () => {
        let server: UiServer;
        let admin: BrowserContext;
        let page: Page;
        let errors: string[];

        beforeAll(async () => {
            server = await startUiServer(engine, 'ui-admin-pages');
            admin = await newContext();
            page = await admin.newPage();
            errors = collectPageErrors(page);
            await signIn(page, server, 'admin');
        }, 120_000);
        afterAll(async () => {
            await admin?.close();
            await server?.close();
            expect(errors).toEqual([]);
        });

        it('the admin creates a store with its timezone', async () => {
            await open(page, server, 'stores', 'Аптеки');
            await accessible(page);
            await screenshots(page, 'stores');
            await page.getByRole('button', { name: 'Новая аптека' }).click();
            const dialog = page.getByRole('dialog', { name: 'Новая аптека' });
            await dialog.waitFor();
            await accessible(page);
            await field(page, 'Код').fill('S-NEW');
            await field(page, 'Название').fill('Аптека на Вайнера');
            const timezone = dialog.getByRole('combobox', { name: 'Часовой пояс' });
            await timezone.click();
            await timezone.fill('Yekaterinburg');
            await page.getByRole('option', { name: 'Asia/Yekaterinburg' }).click();
            await field(page, 'Адрес').fill('Екатеринбург, ул. Вайнера, 9');
            await field(page, 'Широта').fill('95');
            await dialog.getByRole('button', { name: 'Создать аптеку' }).click();
            await dialog.getByText('Введите градусы от −90 до 90.').waitFor();
            await dialog.getByText('Укажите и широту, и долготу — или ни одну из них.').waitFor();
            await field(page, 'Широта').fill('56.8389');
            await field(page, 'Долгота').fill('60.6057');
            await dialog.getByRole('button', { name: 'Создать аптеку' }).click();
            await dialog.waitFor({ state: 'detached' });
            // The list is keyset-paged: the new store may sit behind "show more".
            const row = page.getByRole('row').filter({ hasText: 'Аптека на Вайнера' });
            while ((await row.count()) === 0)
                await page.getByRole('button', { name: 'Показать ещё' }).click();
            expect(await row.textContent()).toContain('Asia/Yekaterinburg');
            expect(await row.textContent()).toContain('56,8389, 60,6057');
        });

        it('the admin creates a POS key, reads its secret once, and revokes it after confirming', async () => {
            await open(page, server, 'stores/S-NEW/keys', 'Ключи касс: Аптека на Вайнера (S-NEW)');
            await page.getByRole('button', { name: 'Новый ключ кассы' }).click();
            await field(page, 'Подпись').fill('Касса 1');
            await page.getByRole('button', { name: 'Создать ключ' }).click();
            const shown = page.getByRole('dialog', { name: 'Новый ключ кассы' });
            await shown.getByText('Показывается только один раз').waitFor();
            await accessible(page);
            await screenshots(page, 'pos-key-secret');
            const secret = (await page.getByTestId('pos-key-secret').textContent())?.trim() ?? '';
            expect(secret.length).toBeGreaterThan(16);
            await shown.getByRole('button', { name: 'Скопировать ключ' }).waitFor();
            expect(await posStatus(server, secret)).not.toBe(401);
            await shown.getByRole('button', { name: 'Я сохранил ключ' }).click();
            await shown.waitFor({ state: 'detached' });
            expect(await page.content()).not.toContain(secret);

            const row = page.getByRole('row').filter({ hasText: 'Касса 1' });
            await row.getByText('Действует').waitFor();
            await accessible(page);
            await screenshots(page, 'pos-keys');
            await row.getByRole('button', { name: 'Отозвать ключ Касса 1' }).click();
            const confirm = page.getByRole('dialog', { name: 'Отозвать ключ кассы?' });
            expect(await confirm.textContent()).toContain('Отменить это нельзя');
            await accessible(page);
            await confirm.getByRole('button', { name: 'Отозвать' }).click();
            await row.getByText('Отозван', { exact: true }).waitFor();
            await expect.poll(() => posStatus(server, secret), { timeout: 5_000 }).toBe(401);
        });

        it('the admin creates a manager, who must have a store, bound to the new one', async () => {
            await open(page, server, 'users', 'Пользователи');
            await accessible(page);
            await screenshots(page, 'users');
            await page.getByRole('button', { name: 'Новый пользователь' }).click();
            const dialog = page.getByRole('dialog', { name: 'Новый пользователь' });
            await dialog.waitFor();
            await accessible(page);
            await field(page, 'Имя пользователя').fill('irina');
            await field(page, 'Отображаемое имя').fill('Ирина Петрова');
            await field(page, 'Начальный пароль').fill(TEST_PASSWORD);
            await dialog.getByRole('button', { name: 'Создать пользователя' }).click();
            await dialog.getByText('Выберите хотя бы одну аптеку для управляющего.').waitFor();
            await dialog.getByRole('combobox', { name: 'Аптеки' }).click();
            await page.getByRole('option', { name: 'S-NEW — Аптека на Вайнера' }).click();
            await page.keyboard.press('Escape');
            await dialog.getByRole('button', { name: 'Создать пользователя' }).click();
            await dialog.waitFor({ state: 'detached' });
            const row = page.getByRole('row').filter({ hasText: 'irina' });
            await row.waitFor();
            expect(await row.textContent()).toContain('S-NEW');
            expect(await row.textContent()).toContain('Управляющий аптекой');
            await row.getByRole('button', { name: 'Действия с irina' }).click();
            await page.getByRole('menuitem', { name: 'Отключить' }).click();
            const confirm = page.getByRole('dialog', { name: 'Отключить пользователя?' });
            expect(await confirm.textContent()).toContain('не сможет войти');
            await confirm.getByRole('button', { name: 'Отмена' }).click();
            await confirm.waitFor({ state: 'detached' });
        });

        it('the manager opening the users page by its URL is told it is not allowed', async () => {
            const context = await newContext();
            const manager = await context.newPage();
            const managerErrors = collectPageErrors(manager);
            await signIn(manager, { ...server, users: { manager: 'irina' } }, 'manager');
            await manager.goto(server.adminUrl + 'users');
            await manager.getByRole('heading', { name: 'Нет доступа' }).waitFor();
            expect(await manager.getByRole('navigation').getByText('Пользователи').count()).toBe(0);
            await accessible(manager);
            await screenshots(manager, 'users-not-allowed');
            await open(manager, server, 'stores', 'Аптеки');
            expect(await manager.getByRole('row').filter({ hasText: 'Аптека' }).count()).toBe(1);
            expect(await manager.getByRole('button', { name: 'Новая аптека' }).count()).toBe(0);
            await context.close();
            expect(managerErrors).toEqual([]);
        });

        it('the audit log shows what was done, filters by the URL, and exports the same as CSV', async () => {
            await open(page, server, 'audit', 'Журнал действий');
            for (const action of [
                'Создан пользователь',
                'Отозван ключ кассы',
                'Создан ключ кассы',
                'Аптека создана или изменена',
            ])
                await page.getByRole('cell', { name: action }).first().waitFor();
            await accessible(page);
            await screenshots(page, 'audit');
            const actor = server.users.admin!;
            await open(page, server, `audit?action=pos_key.create&actor=${actor}`, 'Журнал действий');
            await page
                .getByRole('cell', { name: /Создан ключ кассы/ })
                .first()
                .waitFor();
            expect(await page.getByRole('cell', { name: /Создан пользователь/ }).count()).toBe(0);
            expect(await page.getByRole('combobox', { name: 'Что' }).inputValue()).toBe('Создан ключ кассы');
            const href = await page.getByRole('link', { name: 'Выгрузить CSV' }).getAttribute('href');
            expect(href).toContain(`/admin/v1/audit/export?actor=${actor}&action=pos_key.create`);
            const csv = await page.request.get(href!);
            expect(csv.status()).toBe(200);
            expect(csv.headers()['content-type']).toContain('text/csv');
        });

        it('the jobs page lists the jobs, with run, pause and resume for the admin', async () => {
            await open(page, server, 'jobs', 'Фоновые задачи');
            await page.getByRole('cell', { name: /^expire-bonuses/ }).waitFor();
            await page.getByRole('button', { name: 'Запустить expire-bonuses сейчас' }).waitFor();
            await page.getByRole('button', { name: 'Приостановить expire-bonuses' }).click();
            const confirm = page.getByRole('dialog', { name: 'Приостановить expire-bonuses?' });
            expect(await confirm.textContent()).toContain('журнал действий');
            await accessible(page);
            await confirm.getByRole('button', { name: 'Отмена' }).click();
            await confirm.waitFor({ state: 'detached' });
            await accessible(page);
            await screenshots(page, 'jobs');
        });
    });
}
