import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { engines } from '../helpers/test-database.js';
import {
    collectPageErrors,
    describeBrowser,
    expectAccessible,
    field,
    newContext,
    SCREENSHOTS,
    screenshots,
    signIn,
} from './harness/browser.js';
import { startUiServer, type UiServer } from './harness/ui-server.js';

/*
 * The store desk as a store manager uses it at the counter, in Chromium on
 * the standalone server with the demo chain: find a customer by a phone typed
 * with spaces, read the bonuses and lots, credit 500 bonuses with a reason
 * (once, however the button is clicked), see the ledger line and the audit
 * entry, meet the manager's limit, replace the card and see the old one
 * refused at the POS API. Screenshots at both viewports; axe on the customers
 * page and the card. The steps share one page and run in order.
 */

/** A customer of the demo chain picked for the story. */
interface DemoCustomer {
    cardNumber: string;
    phone: string;
    balance: number;
}

/** `+79655444450` as a person types it at the counter: `+7 965 544 44 50`. */
function spacedPhone(e164: string): string {
    const d = e164.slice(2);
    return `+7 ${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6, 8)} ${d.slice(8)}`;
}

/**
 * Bonuses (minor units, as the API gives them) as the Russian UI writes them:
 * `143900` → `1 439 бонусов`, `148950` → `1 489,5 бонуса` (any space in the grouping).
 */
function bonuses(minor: number): RegExp {
    const [whole, fraction] = String(minor / 100).split('.');
    const digits = whole.replace(/\B(?=(\d{3})+(?!\d))/g, '\\s') + (fraction ? `,${fraction}` : '');
    return new RegExp(`^${digits}\\sбонус(а|ов)?$`);
}

/** The locator's text, whitespace collapsed. */
async function text(locator: Locator): Promise<string> {
    return ((await locator.textContent()) ?? '').replace(/\s+/g, ' ');
}

/** The desk dialog named `title`, opened by the action button of the same name. */
async function openDialog(page: Page, button: string, title = button): Promise<Locator> {
    await page.getByRole('button', { name: button }).click();
    const dialog = page.getByRole('dialog', { name: title });
    await dialog.waitFor();
    return dialog;
}

/** A check of the page as it is now: no hover colours, no serious or critical axe violation. */
async function accessible(page: Page): Promise<void> {
    await page.mouse.move(0, 0);
    await expectAccessible(page);
}

for (const engine of engines) {
    describeBrowser(`admin UI: store desk (${engine})`, () => {
        let server: UiServer;
        let context: BrowserContext;
        let page: Page;
        let errors: string[];
        let customer: DemoCustomer;
        const reason = 'Компенсация за ошибку кассы';

        beforeAll(async () => {
            server = await startUiServer(engine, 'ui-store-desk');
            context = await newContext();
            page = await context.newPage();
            errors = collectPageErrors(page);
        }, 180_000);
        afterEach(async ({ task }) => {
            if (task.result?.state !== 'fail') return;
            mkdirSync(SCREENSHOTS, { recursive: true });
            await page.screenshot({ path: join(SCREENSHOTS, `store-desk-failed.png`), fullPage: true });
        });
        afterAll(async () => {
            await context?.close();
            await server?.close();
            expect(errors ?? []).toEqual([]);
        });

        it('finds a customer by a phone typed with spaces; the search is in the URL', async () => {
            await signIn(page, server, 'manager', 'customers');
            await page.getByRole('heading', { name: 'Покупатели', level: 1 }).waitFor();
            await page.getByRole('table').waitFor();
            await accessible(page);
            await screenshots(page, 'customers');

            // A demo customer with a phone and bonuses, as the newest customers list them.
            const answer = await page.request.get(`${server.adminUrl}v1/customers?limit=200`);
            const rows = ((await answer.json()) as { data: (DemoCustomer & { phone: string | null })[] })
                .data;
            const found = rows.find((c) => c.phone?.startsWith('+7') && c.balance > 0);
            expect(found, 'a demo customer with a phone and bonuses').toBeDefined();
            customer = found as DemoCustomer;

            const typed = spacedPhone(customer.phone);
            await field(page, 'Телефон, карта, e-mail или имя').fill(typed);
            await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe(typed);
            const link = page.getByRole('table').getByRole('link', { name: customer.cardNumber });
            await link.waitFor();
            await expect.poll(() => page.getByRole('table').getByRole('row').count()).toBe(2);
            await screenshots(page, 'customers-found');
            await link.click();
            await expect
                .poll(() => new URL(page.url()).pathname)
                .toBe(`/admin/customers/${customer.cardNumber}`);
        });

        it('reads the balance and the lots', async () => {
            await page.getByText(bonuses(customer.balance)).first().waitFor();
            await accessible(page);
            await screenshots(page, 'customer-card');
            await page.getByRole('tab', { name: 'Партии бонусов' }).click();
            const lots = page.getByRole('region', { name: 'Партии бонусов' });
            await lots.getByRole('row').nth(1).waitFor();
            expect(await text(lots)).toContain('Действует');
            await accessible(page);
            await screenshots(page, 'customer-lots');
        });

        it('credits 500 bonuses once, with a reason, however often the button is clicked', async () => {
            const dialog = await openDialog(page, 'Начислить или списать бонусы');
            await field(page, 'Бонусы').fill('500');
            await dialog
                .getByText(`Начислить 500 бонусов на карту ${customer.cardNumber}.`, { exact: false })
                .waitFor();
            await dialog.getByText('Это запишется в журнал действий от вашего имени.').waitFor();
            await accessible(page);
            await field(page, 'Причина').fill(reason);
            await dialog.getByRole('button', { name: 'Начислить бонусы' }).dblclick();
            await dialog.waitFor({ state: 'detached' });
            await page.getByText(/^Начислено 500 бонусов\. Теперь на карте/).waitFor();
            expect(await page.getByText(/уже была проведена/).count()).toBe(0); // the second click sent nothing
            await page
                .getByText(bonuses(customer.balance + 50_000))
                .first()
                .waitFor();

            await page.getByRole('tab', { name: 'Движение бонусов' }).click();
            const ledger = page.getByRole('region', { name: 'Движение бонусов' });
            const line = ledger.getByRole('row').nth(1);
            await line.waitFor();
            expect(await text(line)).toMatch(new RegExp(`\\+500.*Ручное начисление.*${reason}`));
            expect((await text(ledger)).split(reason)).toHaveLength(2); // one line

            await page.getByRole('tab', { name: 'Изменения' }).click();
            const audit = page.getByRole('region', { name: 'Изменения' });
            const entry = audit.getByRole('row').nth(1);
            await entry.waitFor();
            expect(await text(entry)).toMatch(
                new RegExp(`${server.users.manager}.*Ручная корректировка бонусов.*${reason}`),
            );
            expect((await text(audit)).split('Ручная корректировка бонусов')).toHaveLength(2); // one entry
        });

        it('records the birth date in the contacts and shows it in the profile', async () => {
            const dialog = await openDialog(page, 'Изменить контакты');
            await field(page, 'Дата рождения').fill('1985-03-12');
            await field(page, 'Причина').fill('Покупатель назвал дату рождения');
            await dialog.getByRole('button', { name: 'Сохранить контакты' }).click();
            await dialog.waitFor({ state: 'detached' });
            await page.getByRole('tab', { name: 'Профиль' }).click();
            const row = page.getByRole('row', { name: /^Дата рождения/ });
            await expect.poll(() => text(row)).toContain('12 марта 1985');
            expect(await text(page.getByRole('row', { name: /^Вид карты/ }))).toMatch(/карта/);
        });

        it('says what the manager’s limit is when a credit is over it', async () => {
            const dialog = await openDialog(page, 'Начислить или списать бонусы');
            await field(page, 'Бонусы').fill('5000');
            await field(page, 'Причина').fill('Проверка лимита');
            await dialog.getByRole('button', { name: 'Начислить бонусы' }).click();
            const alert = dialog.getByRole('alert');
            await alert.waitFor();
            expect(await text(alert)).toMatch(/ваш лимит — 1\s?000 бонусов.*Код: REFILL_ADJUSTMENT_LIMIT/);
            await dialog.getByRole('button', { name: 'Отмена' }).click();
            await dialog.waitFor({ state: 'detached' });
        });

        it('replaces the card: the page moves to the new card, the tills refuse the old one', async () => {
            const oldCard = customer.cardNumber;
            const newCard = `2999${String(Date.now()).slice(-9)}`;
            const dialog = await openDialog(page, 'Заменить потерянную карту', 'Заменить потерянную карту');
            expect(await text(dialog)).toContain(`Перенести покупателя с карты ${oldCard}`);
            await field(page, 'Номер новой карты').fill(newCard);
            await field(page, 'Причина').fill('Покупатель потерял карту');
            await dialog.getByRole('button', { name: 'Заменить карту' }).click();
            await expect.poll(() => new URL(page.url()).pathname).toBe(`/admin/customers/${newCard}`);
            await page.getByText(newCard, { exact: true }).first().waitFor();
            await page
                .getByText(bonuses(customer.balance + 50_000))
                .first()
                .waitFor();
            await accessible(page);
            await screenshots(page, 'customer-card-replaced');

            const pos = (card: string) =>
                fetch(`${server.standalone.url}/pos/v1/customers/${card}/balance`, {
                    headers: { authorization: `Bearer ${server.standalone.demoKey}` },
                });
            const refused = await pos(oldCard);
            expect(refused.status).toBe(409);
            expect(((await refused.json()) as { error: { code: string } }).error.code).toBe(
                'REFILL_CARD_REPLACED',
            );
            expect((await pos(newCard)).status).toBe(200);
        });
    });
}
