import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { StatsOverview } from '@groundbreak/contract';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { cjkFontsOf, findChromium, launchBrowser } from './browser';
import { accountByLabel, logIn, newDesktopContext, takeScreenshot } from './session';

// 领导驾驶舱 with the demo data: 区发改 opens the first quarter of 2025, clicks a 板块's bar and lands on
// that 板块's project list with the count the chart gave; generates the Q1 briefing, whose first sentence is
// the seed's; the big screen draws on its own at 1920×1080.

const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '../../artifacts/screenshots');
const chromiumPath = findChromium();
const shouldSkip = !chromiumPath && process.env.REQUIRE_BROWSER !== '1';
if (shouldSkip)
  console.warn('\n⚠️  web/e2e/statistics.spec.ts SKIPPED: no Chromium found (set CHROMIUM_PATH).\n');

describe.skipIf(shouldSkip)('the cockpit', () => {
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
    await logIn(page, baseUrl, accountByLabel(inject('demoAccounts'), '区发改(统筹)'));
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('drills down from a 板块 bar to a list of the same count, and writes the Q1 briefing', async () => {
    await page.goto(`${baseUrl}/statistics/cockpit?year=2025&month=3`);
    await page.getByRole('heading', { name: '领导驾驶舱' }).waitFor();
    await page.getByTestId('tier-province').getByText('26.3%').waitFor();
    const chart = page.getByTestId('chart-children');
    await chart.locator('canvas').waitFor();
    await takeScreenshot(page, path.join(SCREENSHOT_DIR, 'cockpit.png'));
    expect(await cjkFontsOf(page, '[data-testid="tier-province"] .ant-card-head-title')).toEqual(
      expect.arrayContaining([expect.stringMatching(/Noto Sans CJK|Noto Sans SC|WenQuanYi|Source Han/i)]),
    );

    // The chart's own figures, and the tallest bar's place on the canvas (categories are evenly spaced
    // between the grid's left 48 px and right 16 px; the bar rises from 64 px above the bottom).
    const overview = (await (
      await page.request.get(`${baseUrl}/api/stats/overview?year=2025&month=3`)
    ).json()) as StatsOverview;
    const index = overview.children.reduce(
      (best, c, i, all) => ((c.investment.rate ?? 0) > (all[best]?.investment.rate ?? 0) ? i : best),
      0,
    );
    const child = overview.children[index];
    if (!child) throw new Error('no 板块 in the overview');
    const box = await chart.boundingBox();
    if (!box) throw new Error('chart not laid out');
    const width = box.width - 48 - 16;
    const position = { x: 48 + ((index + 0.5) * width) / overview.children.length, y: box.height - 64 - 20 };
    // As a user does: the pointer comes to the bar (ECharts highlights it), then clicks.
    await chart.hover({ position });
    await page.waitForTimeout(300);
    await chart.click({ position });
    await page.waitForURL(/\/projects\?/);
    expect(new URL(page.url()).searchParams.get('regionId')).toBe(child.regionId);
    await page.getByText(`共 ${child.projects} 条`).waitFor();

    await page.goBack();
    await page.getByRole('heading', { name: '领导驾驶舱' }).waitFor();
    await page.getByRole('button', { name: '生成简报' }).click();
    await page
      .getByTestId('briefing-title')
      .filter({ hasText: '武进区重大项目推进情况简报（2025年一季度）' })
      .waitFor();
    await page
      .getByText('11个省重大项目一季度完成投资16.5亿元，占年度目标的26.3%；3个新建项目全部开工。', {
        exact: false,
      })
      .waitFor();
    await takeScreenshot(page, path.join(SCREENSHOT_DIR, 'cockpit-briefing.png'));
    expect(pageErrors).toEqual([]);
  });

  it('shows the big screen at 1920×1080 without a click', async () => {
    if (!browser) throw new Error('no browser');
    const context = await browser.newContext({
      viewport: { width: 1920, height: 1080 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    const screen = await context.newPage();
    await logIn(screen, baseUrl, accountByLabel(inject('demoAccounts'), '区发改(统筹)'));
    await screen.goto(`${baseUrl}/statistics/big-screen?year=2025&month=3`);
    await screen.getByTestId('screen-tier-province').getByText('26.3%').waitFor();
    await screen.waitForTimeout(500);
    await takeScreenshot(screen, path.join(SCREENSHOT_DIR, 'big-screen.png'));
    await context.close();
  });
});
