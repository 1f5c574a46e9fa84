import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { findChromium, launchBrowser } from './browser';
import { accountByLabel, logIn, newDesktopContext, takeScreenshot } from './session';

// The 系统管理员 keeps the working-day calendar: the year after the last one the app ships is flagged, and
// entering its arrangement (a holiday, a weekend worked) clears the flag and moves deadlines.

const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '../../artifacts/screenshots');
const chromiumPath = findChromium();
const shouldSkip = !chromiumPath && process.env.REQUIRE_BROWSER !== '1';
if (shouldSkip) {
  console.warn('\n⚠️  web/e2e/calendar.spec.ts SKIPPED: no Chromium found (set CHROMIUM_PATH).\n');
}

/** The first weekend day of the year (to mark as 调休上班) and the first weekday after 1 January. */
function daysOf(year: number) {
  const weekend = [...Array(7).keys()]
    .map((i) => new Date(Date.UTC(year, 0, 2 + i)))
    .find((d) => d.getUTCDay() === 0 || d.getUTCDay() === 6) as Date;
  return { weekend: weekend.toISOString().slice(0, 10) };
}

describe.skipIf(shouldSkip)('working-day calendar', () => {
  const baseUrl = inject('baseUrl');
  const pageErrors: string[] = [];
  let browser: Browser | undefined;
  let page: Page;

  beforeAll(async () => {
    if (!chromiumPath) throw new Error('REQUIRE_BROWSER=1 but no Chromium was found');
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    browser = await launchBrowser();
    page = await (await newDesktopContext(browser)).newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('flags the first year not configured, and lets the 系统管理员 enter it', async () => {
    const account = accountByLabel(inject('demoAccounts'), '系统管理员');
    await logIn(page, baseUrl, account);
    await page.goto(`${baseUrl}/system/calendar`);
    await page.getByRole('heading', { name: '工作日历' }).waitFor();
    // The app ships the arrangements up to 2026: from then on the next year is always flagged.
    const year = Math.max(new Date().getFullYear() + 1, 2027);
    const warning = page.getByRole('alert').filter({ hasText: `${year}年节假日安排尚未配置` });
    await warning.waitFor();
    await takeScreenshot(page, path.join(SCREENSHOT_DIR, 'calendar-warning.png'));

    await warning.getByRole('button', { name: `录入 ${year} 年` }).click();
    await page.getByText('未配置：按周末规则').waitFor();
    const newYear = page.locator(`[data-day="${year}-01-01"]`);
    const { weekend } = daysOf(year);
    await page.getByLabel('节日名称').click();
    await page.getByTitle('元旦').click();
    if ((await newYear.getAttribute('data-kind')) === 'working') await newYear.click();
    await page.locator(`[data-day="${weekend}"]`).click();
    await page.getByLabel('依据文件').fill(`国办发明电〔${year - 1}〕测试号`);
    expect(await page.locator(`[data-day="${weekend}"]`).getAttribute('data-kind')).toBe('workday');
    await page.getByRole('button', { name: `保存 ${year} 年安排` }).click();
    await page.getByText(`${year} 年节假日安排已保存`).waitFor();
    await page.getByText('管理员录入').waitFor();
    await warning.waitFor({ state: 'detached' });
    await takeScreenshot(page, path.join(SCREENSHOT_DIR, 'calendar-saved.png'));
    expect(pageErrors).toEqual([]);
  });
});
