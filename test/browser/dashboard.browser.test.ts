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
import { dashboardFixture } from './harness/dashboard-fixture.js';
import { startUiServer, type UiServer } from './harness/ui-server.js';

/** Answers `GET /dashboard` with the contract-shaped fixture; returns the store ids asked for. */
async function mockDashboard(page: Page): Promise<(string | null)[]> {
    const asked: (string | null)[] = [];
    await page.route('**/admin/v1/dashboard*', async (route) => {
        asked.push(new URL(route.request().url()).searchParams.get('storeId'));
        await route.fulfill({ json: dashboardFixture() });
    });
    return asked;
}

for (const engine of engines) {
    describeBrowser(`admin UI: dashboard (${engine})`, () => {
        let server: UiServer;
        let context: BrowserContext;
        let page: Page;
        let errors: string[];

        beforeAll(async () => {
            server = await startUiServer(engine, 'ui-dashboard');
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

        it('renders with the demo chain’s figures', async () => {
            await signIn(page, server, 'admin');
            await page.getByRole('heading', { name: 'Сводка', level: 1 }).waitFor();
            await page
                .getByRole('region', { name: 'Движение бонусов за 90 дней' })
                .getByRole('img')
                .waitFor();
            await page
                .getByRole('region', { name: 'Чеки по аптекам за 30 дней' })
                .getByRole('row')
                .nth(1)
                .waitFor();
            await expectAccessible(page);
            await screenshots(page, 'dashboard-demo');
        });

        it('shows every section of the contract, ECharts loaded only with the chart', async () => {
            const scripts: string[] = [];
            page.on('request', (r) => r.resourceType() === 'script' && scripts.push(r.url()));
            await mockDashboard(page);
            await page.goto(server.adminUrl + 'sign-in');
            await page.getByRole('heading', { name: 'Вход в Refill' }).waitFor();
            expect(scripts.some((url) => /\/echarts-[\w-]+\.js$/.test(url))).toBe(false);
            await signIn(page, server, 'admin');
            const flow = page.getByRole('region', { name: 'Движение бонусов за 90 дней' });
            await flow.locator('canvas').waitFor();
            expect(scripts.some((url) => /\/echarts-[\w-]+\.js$/.test(url))).toBe(true);
            await page.getByText('5 бонусов', { exact: true }).waitFor();
            await page.getByText('2 бонуса сгорят в ближайшие 30 дней').waitFor();
            await page.getByText('1 активный за 30 дней').waitFor();
            const receipts = page.getByRole('region', { name: 'Чеки по аптекам за 30 дней' });
            await receipts.getByRole('row', { name: /MSK-001\s+363\s+296\s?296,29\s₽/ }).waitFor();
            const campaigns = page.getByRole('region', { name: 'Кампании' });
            await campaigns.getByRole('row', { name: /Статины: возврат\s+Идёт.*\+4,2\s%/ }).waitFor();
            await campaigns.getByText('мало данных').waitFor();
            await page
                .getByRole('region', { name: 'Сообщения сегодня' })
                .getByRole('row', { name: /sms/ })
                .waitFor();
            await page.getByRole('region', { name: 'Сбои задач' }).getByText('database is locked').waitFor();
            // The chain's time (Moscow), not the browser's (Yekaterinburg): 09:30 UTC is 12:30 in Moscow.
            await page.getByText(/Данные на 5 дек\. 2026 г\., 12:30/).waitFor();
            await expectAccessible(page);
            await screenshots(page, 'dashboard');
        });

        it('switches to English and back, plurals following', async () => {
            await mockDashboard(page);
            await signIn(page, server, 'admin');
            await page.getByText('5 бонусов', { exact: true }).waitFor();
            await page.getByText('EN', { exact: true }).click();
            await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
            await page.getByText('5 bonuses', { exact: true }).waitFor();
            await page.getByText('2 bonuses expire within 30 days').waitFor();
            await screenshots(page, 'dashboard-en');
            await page.getByText('RU', { exact: true }).click();
            await page.getByText('5 бонусов', { exact: true }).waitFor();
        });

        it('lets a manager of several stores pick one', async () => {
            const asked = await mockDashboard(page);
            // The session and stores as the contract gives them to a manager of two stores.
            await page.route('**/admin/v1/session', (route) =>
                route.request().method() === 'GET'
                    ? route.fulfill({
                          json: {
                              user: {
                                  id: 9,
                                  username: 'olga',
                                  displayName: 'Ольга',
                                  role: 'manager',
                                  storeIds: [1, 2],
                              },
                              csrfToken: 'csrf',
                              expiresAt: '2026-12-06T00:00:00.000Z',
                          },
                      })
                    : route.fallback(),
            );
            await page.route('**/admin/v1/stores*', (route) =>
                route.fulfill({
                    json: {
                        data: [
                            {
                                id: 1,
                                code: 'MSK-001',
                                name: 'Аптека на Тверской',
                                timezone: null,
                                address: null,
                                createdAt: '2026-01-01T00:00:00.000Z',
                                activeKeys: 1,
                            },
                            {
                                id: 2,
                                code: 'EKB-002',
                                name: 'Аптека на Ленина',
                                timezone: 'Asia/Yekaterinburg',
                                address: null,
                                createdAt: '2026-01-01T00:00:00.000Z',
                                activeKeys: 1,
                            },
                        ],
                        meta: { pagination: { limit: 200, nextCursor: null } },
                    },
                }),
            );
            await page.goto(server.adminUrl);
            await page.getByRole('heading', { name: 'Сводка', level: 1 }).waitFor();
            await page.getByRole('combobox', { name: 'Аптека' }).click();
            await page.getByRole('option', { name: 'EKB-002 · Аптека на Ленина' }).click();
            await expect.poll(() => asked.at(-1)).toBe('2');
            expect(new URL(page.url()).searchParams.get('store')).toBe('2');
            await screenshots(page, 'dashboard-manager-store');
        });
    });
}
