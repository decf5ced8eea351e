import { DateTime } from 'luxon';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { refillInternals } from '../../plugin/refill-internals.js';
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
import {
    campaignMembersFixture,
    campaignReportFixture,
    campaignSendsFixture,
} from './harness/campaign-report-fixture.js';
import { TEST_PASSWORD, type TestRole, startUiServer, type UiServer } from './harness/ui-server.js';

/**
 * The send guard of this server: a run above 40 recipients waits for a second
 * person (the demo's own daily runs stay below it and go out), then a canary
 * of 10% (at least 2).
 */
const GUARD = { maxRecipients: 40, canaryPct: 10, canaryMin: 2, canaryHoldMinutes: 60 };

/** Calls the admin API as the test user with `role` (to set up data, and to check what the UI cannot show). */
async function apiAs(server: UiServer, role: TestRole) {
    const base = server.standalone.url;
    const login = await fetch(`${base}/admin/v1/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: server.users[role], password: TEST_PASSWORD }),
    });
    expect(login.status).toBe(201);
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    return async (method: string, path: string, body?: unknown) => {
        const res = await fetch(`${base}/admin/v1${path}`, {
            method,
            headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
            body: body === undefined ? undefined : JSON.stringify(body),
        });
        // Set-up answers, read like supertest's `body` (the assertions check what matters).
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        return { status: res.status, body: (await res.json()) as Record<string, any> };
    };
}

/** A gift win-back design on `categoryCode`. */
function design(code: string, categoryCode: string) {
    return {
        code,
        name: `Возврат ${categoryCode}`,
        categoryCode,
        audience: 'lapsed',
        lapseKPct: 150,
        controlSharePct: 10,
        allowZeroControl: false,
        offer: { kind: 'gift', giftAmount: 5_000, validDays: 14, bonusLifetimeDays: 30 },
        settlementLagDays: 3,
        cooldownDays: 60,
        dailyCap: null,
        channels: ['sms', 'email'],
        filters: {},
        marginPct: 30,
        redemptionPct: 100,
        runHour: 0,
    };
}

for (const engine of engines) {
    describeBrowser(`admin UI: a campaign’s page (${engine})`, () => {
        let server: UiServer;
        let context: BrowserContext;
        let page: Page;
        let errors: string[];
        let launchId: number;
        let runDay: string;
        /** The chronic category with the most eligible lapsed buyers today. */
        let category: string;

        beforeAll(async () => {
            server = await startUiServer(engine, 'ui-campaign', {
                messaging: { guard: GUARD, window: { from: '00:00', to: '23:59' } },
                demoCustomers: 1000,
            });
            // The marketer drafts the campaign on the chronic category with the most eligible lapsed buyers today.
            const marketer = await apiAs(server, 'marketer');
            const categories = (await marketer('GET', '/categories')).body;
            const chronic = (
                (categories.categories ?? categories.data) as { code: string; chronic: boolean }[]
            )
                .filter((c) => c.chronic)
                .map((c) => c.code);
            // A throwaway draft probes each category, so the launched campaign's timeline stays its own.
            const probe = await marketer('POST', '/campaigns', design(`UI-PROBE-${engine}`, chronic[0]));
            expect(probe.status).toBe(201);
            const probeId = probe.body.campaign.id as number;
            let best = { code: chronic[0], eligible: -1 };
            for (const code of chronic) {
                expect(
                    (await marketer('PATCH', `/campaigns/${probeId}`, { categoryCode: code })).status,
                ).toBe(200);
                const dry = await marketer('POST', `/campaigns/${probeId}/dry-run`);
                if (dry.body.dryRun.eligible > best.eligible)
                    best = { code, eligible: dry.body.dryRun.eligible };
            }
            expect(best.eligible).toBeGreaterThan(2 * GUARD.maxRecipients);
            category = best.code;
            const created = await marketer('POST', '/campaigns', design(`UI-LAUNCH-${engine}`, category));
            expect(created.status).toBe(201);
            launchId = created.body.campaign.id;
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

        /** The run's card on the page. */
        const runCard = () => page.getByRole('article', { name: /^Рассылка за / });

        it('a marketer launches; the guard holds the large run, and its launcher cannot approve it', async () => {
            await signIn(page, server, 'marketer', `campaigns/${launchId}`);
            await page.getByRole('heading', { level: 1, name: /^Возврат / }).waitFor();
            await page.getByText('Черновик', { exact: true }).waitFor();
            await page.getByRole('button', { name: 'Запустить' }).click();
            const confirm = page.getByRole('dialog', { name: 'Запустить' });
            await confirm.getByText(/Большие рассылки ждут одобрения второго человека/).waitFor();
            await confirm.getByRole('button', { name: 'Запустить' }).click();
            await page.getByText('Идёт', { exact: true }).waitFor();

            // Today's selection runs (the daily job's work) and the guard looks at the run.
            const { services, config } = refillInternals(server.standalone.refill);
            runDay = DateTime.now().setZone(config.timezone).toISODate() as string;
            const [part] = await services.campaignSelection.plan();
            const selected = await services.campaignSelection.runPart(launchId, runDay, part);
            expect(selected.assigned.test).toBeGreaterThan(GUARD.maxRecipients);
            await services.sendGuard.tick();

            await page.reload();
            const run = runCard();
            await run.getByText('Ждёт одобрения').waitFor();
            await run.getByText(`${selected.assigned.test} получател`, { exact: false }).first().waitFor();
            await run.getByText('Оценка стоимости сообщений').waitFor();
            expect(await run.getByRole('article', { name: /^Сообщение для карты \*{4}\d{4}$/ }).count()).toBe(
                Math.min(5, selected.assigned.test),
            );
            const approve = run.getByRole('button', { name: 'Одобрить и отправить пробную партию' });
            await expect.poll(() => approve.isDisabled()).toBe(true);
            await run.getByText(/Вы запустили эту кампанию и не можете одобрить/).waitFor();
            // Not only the UI: the guard itself refuses the launcher.
            const marketer = await apiAs(server, 'marketer');
            const self = await marketer('POST', `/campaigns/${launchId}/sends/${runDay}/approve`);
            expect(self.status).toBe(409);
            expect(self.body.error.code).toBe('REFILL_SECOND_ADMIN_REQUIRED');
            await expectAccessible(page);
            await screenshots(page, 'campaign-held-run');
        });

        it('a second person approves, the canary goes to the outbox, then the rest; all on the timeline', async () => {
            const admin = await apiAs(server, 'admin');
            const review = await admin('GET', `/campaigns/${launchId}/sends/${runDay}/review`);
            expect(review.status).toBe(200);
            const { plannedCanary, previews, recipients } = review.body.review as {
                plannedCanary: number;
                recipients: number;
                previews: { text: string | null; channel: string | null }[];
            };
            await signIn(page, server, 'admin', `campaigns/${launchId}`);
            const run = runCard();
            await run.getByRole('button', { name: 'Одобрить и отправить пробную партию' }).click();
            await run.getByText('Пробная партия', { exact: true }).waitFor();
            await run.getByText(/^Одобрил\(а\) anna/).waitFor();

            // The canary slice leaves the gate and goes out (to the outbox: no provider is configured);
            // the rest waits. The contact policy may still hold a canary message (a cap, a quiet period).
            const { services } = refillInternals(server.standalone.refill);
            await services.dispatcher.run();
            const sends = await admin('GET', `/campaigns/${launchId}/sends`);
            const batch = (sends.body.batches as { runDay: string; cascades: Record<string, number> }[]).find(
                (b) => b.runDay === runDay,
            )!;
            expect(batch.cascades.gated).toBe(recipients - plannedCanary);
            const sent = (sends.body.channels as { sent: number }[]).reduce((a, c) => a + c.sent, 0);
            expect(sent).toBeGreaterThan(0);
            expect(sent).toBeLessThanOrEqual(plannedCanary);
            const outbox = await admin('GET', '/outbox?limit=1000');
            const texts = new Set((outbox.body.messages as { text: string }[]).map((m) => m.text));
            // The first recipients are the canary: what the approver read is what went out.
            const previewed = previews.slice(0, plannedCanary).filter((p) => p.text);
            expect(previewed.filter((p) => texts.has(p.text!)).length).toBeGreaterThan(0);
            await expectAccessible(page);
            await screenshots(page, 'campaign-canary');

            await run.getByRole('button', { name: 'Отправить остальным' }).click();
            await run.getByText('Отправлена', { exact: true }).waitFor();
            const timeline = page.getByRole('region', { name: 'История' });
            await timeline.getByText('Рассылка кампании отпущена').waitFor();
            await timeline.getByText('Рассылка кампании одобрена').waitFor();
            await timeline.getByText('Кампания запущена').waitFor();
            await timeline
                .getByText(/^mark, /)
                .first()
                .waitFor();
        });

        it('the kill switch asks why, stops every send and records the reason', async () => {
            await signIn(page, server, 'marketer', `campaigns/${launchId}`);
            await page.getByRole('button', { name: 'Остановить рассылку…' }).click();
            const dialog = page.getByRole('dialog', { name: 'Остановить всю рассылку кампании' });
            await dialog.getByRole('button', { name: 'Остановить рассылку' }).click();
            await dialog.getByText('Укажите причину, не короче 3 символов').waitFor();
            await expectAccessible(page);
            await field(page, 'Причина (попадёт в историю)').fill('Ошибка в тексте SMS');
            await dialog.getByRole('button', { name: 'Остановить рассылку' }).click();
            await page.getByText('Рассылка остановлена', { exact: true }).first().waitFor();
            const timeline = page.getByRole('region', { name: 'История' });
            await timeline.getByText('Рассылки кампании остановлены').waitFor();
            await timeline.getByText(/причина: Ошибка в тексте SMS/).waitFor();
            await page.getByRole('button', { name: 'Возобновить рассылку' }).waitFor();
            await screenshots(page, 'campaign-killed');
        });

        /** Serves the fixture report, sends and members of `id` (the finished campaign the demo does not ship yet). */
        async function finishedCampaign(): Promise<number> {
            const marketer = await apiAs(server, 'marketer');
            const created = await marketer('POST', '/campaigns', design(`UI-DONE-${engine}`, category));
            const id = created.body.campaign.id as number;
            expect((await marketer('POST', `/campaigns/${id}/launch`)).status).toBe(200);
            expect((await marketer('POST', `/campaigns/${id}/finish`)).status).toBe(200);
            const campaign = (await marketer('GET', `/campaigns/${id}`)).body.campaign;
            const api = `**/admin/v1/campaigns/${id}`;
            await page.route(`${api}/report`, (route) =>
                route.fulfill({ json: { report: campaignReportFixture(campaign) } }),
            );
            await page.route(`${api}/sends`, (route) => route.fulfill({ json: campaignSendsFixture() }));
            await page.route(`${api}/members?*`, (route) => {
                const q = new URL(route.request().url()).searchParams;
                const members = campaignMembersFixture(
                    Number(q.get('page')),
                    Number(q.get('pageSize')),
                    q.get('group') ?? undefined,
                );
                return route.fulfill({ json: members });
            });
            return id;
        }

        it('the marketer sets a budget cap after launch, after confirming, and reads the spend against it', async () => {
            await signIn(page, server, 'marketer', `campaigns/${launchId}?tab=report`);
            const budget = page.getByRole('region', { name: 'Бюджет на сообщения' });
            await budget.getByText(/^Лимита бюджета нет/).waitFor();
            await budget.getByRole('button', { name: 'Изменить лимит' }).click();
            const dialog = page.getByRole('dialog', { name: 'Изменить лимит бюджета' });
            await field(page, 'Лимит бюджета, RUB').fill('1000');
            await expectAccessible(page);
            await dialog.getByRole('button', { name: 'Сохранить лимит' }).click();
            await dialog.waitFor({ state: 'detached' });
            await budget.getByText(/^Потрачено .* из 1\s000\s₽/).waitFor();
        });

        it('the marketer reads the report of the demo’s finished campaign: uplift with its interval, and ROMI', async () => {
            const marketer = await apiAs(server, 'marketer');
            const list = (await marketer('GET', '/campaigns')).body.campaigns as {
                id: number;
                code: string;
                status: string;
            }[];
            const demo = list.find((c) => c.status === 'finished' && c.code.startsWith('DEMO-'));
            expect(demo).toBeDefined();
            const report = (await marketer('GET', `/campaigns/${demo!.id}/report`)).body.report;
            // What the page must say, worded here from the report's own interval (buyers per 100 customers).
            const { ciLow, ciHigh } = report.results.conversion.absolute as { ciLow: number; ciHigh: number };
            const [low, high] = [ciLow, ciHigh].map((x) => Math.round(x * 1000) / 10);
            expect(low).toBeGreaterThan(0);
            const one = new Intl.NumberFormat('ru', { maximumFractionDigits: 1 });
            const plural = new Intl.PluralRules('ru').select(high);
            const buyers = plural === 'few' || plural === 'many' ? 'покупателей' : 'покупателя';
            const ratio = new Intl.NumberFormat('ru', {
                style: 'percent',
                maximumFractionDigits: 1,
                signDisplay: 'exceptZero',
            });
            const romi = report.money.romi as { estimate: number; ciLow: number; ciHigh: number };

            await signIn(page, server, 'marketer', `campaigns/${demo!.id}`);
            await page.getByRole('tab', { name: 'Отчёт', selected: true }).waitFor();
            const summary = page.getByRole('region', { name: 'Кратко о кампании' });
            await summary
                .getByText(
                    `С уверенностью 95 % кампания добавила от ${one.format(low)} до ${one.format(high)} ${buyers} на каждые 100 ушедших клиентов.`,
                )
                .waitFor();
            await summary.getByText(ratio.format(romi.estimate), { exact: true }).waitFor();
            await summary
                .getByText(`95 % интервал: ${ratio.format(romi.ciLow)} … ${ratio.format(romi.ciHigh)}`)
                .waitFor();
            await page
                .getByRole('region', { name: 'Тест против контроля' })
                .getByRole('img')
                .first()
                .waitFor();
            await page.getByRole('region', { name: 'Деньги' }).getByRole('row', { name: /^ROMI/ }).waitFor();
            await page
                .getByRole('region', { name: 'Отправки по каналам' })
                .getByRole('row', { name: /^sms/ })
                .waitFor();
            await page.getByRole('region', { name: 'Участники' }).getByRole('row').nth(1).waitFor();
            await expectAccessible(page);
            await screenshots(page, 'campaign-report-demo');
        });

        it('reads a known report exactly, in Russian and English (fixture figures)', async () => {
            const id = await finishedCampaign();
            const scripts: string[] = [];
            page.on('request', (r) => r.resourceType() === 'script' && scripts.push(r.url()));
            await signIn(page, server, 'marketer', `campaigns/${id}`);
            // A finished campaign opens on its report.
            await page.getByRole('tab', { name: 'Отчёт', selected: true }).waitFor();
            const summary = page.getByRole('region', { name: 'Кратко о кампании' });
            await summary
                .getByText(
                    'С уверенностью 95 % кампания добавила от 4,3 до 13 покупателей на каждые 100 ушедших клиентов.',
                )
                .waitFor();
            await summary.getByText('+8,7 п. п.').waitFor();
            await summary.getByText('95 % интервал: +4,3 п. п. … +13 п. п.').waitFor();
            await summary.getByText('+164,2 %').waitFor();
            await summary.getByText('95 % интервал: +34,4 % … +294 %').waitFor();
            await page
                .getByRole('alert')
                .or(page.getByRole('status'))
                .filter({ hasText: 'Всё в порядке' })
                .waitFor();
            const effects = page.getByRole('region', { name: 'Тест против контроля' });
            await effects.getByRole('img', { name: /^Конверсия: контроль 22 %/ }).waitFor();
            expect(scripts.some((url) => /\/echarts-[\w-]+\.js$/.test(url))).toBe(true);
            const money = page.getByRole('region', { name: 'Деньги' });
            await money.getByRole('row', { name: /ROMI\s+\+164,2\s%\s+\+34,4\s%\s…\s\+294\s%/ }).waitFor();
            await money.getByRole('row', { name: /iROAS\s+7,55×/ }).waitFor();
            await page
                .getByRole('region', { name: 'Отправки по каналам' })
                .getByRole('row', { name: /sms\s+1\s?120/ })
                .waitFor();
            await page.getByRole('region', { name: 'Участники' }).getByText('2 000 участников').waitFor();
            await page.getByRole('link', { name: 'Выгрузить участников (CSV)' }).waitFor();
            await page.getByRole('link', { name: 'Скачать отчёт (CSV)' }).waitFor();
            await page.getByRole('button', { name: 'Показать таблицей' }).click();
            await page
                .getByRole('table', { name: 'Накопленный прирост по дням' })
                .getByRole('row')
                .nth(10)
                .waitFor();
            await expectAccessible(page);
            await screenshots(page, 'campaign-report');
            await page.getByText('EN', { exact: true }).click();
            await page
                .getByText(
                    'With 95% confidence the campaign added between 4.3 and 13 buyers per 100 lapsed customers.',
                )
                .waitFor();
            await screenshots(page, 'campaign-report-en');
        });

        it('an analyst sees the launch, the runs and the report, and can change nothing', async () => {
            await signIn(page, server, 'analyst', `campaigns/${launchId}`);
            await page.getByText(/Вы можете смотреть кампанию/).waitFor();
            await runCard().getByText('Отправлена', { exact: true }).waitFor();
            await page
                .getByRole('region', { name: 'История' })
                .getByText('Рассылки кампании остановлены')
                .waitFor();
            const enabled = page.locator('main button:not([disabled])').filter({
                hasText:
                    /Запустить|Приостановить|Завершить|Одобрить|Отправить остальным|Остановить|Возобновить/,
            });
            expect(await enabled.count()).toBe(0);
            await expectAccessible(page);
            await screenshots(page, 'campaign-analyst');
            await page.getByRole('tab', { name: 'Отчёт' }).click();
            await page.getByRole('region', { name: 'Кратко о кампании' }).waitFor();
            expect(await page.getByRole('link', { name: 'Выгрузить участников (CSV)' }).count()).toBe(0);
            await page.getByRole('link', { name: 'Скачать отчёт (CSV)' }).waitFor();
            await expectAccessible(page);
        });
    });
}
