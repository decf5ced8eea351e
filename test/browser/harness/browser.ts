import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { TEST_PASSWORD, type TestRole, type UiServer } from './ui-server.js';

/** Debian's Chromium (`apt-get install -y chromium`); Playwright cannot download browsers here. */
export const CHROMIUM = '/usr/bin/chromium';

/** Where the screenshots go (gitignored). */
export const SCREENSHOTS = resolve(import.meta.dirname, '../../../test-results/screenshots');

/** The viewports every screenshot is taken at: a laptop and a tablet held upright. */
export const VIEWPORTS = [
    { name: '1280x800', width: 1280, height: 800 },
    { name: '768x1024', width: 768, height: 1024 },
] as const;

/**
 * `describe` for browser tests: skipped with a clear message when Chromium is
 * missing on a developer's machine; on CI a missing Chromium fails the run.
 */
export function describeBrowser(name: string, body: () => void): void {
    if (existsSync(CHROMIUM) || process.env.CI) {
        describe(name, body);
        return;
    }
    console.warn(`[browser tests] ${name}: skipped, ${CHROMIUM} is missing (apt-get install -y chromium).`);
    describe.skip(name, body);
}

let shared: Promise<Browser> | null = null;

/** The headless Chromium all browser tests of a worker share (launched once; closed at exit). */
export function browser(): Promise<Browser> {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
    shared ??= chromium
        .launch({
            executablePath: CHROMIUM,
            headless: true,
            args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
        })
        .then((b) => {
            process.once('exit', () => void b.close());
            return b;
        });
    return shared;
}

/** A fresh context (its own cookies and storage) at the laptop viewport, Russian unless told otherwise. */
export async function newContext(locale = 'ru-RU'): Promise<BrowserContext> {
    const context = await (
        await browser()
    ).newContext({
        locale,
        timezoneId: 'Asia/Yekaterinburg',
        viewport: { width: VIEWPORTS[0].width, height: VIEWPORTS[0].height },
    });
    context.setDefaultTimeout(10_000);
    return context;
}

/**
 * Errors the page threw or logged (a test asserts there are none). The
 * browser's own "failed to load resource" lines are left out: API answers
 * such as the 401 of a signed-out visit are part of the flows under test.
 */
export function collectPageErrors(page: Page): string[] {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
        if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
    });
    return errors;
}

/** A form field by its label, whether or not Mantine marks it required (` *`). */
export function field(page: Page, label: string) {
    const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return page.getByLabel(new RegExp(`^${escaped}( \\*)?$`));
}

/** Signs in through the sign-in page as the user with `role` (Russian labels). */
export async function signIn(page: Page, server: UiServer, role: TestRole, path = ''): Promise<void> {
    const username = server.users[role];
    if (!username) throw new Error(`this API has no ${role} role yet`);
    await page.goto(server.adminUrl + path);
    await field(page, 'Имя пользователя').fill(username);
    await field(page, 'Пароль').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.getByRole('button', { name: /Меню пользователя/ }).waitFor();
}

/** Saves `name`'s screenshots at both viewports (whole page) into test-results/screenshots/. */
export async function screenshots(page: Page, name: string): Promise<void> {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const original = page.viewportSize();
    for (const viewport of VIEWPORTS) {
        await page.setViewportSize({ width: viewport.width, height: viewport.height });
        await page.waitForTimeout(150); // layout and charts follow the resize
        // From the top: a whole-page capture draws the fixed header and navbar where the page is scrolled to.
        await page.evaluate('window.scrollTo(0, 0)');
        await page.screenshot({ path: join(SCREENSHOTS, `${name}-${viewport.name}.png`), fullPage: true });
    }
    if (original) await page.setViewportSize(original);
}

/** Runs axe-core (WCAG 2.1 A and AA) and fails on any serious or critical violation, listing them. */
export async function expectAccessible(page: Page): Promise<void> {
    const results = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
        .analyze();
    const bad = results.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map(
            (v) =>
                `${v.impact} ${v.id}: ${v.help} — ` +
                v.nodes.map((n) => `${n.target.join(' ')} (${n.failureSummary ?? ''})`).join('; '),
        );
    expect(bad).toEqual([]);
}
