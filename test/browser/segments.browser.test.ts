import type { BrowserContext, Locator, Page } from 'playwright-core';
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
 * The custom segment editor on the real standalone server with the demo
 * chain (its stores on the map, home stores computed): a marketer builds a
 * rule (sleeping customers, then with a balance, then near a store), sees the
 * live count follow each change and agree with the API, sees a condition the
 * API refuses marked at its field, saves, and finds the segment in the list
 * with its count. An analyst opens it and can change nothing.
 */

/** axe once transitions (menus, notifications) have settled. */
async function accessible(page: Page): Promise<void> {
    await page.waitForTimeout(300);
    await expectAccessible(page);
}

/** What the API counts for `rule` (the editor's own call, made with the page's session). */
async function apiCount(page: Page, server: UiServer, rule: unknown): Promise<number> {
    const session = await page.request.get(`${server.adminUrl}v1/session`);
    const { csrfToken } = (await session.json()) as { csrfToken: string };
    const res = await page.request.post(`${server.adminUrl}v1/segments/count`, {
        data: { rule },
        headers: { 'x-csrf-token': csrfToken },
    });
    expect(res.status()).toBe(200);
    return ((await res.json()) as { count: number }).count;
}

/** The live count's figure once it shows `count` customers (Russian plural). */
async function expectCount(page: Page, count: number): Promise<void> {
    const panel = page.getByRole('region', { name: 'Покупателей сейчас' });
    const shown = count.toLocaleString('ru-RU');
    await panel.getByText(new RegExp(`^${shown.replace(/\s/g, '\\s')} покупател`)).waitFor();
}

/** Adds a condition of `kind` to the root group through its menu. */
async function addCondition(page: Page, kind: string): Promise<void> {
    await page.getByRole('button', { name: 'Добавить условие' }).first().click();
    await page.getByRole('menuitem', { name: kind, exact: true }).click();
}

/** A field inside `scope` by its label, whether or not it is marked required (` *`). */
function inside(scope: Locator, label: string): Locator {
    return scope.getByLabel(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\*)?$`));
}

/** Picks `option` in the select or multi-select labelled `label` inside `scope`. */
async function pick(scope: Locator, page: Page, label: string, option: string) {
    await inside(scope, label).click({ force: true });
    await page.getByRole('option', { name: option, exact: true }).click();
    await page.keyboard.press('Escape');
}

for (const engine of engines) {
    describeBrowser(`admin UI: custom segments (${engine})`, () => {
        let server: UiServer;
        let marketer: BrowserContext;
        let page: Page;
        let errors: string[];

        beforeAll(async () => {
            server = await startUiServer(engine, 'ui-segments');
            marketer = await newContext();
            page = await marketer.newPage();
            errors = collectPageErrors(page);
            await signIn(page, server, 'marketer');
        }, 240_000);
        afterAll(async () => {
            await marketer?.close();
            await server?.close();
            expect(errors ?? []).toEqual([]);
        });

        it('the marketer builds a rule, watches the count follow it, sees a refusal at its field, saves and finds it in the list', async () => {
            await page.getByRole('link', { name: 'Сегменты', exact: true }).click();
            await page.getByRole('heading', { level: 1, name: 'Сегменты покупателей' }).waitFor();
            await page.getByText('Сегментов пока нет.').waitFor();
            await page.getByRole('link', { name: 'Новый сегмент' }).click();
            await page.getByRole('heading', { level: 1, name: 'Новый сегмент' }).waitFor();
            await page.getByText('Добавьте условие, чтобы посчитать.').waitFor();
            await field(page, 'Название').fill('Спящие с бонусами');

            // Sleeping customers: the count is the API's for the same rule.
            await addCondition(page, 'Сегмент жизненного цикла');
            const first = page.getByRole('group', { name: /^Условие 1 / });
            await pick(first, page, 'Сегменты', 'Спящие');
            const sleeping = await apiCount(page, server, {
                all: [{ type: 'lifecycle', segments: ['sleeping'] }],
            });
            expect(sleeping).toBeGreaterThan(0);
            await expectCount(page, sleeping);

            // …with at least 100 ₽ of bonuses: fewer, and again the API's figure.
            await addCondition(page, 'Бонусный баланс');
            const second = page.getByRole('group', { name: /^Условие 2 / });
            await inside(second, 'Баланс от').fill('100');
            const withBalance = await apiCount(page, server, {
                all: [
                    { type: 'lifecycle', segments: ['sleeping'] },
                    { type: 'balance', min: 10_000 },
                ],
            });
            expect(withBalance).toBeLessThan(sleeping);
            await expectCount(page, withBalance);
            await page
                .getByRole('region', { name: 'Покупателей сейчас' })
                .getByRole('cell')
                .first()
                .waitFor();

            // A span whose upper bound is below its lower one: refused at the condition, nothing counted.
            await addCondition(page, 'Дней с последней покупки');
            const third = page.getByRole('group', { name: /^Условие 3 / });
            await inside(third, 'Не меньше дней').fill('100');
            await inside(third, 'Не больше дней').fill('50');
            await third.getByText('Верхняя граница меньше нижней.').waitFor();
            await page.getByText('Не посчитано: проверьте отмеченные условия.').waitFor();
            await accessible(page);
            await screenshots(page, 'segments-editor-refused');
            await third.getByRole('button', { name: /^Удалить/ }).click();
            await expectCount(page, withBalance);

            // Near a store: a nested "any" group with the store picked from the list and its radius.
            await page.getByRole('button', { name: 'Добавить вложенную группу' }).click();
            const nested = page.getByRole('group', { name: 'Вложенная группа' });
            await nested.getByRole('button', { name: 'Добавить условие' }).click();
            await page
                .getByRole('menuitem', { name: 'Основная аптека рядом с аптекой', exact: true })
                .click();
            const near = nested.getByRole('group', { name: /^Условие 1 / });
            await inside(near, 'Аптека').click();
            await page.getByRole('option', { name: /^MSK-001 / }).click();
            await inside(near, 'В радиусе, км').fill('10');
            const stores = await page.request.get(`${server.adminUrl}v1/stores?limit=200`);
            const msk = ((await stores.json()) as { data: { id: number; code: string }[] }).data.find(
                (s) => s.code === 'MSK-001',
            );
            const nearRule = {
                all: [
                    { type: 'lifecycle', segments: ['sleeping'] },
                    { type: 'balance', min: 10_000 },
                    { any: [{ type: 'homeStoreNear', storeId: msk?.id, km: 10 }] },
                ],
            };
            const nearCount = await apiCount(page, server, nearRule);
            expect(nearCount).toBeLessThanOrEqual(withBalance);
            await expectCount(page, nearCount);
            await accessible(page);
            await screenshots(page, 'segments-editor');

            await page.getByRole('button', { name: 'Создать сегмент' }).click();
            await page.getByText('Сегмент «Спящие с бонусами» сохранён.').waitFor();
            await page.getByRole('heading', { level: 1, name: 'Спящие с бонусами' }).waitFor();
            expect(page.url()).toMatch(/\/segments\/\d+$/);
            const id = Number(page.url().split('/').pop());
            const saved = await page.request.get(`${server.adminUrl}v1/segments/${id}`);
            expect(((await saved.json()) as { rule: unknown }).rule).toEqual(nearRule);

            await page.getByRole('link', { name: '← Все сегменты' }).click();
            const row = page.getByRole('row', { name: /Спящие с бонусами/ });
            await row.waitFor();
            expect(await row.getByRole('cell').nth(1).textContent()).toBe(nearCount.toLocaleString('ru-RU'));
            await accessible(page);
            await screenshots(page, 'segments-list');
        });

        it('an analyst opens the saved segment and can change nothing', async () => {
            const analyst = await newContext();
            try {
                const reader = await analyst.newPage();
                const readerErrors = collectPageErrors(reader);
                await signIn(reader, server, 'analyst', 'segments');
                await reader.getByRole('link', { name: 'Спящие с бонусами' }).click();
                await reader.getByRole('heading', { level: 1, name: 'Спящие с бонусами' }).waitFor();
                await reader.getByText(/менять сегменты могут маркетологи/).waitFor();
                expect(await field(reader, 'Название').isDisabled()).toBe(true);
                expect(await reader.getByRole('button', { name: 'Сохранить сегмент' }).count()).toBe(0);
                expect(await reader.getByRole('button', { name: 'Добавить условие' }).count()).toBe(0);
                await accessible(reader);
                expect(readerErrors).toEqual([]);
            } finally {
                await analyst.close();
            }
        });
    });
}
