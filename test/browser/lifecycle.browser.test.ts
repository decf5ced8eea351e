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
 * The lifecycle dashboard on the real standalone server with the demo chain
 * (its history classified one day a week, then today): a marketer sees every
 * segment with its rule in words and its size, the sizes over time, a month's
 * moves (sankey and the same numbers as a table), changes a threshold and
 * sees it saved, and a threshold in the wrong order refused at its field. The
 * customer card shows the customer's segment. An analyst reads the
 * thresholds and cannot change them. Every state passes axe.
 */

/** The segments' Russian names. */
const RU_NAMES: Record<string, string> = {
    enrolled: 'Зарегистрированные',
    new: 'Новые',
    developing: 'Развивающиеся',
    regular: 'Постоянные',
    sleeping: 'Спящие',
    churned: 'Ушедшие',
    won_back: 'Возвращённые',
};

/** axe once transitions (notifications, dropdowns) have settled. */
async function accessible(page: Page): Promise<void> {
    await page.waitForTimeout(300);
    await expectAccessible(page);
}

/** The segment sizes the API reports now, read with the page's session. */
async function overviewOf(page: Page, server: UiServer) {
    const res = await page.request.get(`${server.adminUrl}v1/segments/lifecycle`);
    expect(res.status()).toBe(200);
    return (await res.json()) as {
        classifiedDay: string | null;
        segments: { segment: string; size: number }[];
    };
}

/** The thresholds as the API has them. */
async function thresholdsOf(page: Page, server: UiServer) {
    const res = await page.request.get(`${server.adminUrl}v1/segments/lifecycle/thresholds`);
    expect(res.status()).toBe(200);
    return (await res.json()) as { thresholds: Record<string, number>; customised: boolean };
}

for (const engine of engines) {
    describeBrowser(`admin UI: lifecycle dashboard (${engine})`, () => {
        let server: UiServer;
        let marketer: BrowserContext;
        let page: Page;
        let errors: string[];

        beforeAll(async () => {
            server = await startUiServer(engine, 'ui-lifecycle');
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

        it('the marketer sees each segment with its rule and size, the sizes over time and a month of moves', async () => {
            await page.getByRole('link', { name: 'Жизненный цикл' }).click();
            await page.getByRole('heading', { level: 1, name: 'Жизненный цикл покупателей' }).waitFor();
            const now = page.getByRole('region', { name: 'Сегменты сейчас' });
            await now.getByRole('row', { name: /Спящие/ }).waitFor();
            const overview = await overviewOf(page, server);
            expect(overview.classifiedDay).not.toBeNull();
            // Every segment's size as the API counts it, and the sleeping rule in words (default thresholds).
            for (const row of overview.segments) {
                const text = await now
                    .getByRole('row', { name: new RegExp(`^${RU_NAMES[row.segment]}`) })
                    .textContent();
                expect(text).toContain(row.size.toLocaleString('ru-RU'));
            }
            expect(await now.getByRole('row', { name: /Спящие/ }).textContent()).toContain(
                'Нет покупок 60–179 дней',
            );
            expect(await now.getByRole('row', { name: /Ушедшие/ }).textContent()).toContain(
                'Нет покупок 180 дней и дольше',
            );
            const total = overview.segments.reduce((sum, s) => sum + s.size, 0);
            expect(total).toBeGreaterThan(0);
            await now.getByText(new RegExp(`: ${total.toLocaleString('ru-RU')} покупателей\\.$`)).waitFor();

            const sizes = page.getByRole('region', { name: 'Размеры сегментов по дням' });
            const chart = sizes.getByRole('img', { name: /^На .*Постоянные \d+/ });
            await chart.waitFor();
            expect(await sizes.locator('canvas').count()).toBe(1);
            await sizes.getByText('365 дней').click();
            await chart.waitFor();

            const flows = page.getByRole('region', { name: 'Переходы между сегментами' });
            const moves = flows.getByRole('region', { name: 'Переходы за месяц' });
            await moves.getByRole('row').nth(1).waitFor();
            expect(await flows.locator('canvas').count()).toBe(1);
            // The table says what the API counted: one row per move, the biggest first.
            const res = await page.request.get(`${server.adminUrl}v1/segments/lifecycle/flows`);
            const month = (await res.json()) as {
                flows: { from: string | null; to: string; customers: number }[];
            };
            expect(month.flows.length).toBeGreaterThan(0);
            expect(await moves.getByRole('row').count()).toBe(month.flows.length + 1);
            const biggest = [...month.flows].sort((a, b) => b.customers - a.customers)[0];
            const top = moves.getByRole('row').nth(1);
            expect(await top.getByRole('cell').allTextContents()).toEqual([
                biggest.from ? RU_NAMES[biggest.from] : 'Первое распределение',
                RU_NAMES[biggest.to],
                String(biggest.customers),
            ]);
            await accessible(page);
            await screenshots(page, 'lifecycle-dashboard');
        });

        it('the marketer changes a threshold and sees it saved; a threshold in the wrong order is refused at its field', async () => {
            const section = page.getByRole('region', { name: 'Пороги' });
            const sleeping = section.getByRole('textbox', { name: 'Спящий после' });
            await sleeping.fill('90');
            await section.getByRole('button', { name: 'Сохранить пороги' }).click();
            await page
                .getByText('Пороги сохранены. Они действуют со следующего ежедневного расчёта.')
                .waitFor();
            const saved = await thresholdsOf(page, server);
            expect(saved.thresholds.sleepingAfterDays).toBe(90);
            expect(saved.customised).toBe(true);
            // The rule in words follows the saved threshold.
            const now = page.getByRole('region', { name: 'Сегменты сейчас' });
            await now.getByRole('row', { name: /Нет покупок 90–179 дней/ }).waitFor();

            const churned = section.getByRole('textbox', { name: 'Ушедший после' });
            await churned.fill('80');
            await section.getByRole('button', { name: 'Сохранить пороги' }).click();
            await section.getByText('Пороги не сохранены: проверьте отмеченные поля.').waitFor();
            await section.getByText('Должно быть больше, чем «Спящий после» (90)').waitFor();
            expect(await churned.getAttribute('aria-invalid')).toBe('true');
            expect((await thresholdsOf(page, server)).thresholds.churnedAfterDays).toBe(180);
            await accessible(page);
            await screenshots(page, 'lifecycle-thresholds-refused');
        });

        it('the customer card shows the segment and its history; an analyst reads the thresholds and cannot change them', async () => {
            const res = await page.request.get(`${server.adminUrl}v1/customers?limit=1`);
            const [customer] = ((await res.json()) as { data: { cardNumber: string }[] }).data;
            await page.goto(`${server.adminUrl}customers/${customer.cardNumber}`);
            const card = page.getByRole('region', { name: 'Сегмент жизненного цикла' });
            await card.getByText(/^с \d/).waitFor();
            await card.getByRole('region', { name: 'Переходы между сегментами' }).waitFor();
            await accessible(page);
            await screenshots(page, 'lifecycle-customer-card');

            const analyst = await newContext();
            try {
                const reader = await analyst.newPage();
                const readerErrors = collectPageErrors(reader);
                await signIn(reader, server, 'analyst', 'lifecycle');
                const section = reader.getByRole('region', { name: 'Пороги' });
                await section.getByRole('textbox', { name: 'Спящий после' }).waitFor();
                expect(await section.getByRole('textbox', { name: 'Спящий после' }).isDisabled()).toBe(true);
                expect(await section.getByRole('button', { name: 'Сохранить пороги' }).count()).toBe(0);
                const put = await reader.request.put(`${server.adminUrl}v1/segments/lifecycle/thresholds`, {
                    data: {
                        regularWithinDays: 30,
                        sleepingAfterDays: 60,
                        churnedAfterDays: 180,
                        wonBackDays: 30,
                    },
                });
                expect([401, 403]).toContain(put.status());
                expect(readerErrors).toEqual([]);
            } finally {
                await analyst.close();
            }
        });
    });
}
