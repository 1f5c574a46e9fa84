import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { findChromium, launchBrowser } from './browser';
import { accountByLabel, logIn, logOut, newDesktopContext, takeScreenshot } from './session';

// 亩均 and open data as their users meet them: 区工信局 imports a year of 亩均 classes — a wrong credit code
// is named by row and column, the fixed sheet goes in — and the class shows on the list and on the
// company's project; 区发改 sets its OC4IDS prefix and downloads the package, which carries it and no
// contact point.

const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '../../artifacts/screenshots');
const chromiumPath = findChromium();
const shouldSkip = !chromiumPath && process.env.REQUIRE_BROWSER !== '1';
if (shouldSkip)
  console.warn('\n⚠️  web/e2e/opendata.spec.ts SKIPPED: no Chromium found (see shell.spec.ts).\n');

const YANLONG = '91320412MAEUHUXQ7A';

async function muSheet(uscc: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('2022年度');
  ws.addRow(['武进区工业企业资源集约利用综合评价结果（2022年度）']);
  ws.addRow([
    '统一社会信用代码',
    '企业名称',
    '评价年度',
    '评价类别',
    '综合得分',
    '实缴税收（万元）',
    '用地面积（亩）',
  ]);
  ws.addRow([uscc, '常州燕龙汽车零部件有限公司', 2022, 'A类', 91, 1500, 42]);
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'gb-mu-')), '亩均评价2022.xlsx');
  await wb.xlsx.writeFile(file);
  return file;
}

describe.skipIf(shouldSkip)('亩均 and open data', () => {
  const baseUrl = inject('baseUrl');
  const accounts = inject('demoAccounts') ?? [];
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page;
  const pageErrors: string[] = [];
  const screenshot = (name: string) => takeScreenshot(page, path.join(SCREENSHOT_DIR, name));

  async function uploadFile(file: string): Promise<void> {
    await page.locator('.ant-upload input[type=file]').setInputFiles(file);
    await page.getByText('逐行预览').waitFor({ timeout: 60_000 });
  }

  beforeAll(async () => {
    browser = await launchBrowser();
    context = await newDesktopContext(browser);
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });
  afterEach(() => expect(pageErrors).toEqual([]));
  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it('区工信局 imports a year of classes after fixing the credit code the preview names', async () => {
    await logIn(page, baseUrl, accountByLabel(accounts, '部门经办(工信)'));
    await page.goto(`${baseUrl}/mu-evaluations`);
    await page.getByRole('button', { name: /导\s*入/ }).click();
    await page.waitForURL(/\/mu-evaluations\/import/);
    await uploadFile(await muSheet('91320412MAEUHUXQ70'));
    const errorRow = page.locator('.ant-table-row').filter({ hasText: '第 3 行' });
    await expect.poll(() => errorRow.textContent()).toContain('A 列（统一社会信用代码）');
    expect(await page.getByRole('button', { name: '确认导入' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: '重新上传' }).click();
    await uploadFile(await muSheet(YANLONG));
    await page.getByRole('button', { name: '确认导入' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '导入' }).click();
    await page.getByText('导入完成').waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: '查看亩均评价' }).click();
    await page.goto(`${baseUrl}/mu-evaluations?year=2022`);
    const row = page.locator('.ant-table-row').filter({ hasText: '常州燕龙汽车零部件有限公司' });
    await expect.poll(() => row.textContent(), { timeout: 20_000 }).toContain('A类');
    await expect.poll(() => row.textContent()).toContain('35.71 万元/亩');
    await screenshot('mu-list.png');
    await logOut(page);
  });

  it('区发改 sets the prefix, downloads the package, and sees the class on the company’s project', async () => {
    await logIn(page, baseUrl, accountByLabel(accounts, '区发改(统筹)'));
    await page.goto(`${baseUrl}/open-data`);
    const prefix = page.getByLabel('项目编号前缀');
    await prefix.fill('oc4ids-wj2026');
    await page.getByRole('button', { name: '保存设置' }).click();
    await page.getByText('开放数据设置已保存').waitFor();
    await screenshot('open-data.png');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /下载开放数据包/ }).click(),
    ]);
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'gb-oc4ids-')), 'oc4ids.json');
    await download.saveAs(file);
    const text = readFileSync(file, 'utf8');
    const pkg = JSON.parse(text) as { version: string; projects: { id: string }[] };
    expect(pkg.version).toBe('0.9');
    expect(pkg.projects.length).toBeGreaterThan(100);
    expect(pkg.projects.every((p) => p.id.startsWith('oc4ids-wj2026-'))).toBe(true);
    expect(text).not.toContain('"contactPoint"');

    const found = await page.request.get(
      `${baseUrl}/api/projects?q=${encodeURIComponent('燕龙')}&pageSize=20`,
    );
    const project = ((await found.json()).items as { id: string; uscc: string | null }[]).find(
      (p) => p.uscc === YANLONG,
    );
    expect(project).toBeDefined();
    await page.goto(`${baseUrl}/projects/${project?.id}?tab=mu`);
    await expect.poll(() => page.getByText('2022 A类').isVisible(), { timeout: 20_000 }).toBe(true);
    expect(
      await page
        .locator('.ant-tabs-extra-content')
        .getByRole('link', { name: /开放数据/ })
        .isVisible(),
    ).toBe(true);
    await screenshot('project-mu.png');
  });
});
