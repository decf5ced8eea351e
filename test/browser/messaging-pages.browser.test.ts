import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { refillInternals } from '../../plugin/testing.js';
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
 * The message log, the channels and the contact policy as a CRM marketer
 * uses them, in Chromium on the standalone server with the demo chain: a
 * customer enrolled at a till is welcomed outside the sending hours, so the
 * contact policy holds the message; the marketer finds it in the log by the
 * card and reads why it was held; sends a test SMS that lands in the outbox;
 * changes the quiet days after a purchase and sees the change saved (and
 * audited). An analyst sees the three pages and has nothing to change. axe
 * and screenshots on every page.
 */

const CARD = '2990000777001';
const ZONE = 'Europe/Moscow';

/** The locator's text, whitespace collapsed. */
async function text(locator: Locator): Promise<string> {
    return ((await locator.textContent()) ?? '').replace(/\s+/g, ' ');
}

/**
 * A check of the page once it is still (a drawer or dialog that slides or
 * fades in is checked at its final colours): no hover colours, no serious
 * or critical axe violation.
 */
async function accessible(page: Page): Promise<void> {
    await page.mouse.move(0, 0);
    await page.waitForFunction(() =>
        // Runs in the page (the tests compile without the DOM's types).
        (globalThis as unknown as { document: { getAnimations(): Array<{ playState: string }> } }).document
            .getAnimations()
            .every((a) => a.playState !== 'running'),
    );
    await expectAccessible(page);
}

/** Sending hours that leave the present hour in `zone` out (the next hour of the other half of the day). */
function windowAwayFromNow(zone: string): { from: string; to: string } {
    const hour = DateTime.now().setZone(zone).hour;
    return hour < 12 ? { from: '14:00', to: '15:00' } : { from: '02:00', to: '03:00' };
}

for (const engine of engines) {
    describeBrowser(`admin UI: message log, channels and contact policy (${engine})`, () => {
        let server: UiServer;
        let context: BrowserContext;
        let page: Page;
        let errors: string[];

        beforeAll(async () => {
            server = await startUiServer(engine, 'ui-messaging');
            const { services } = refillInternals(server.standalone.refill);
            // The chain's sending hours leave now out, so a welcome decided now is held.
            const { policy } = await services.contactPolicy.view();
            await services.contactPolicy.save({ ...policy, window: windowAwayFromNow(ZONE) }, 'test-setup');
            // A customer enrolled at a till, with an SMS consent.
            const enrolled = await fetch(`${server.standalone.url}/pos/v1/customers/${CARD}`, {
                method: 'PUT',
                headers: {
                    authorization: `Bearer ${server.standalone.demoKey}`,
                    'content-type': 'application/json',
                },
                body: JSON.stringify({
                    phone: '+7 916 700 77 01',
                    timezone: ZONE,
                    consents: { sms: { granted: true } },
                }),
            });
            expect(enrolled.status).toBe(201);
            await services.reminders.welcome();
            await services.dispatcher.run();
            context = await newContext();
            page = await context.newPage();
            errors = collectPageErrors(page);
        }, 180_000);
        afterEach(async ({ task }) => {
            if (task.result?.state !== 'fail' || !page) return;
            mkdirSync(SCREENSHOTS, { recursive: true });
            await page.screenshot({ path: join(SCREENSHOTS, `messaging-failed.png`), fullPage: true });
        });
        afterAll(async () => {
            await context?.close();
            await server?.close();
            expect(errors ?? []).toEqual([]);
        });

        it('finds the held message by its card and reads why it was held', async () => {
            await signIn(page, server, 'marketer', 'messages');
            await page.getByRole('heading', { name: 'Журнал сообщений', level: 1 }).waitFor();
            await page.getByRole('table').waitFor();
            await accessible(page);
            await screenshots(page, 'messages');

            await field(page, 'Карта покупателя').fill(CARD);
            await expect.poll(() => new URL(page.url()).searchParams.get('card')).toBe(CARD);
            const table = page.getByRole('table');
            // The welcome's other channels were passed over (no consent, no contact): 4 decisions.
            await expect.poll(() => table.getByRole('row').count()).toBe(5);
            await field(page, 'Состояние').first().click();
            await page.getByRole('option', { name: 'Отложено' }).click();
            await expect.poll(() => new URL(page.url()).searchParams.get('status')).toBe('held');
            await expect.poll(() => table.getByRole('row').count()).toBe(2);
            const row = table.getByRole('row').nth(1);
            expect(await text(row)).toMatch(/Отложено.*вне часов отправки/);
            expect(await text(row)).toContain('+7 916 ***-**-01');
            expect(await text(row)).not.toContain('7007701');

            await row.getByRole('button', { name: /Открыть сообщение/ }).click();
            const drawer = page.getByRole('dialog', { name: /Сообщение №/ });
            await drawer.waitFor();
            expect(new URL(page.url()).searchParams.get('message')).toMatch(/^\d+$/);
            const why = drawer.getByRole('region', { name: 'Почему' });
            expect(await text(why)).toMatch(/Отложено: вне часов отправки; можно будет/);
            expect(await text(drawer.getByRole('region', { name: 'События доставки' }))).toContain(
                'Отложено',
            );
            await accessible(page);
            await screenshots(page, 'message-held');
            await drawer.getByRole('button', { name: 'Закрыть' }).click();
            await drawer.waitFor({ state: 'detached' });
        }, 60_000);

        it('sends a test SMS from the channels page; it lands in the outbox', async () => {
            await page.getByRole('link', { name: 'Каналы' }).click();
            await page.getByRole('heading', { name: 'Каналы', level: 1 }).waitFor();
            const sms = page.getByRole('region', { name: 'SMS' });
            await sms.waitFor();
            expect(await text(sms)).toContain('Исходящие (не настроен)');
            await accessible(page);
            await screenshots(page, 'channels');

            await sms.getByRole('button', { name: 'Отправить тест: SMS' }).click();
            const dialog = page.getByRole('dialog', { name: 'Тестовое сообщение: SMS' });
            await dialog.waitFor();
            await field(page, 'Номер телефона').fill('12');
            await dialog.getByRole('button', { name: 'Отправить тест' }).click();
            await dialog.getByText('По этому адресу канал отправить не может').waitFor();
            await field(page, 'Номер телефона').fill('+7 916 765 43 21');
            await field(page, 'Текст').fill('Проверка канала');
            await dialog.getByRole('button', { name: 'Отправить тест' }).click();
            await dialog.getByText('Тест отправлен').waitFor();
            await accessible(page);
            await screenshots(page, 'channel-test');
            const { services } = refillInternals(server.standalone.refill);
            const [sent] = await services.outbox.list({ channel: 'sms', limit: 1 });
            expect(sent).toMatchObject({ to: '+79167654321', text: 'Проверка канала' });
            await dialog.getByRole('button', { name: 'Отмена' }).click();
            await dialog.waitFor({ state: 'detached' });
        }, 60_000);

        it('changes the quiet days after a purchase; the change is saved and audited', async () => {
            await page.getByRole('link', { name: 'Правила контактов' }).click();
            await page.getByRole('heading', { name: 'Правила контактов', level: 1 }).waitFor();
            const general = page.getByRole('table', { name: 'Время и общие лимиты' });
            const quiet = general.getByRole('row', { name: /Дни тишины после покупки/ });
            expect(await text(quiet)).toContain('После покупки покупатель 7 дней не получает предложений.');
            await accessible(page);
            await screenshots(page, 'contact-policy');

            await page.getByRole('button', { name: 'Изменить правила' }).click();
            await field(page, 'Дни тишины после покупки').fill('5');
            await accessible(page);
            await screenshots(page, 'contact-policy-edit');
            await page.getByRole('button', { name: 'Сохранить' }).click();
            await page.getByText(/^Правила контактов сохранены/).waitFor();
            await expect
                .poll(async () => text(general.getByRole('row', { name: /Дни тишины после покупки/ })))
                .toMatch(/5\s*\(по умолчанию 7\).*5 дней не получает/);
            await page.getByText(`Изменил(а) ${server.users.marketer}`, { exact: false }).waitFor();

            const { database } = refillInternals(server.standalone.refill);
            const entries = await database.all<{ actor: string; details: string }>(
                `SELECT actor, details FROM refill_audit_log WHERE action = 'contact_policy.save' ORDER BY id DESC`,
            );
            expect(entries[0].actor).toBe(server.users.marketer);
            const details = JSON.parse(entries[0].details);
            expect([details.before.quietDaysAfterPurchase, details.after.quietDaysAfterPurchase]).toEqual([
                7, 5,
            ]);
        });

        it('shows an analyst all three pages with nothing to change', async () => {
            const analyst = await newContext();
            const p = await analyst.newPage();
            const analystErrors = collectPageErrors(p);
            try {
                await signIn(p, server, 'analyst', `messages?card=${CARD}`);
                await p.getByRole('table').getByRole('row').nth(1).waitFor();
                await p
                    .getByRole('button', { name: /Открыть сообщение/ })
                    .first()
                    .click();
                await p
                    .getByRole('dialog', { name: /Сообщение №/ })
                    .getByRole('region', { name: 'Почему' })
                    .waitFor();
                await accessible(p);
                await p.keyboard.press('Escape');

                await p.getByRole('link', { name: 'Каналы' }).click();
                await p.getByRole('region', { name: 'SMS' }).waitFor();
                expect(await p.getByRole('button', { name: /Отправить тест/ }).count()).toBe(0);
                await accessible(p);
                await screenshots(p, 'channels-analyst');

                await p.getByRole('link', { name: 'Правила контактов' }).click();
                await p.getByRole('table', { name: 'Время и общие лимиты' }).waitFor();
                expect(await p.getByRole('button', { name: 'Изменить правила' }).count()).toBe(0);
                expect(await p.getByRole('spinbutton').count()).toBe(0);
                await accessible(p);
                await screenshots(p, 'contact-policy-analyst');
                expect(analystErrors).toEqual([]);
            } finally {
                await analyst.close();
            }
        }, 90_000);
    });
}
