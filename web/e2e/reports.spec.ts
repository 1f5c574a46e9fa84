import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { docxText } from '../../server/src/testing/docx';
import { findChromium, launchBrowser } from './browser';
import { accountByLabel, logIn, newDesktopContext, shanghaiDay, takeScreenshot } from './session';

// The monthly report journey: the enterprise fills this month's report of its started project on a phone
// (390 px wide) with a site photo and submits it; the 板块 returns it with a reason; the enterprise sees the
// reason and resubmits; the 板块 reviews it and 区发改 confirms it, which locks it; the month's list shows it.

const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '../../artifacts/screenshots');
const chromiumPath = findChromium();
const shouldSkip = !chromiumPath && process.env.REQUIRE_BROWSER !== '1';
if (shouldSkip)
  console.warn('\n⚠️  web/e2e/reports.spec.ts SKIPPED: no Chromium found (set CHROMIUM_PATH).\n');

const ENTERPRISE = '企业';
const GXQ = '板块经办(武进国家高新区)';
const DRC = '区发改(统筹)';
// A PNG's signature and header: what the server's type check reads.
const PNG = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
]);

describe.skipIf(shouldSkip)('monthly reports', () => {
  const baseUrl = inject('baseUrl');
  const accounts = inject('demoAccounts');
  const pageErrors: string[] = [];
  const month = shanghaiDay().slice(0, 7);
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page;
  let projectId = '';

  async function signInAs(label: string, phone = false): Promise<void> {
    if (!browser) throw new Error('no browser');
    await context?.close();
    context = phone
      ? await browser.newContext({
          viewport: { width: 390, height: 844 },
          isMobile: true,
          hasTouch: true,
          locale: 'zh-CN',
          timezoneId: 'Asia/Shanghai',
        })
      : await newDesktopContext(browser);
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await logIn(page, baseUrl, accountByLabel(accounts, label));
  }

  const openReport = async () => {
    await page.goto(`${baseUrl}/projects/${projectId}/reports/${month}`);
    await page.getByTestId('report-status').waitFor();
  };
  const status = async () => (await page.getByTestId('report-status').textContent()) ?? '';
  const waitStatus = async (text: string) => {
    await page.getByTestId('report-status').filter({ hasText: text }).waitFor({ timeout: 10_000 });
  };

  beforeAll(async () => {
    if (!chromiumPath) throw new Error('REQUIRE_BROWSER=1 but no Chromium was found');
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it('is filled on a phone with a photo, returned, resubmitted, reviewed and confirmed', async () => {
    await signInAs(ENTERPRISE, true);
    const list = await page.request.get(
      `${baseUrl}/api/projects?q=${encodeURIComponent('燕龙')}&pageSize=20`,
    );
    const started = ((await list.json()) as { items: { id: string; state: string }[] }).items.find(
      (p) => p.state === 'STARTED',
    );
    expect(started, 'the demo enterprise has a started project').toBeDefined();
    projectId = started?.id ?? '';

    await openReport();
    expect(await status()).toBe('草稿');
    await page.getByLabel('本月完成投资（万元）').fill('1200');
    await page.getByLabel('自开工累计完成投资（万元）').fill('18600');
    await page.getByLabel('形象进度').fill('正在进行基础短柱浇筑，钢结构厂房预计8月下旬完工');
    await page
      .locator('input[type="file"]')
      .setInputFiles({ name: '现场照片.png', mimeType: 'image/png', buffer: PNG });
    await page.getByTestId('report-photos').getByText('新上传的照片').waitFor();
    // Nothing is wider than the phone.
    await takeScreenshot(page, path.join(SCREENSHOT_DIR, 'report-phone-form.png'));
    const wide = await page.evaluate(() =>
      [...document.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().right > 392)
        .slice(0, 8)
        .map(
          (e) =>
            `${e.tagName}.${String(e.className).slice(0, 60)} ${Math.round(e.getBoundingClientRect().right)}`,
        ),
    );
    expect(wide).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.getByRole('button', { name: '提交' }).click();
    await waitStatus('已提交');
    await page.getByTestId('report-photos').getByText('现场照片.png').waitFor();
    await takeScreenshot(page, path.join(SCREENSHOT_DIR, 'report-phone.png'));

    await signInAs(GXQ);
    await openReport();
    await page.getByRole('button', { name: '退回' }).click();
    await page.getByLabel('退回原因').fill('自开工累计与上月不符，请核实');
    await page.locator('.ant-modal').getByRole('button', { name: '退回' }).click();
    await waitStatus('退回');

    await signInAs(ENTERPRISE, true);
    await openReport();
    await page.getByTestId('report-returned').getByText('自开工累计与上月不符，请核实').waitFor();
    await page.getByLabel('自开工累计完成投资（万元）').fill('18500');
    await page.getByRole('button', { name: '提交' }).click();
    await waitStatus('已提交');

    await signInAs(GXQ);
    await openReport();
    await page.getByRole('button', { name: '审核通过' }).click();
    await waitStatus('板块已审核');

    await signInAs(DRC);
    await openReport();
    await page.getByRole('button', { name: '确认' }).click();
    await waitStatus('发改已确认');
    expect(await page.getByRole('button', { name: '提交' }).count()).toBe(0);

    await page.goto(`${baseUrl}/scheduling/reports?month=${month}`);
    await page.getByRole('heading', { name: '月报' }).waitFor();
    const row = page.locator('.ant-table-row').filter({ hasText: '燕龙' });
    await row.getByText('发改已确认').waitFor();
    await takeScreenshot(page, path.join(SCREENSHOT_DIR, 'reports-list.png'));
    await page.getByText('未报情况').click();
    await page.getByTestId('missing-武进国家高新区').waitFor();
    await takeScreenshot(page, path.join(SCREENSHOT_DIR, 'reports-missing.png'));

    // The project's page: its light with each rule's sentence, and the report just confirmed.
    await page.goto(`${baseUrl}/projects/${projectId}?tab=tracking`);
    await page.getByTestId('project-light').waitFor();
    expect(await page.getByTestId('light-report').textContent()).toMatch(/月报|提交/);
    await page.locator('.ant-table-row').filter({ hasText: month }).getByText('发改已确认').waitFor();
    await takeScreenshot(page, path.join(SCREENSHOT_DIR, 'project-lights.png'));
    expect(pageErrors).toEqual([]);
  });

  it('raises a problem from the report, lets it go overdue, lights the project, downloads the 督办函 and puts it on a meeting agenda', async () => {
    expect(projectId, 'the first journey found the project').not.toBe('');
    const setClock = (at: string | null) =>
      page.request.post(`${baseUrl}/api/testing/clock`, { data: { at } });
    try {
      // The 板块 raises a problem from the confirmed report.
      await signInAs(GXQ);
      await openReport();
      await page.getByRole('button', { name: '提出问题' }).click();
      const raise = page.locator('.ant-modal');
      await raise.getByLabel('类别').click();
      await page.locator('.ant-select-item-option').filter({ hasText: '水电气等要素' }).click();
      await raise.getByLabel('问题标题').fill('110千伏专线接入方案未批复');
      await raise.getByLabel('问题描述').fill('供电接入方案已报送一个月，尚未批复，影响设备调试。');
      await raise.getByRole('button', { name: '提交' }).click();
      await page.waitForURL(/\/problems\/[0-9a-f-]{36}$/);
      const problemId = page.url().split('/').at(-1) ?? '';
      await page.getByText('收集(待研判)').first().waitFor();

      // 区发改 assigns it to 自然资源 with one working day.
      await signInAs(DRC);
      await page.goto(`${baseUrl}/problems/${problemId}`);
      await page.getByRole('button', { name: '交办' }).click();
      const assign = page.locator('.ant-modal');
      await assign.getByLabel('主办单位').fill('自然资源');
      await page.locator('.ant-select-item-option').filter({ hasText: '自然资源' }).first().click();
      await assign.getByLabel('办理时限（工作日）').fill('1');
      await assign.getByRole('button', { name: '交办' }).click();
      await page.getByText('已交办').first().waitFor();
      const assigned = (await (await page.request.get(`${baseUrl}/api/problems/${problemId}`)).json()) as {
        problem: { dueOn: string };
      };

      // Three days past its time limit (the app's clock moved): overdue, and the project's light says so.
      const late = new Date(`${assigned.problem.dueOn}T10:00:00+08:00`);
      late.setUTCDate(late.getUTCDate() + 3);
      expect((await setClock(late.toISOString())).status()).toBe(200);
      await signInAs(DRC);
      await page.goto(`${baseUrl}/projects/${projectId}?tab=tracking`);
      const finding = page.getByTestId('light-problem');
      await finding.waitFor();
      expect(await finding.textContent()).toMatch(
        new RegExp(
          `问题“110千伏专线接入方案未批复”办理时限${assigned.problem.dueOn}，已超期\\d个工作日 → 黄灯`,
        ),
      );
      await takeScreenshot(page, path.join(SCREENSHOT_DIR, 'project-light-problem.png'));

      // The 督办函 downloads and opens as a .docx naming the project and the problem.
      await page.goto(`${baseUrl}/problems/${problemId}`);
      await page
        .getByText(/超期\d个工作日/)
        .first()
        .waitFor();
      await takeScreenshot(page, path.join(SCREENSHOT_DIR, 'problem-overdue.png'));
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('letter').click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^督办函-WT-\d{4}-\d{4}\.docx$/);
      const letter = docxText(readFileSync((await download.path()) as string));
      expect(letter).toContain('督 办 函');
      expect(letter).toContain('“110千伏专线接入方案未批复”问题');

      // A dispatch meeting of the district lists the project on its agenda.
      await page.goto(`${baseUrl}/meetings`);
      await page.getByRole('button', { name: '新建调度会' }).click();
      const meeting = page.locator('.ant-modal');
      await meeting.getByLabel('会议名称').fill('重大项目周调度会（测试）');
      await meeting.getByLabel('主持人').fill('常务副区长');
      await meeting.getByRole('button', { name: '生成议题' }).click();
      await page.waitForURL(/\/meetings\/[0-9a-f-]{36}$/);
      const agenda = page.getByTestId('agenda');
      await agenda.getByText('110千伏专线接入方案未批复').first().waitFor();
      await takeScreenshot(page, path.join(SCREENSHOT_DIR, 'meeting-agenda.png'));
      expect(pageErrors).toEqual([]);
    } finally {
      await setClock(null);
    }
  });
});
