import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { CSRF_HEADER } from '@groundbreak/contract';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { cjkFontsOf, findChromium, launchBrowser } from './browser';
import { accountByLabel, logIn, logOut, newDesktopContext, shanghaiDay, takeScreenshot } from './session';

// The project registry journey of the "Done when": a 板块 operator registers a project (the
// wrong 统一社会信用代码 lands on its field), uploads the 投资协议, advances to 已签约, is refused 已立项
// with every condition listed, applies for 区重点; 区发改 approves it and the 高新区 target counts it.

const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '../../artifacts/screenshots');
const CJK_FONT = /CJK|Noto Sans SC|WenQuanYi|Source Han/i;

const chromiumPath = findChromium();
const isBrowserRequired = process.env.REQUIRE_BROWSER === '1';
const shouldSkip = !chromiumPath && !isBrowserRequired;
if (shouldSkip) {
  console.warn('\n⚠️  web/e2e/projects.spec.ts SKIPPED: no Chromium found (see shell.spec.ts).\n');
}

const WRONG_USCC = '91320412MAEUHUXQ70';
// Registered to a demo enterprise: the project is linked to it.
const VALID_USCC = '91320412MATG21163A';
/** A tiny but real PDF: the server checks the content, not the name. */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

/**
 * Opens the select labelled `label`, types `search` if given, clicks the visible option `option`, and
 * checks that the select now shows it (under load a dropdown can re-render under the click: try again).
 */
async function pick(page: Page, label: string, option: string | RegExp, search?: string): Promise<void> {
  const item = formItem(page, label);
  const isShown = async () => {
    const text = (await item.textContent()) ?? '';
    return typeof option === 'string' ? text.includes(option) : option.test(text);
  };
  for (let attempt = 1; attempt <= 3; attempt++) {
    const box = page.getByLabel(label, { exact: true });
    await box.click();
    if (search) await box.fill(search);
    await page
      .locator('.ant-select-dropdown .ant-select-item-option')
      .filter({ visible: true })
      .filter({ hasText: option })
      .first()
      .click();
    try {
      await expect.poll(isShown, { timeout: 5000 }).toBe(true);
      return;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

/** Types a day into the date picker labelled `label` and leaves it (Enter would submit the form). */
async function fillDate(page: Page, label: string, day: string): Promise<void> {
  const box = page.getByLabel(label, { exact: true });
  await box.click();
  await box.fill(day);
  await box.press('Tab');
  await expect.poll(() => box.inputValue()).toBe(day);
}

/**
 * Opens an entry of the 项目库 menu group. The group and its first entry share the name 项目库, so the
 * entry is found by its link's data-menu-entry rather than by text.
 */
async function openProjectsEntry(page: Page, entryLabel: string): Promise<void> {
  const link = page.locator(`aside a[data-menu-entry="${entryLabel}"]`);
  if (!(await link.isVisible())) {
    await page.locator('aside .ant-menu-submenu-title').filter({ hasText: '项目库' }).click();
  }
  await link.click();
}

/** The Form.Item around the control labelled `label`, for reading the message under it. */
function formItem(page: Page, label: string): Locator {
  return page.locator('.ant-form-item').filter({ has: page.getByLabel(label, { exact: true }) });
}

describe.skipIf(shouldSkip)('project registry journey', () => {
  const baseUrl = inject('baseUrl');
  const accounts = inject('demoAccounts') ?? [];
  const projectName = `端到端测试储能项目${Date.now().toString(36).slice(-5)}`;
  const year = Number(shanghaiDay().slice(0, 4));
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page;
  let projectUrl = '';
  const pageErrors: string[] = [];

  const screenshot = (name: string) => takeScreenshot(page, path.join(SCREENSHOT_DIR, name));

  async function signInAs(label: string): Promise<void> {
    if (!browser) throw new Error('no browser');
    await context?.close();
    context = await newDesktopContext(browser);
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await logIn(page, baseUrl, accountByLabel(accounts, label));
  }

  /** 武进国家高新区's 区重点新入库 so far this year, as the 年度计划与目标 page shows it. */
  async function readGxqDistrictEntries(): Promise<number> {
    const cell = page.getByRole('group', { name: '武进国家高新区 区重点新入库' });
    await cell.waitFor();
    const text = (await cell.textContent()) ?? '';
    const match = /^\s*([\d,]+)\s*\/\s*([\d,]+)/.exec(text);
    if (!match?.[1]) throw new Error(`unexpected target cell: ${text}`);
    return Number(match[1].replace(/,/g, ''));
  }

  beforeAll(async () => {
    if (!chromiumPath) {
      throw new Error(
        'REQUIRE_BROWSER=1 but no Chromium was found: install Debian `chromium` or set CHROMIUM_PATH',
      );
    }
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    browser = await launchBrowser();
  });

  afterEach(() => {
    expect(pageErrors).toEqual([]);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it('shows the 高新区 operator the 项目库 of the 板块, searching as the user types', async () => {
    await signInAs('板块经办(武进国家高新区)');
    await openProjectsEntry(page, '项目库');
    await page.waitForURL(/\/projects$/);
    await page.getByRole('heading', { name: '项目库' }).waitFor();
    const readTotal = async () =>
      Number((await page.getByText(/^共 [\d,]+ 条$/).textContent())?.replace(/[^\d]/g, ''));
    const total = await readTotal();
    expect(total).toBeGreaterThan(0);
    // Every row is the operator's own 板块.
    const regions = await page.locator('tbody .ant-table-row').evaluateAll((rows) => rows.length);
    expect(regions).toBeGreaterThan(0);
    await expect
      .poll(() => page.locator('tbody .ant-table-row').filter({ hasText: '武进国家高新区' }).count())
      .toBe(regions);

    // No Enter needed: the list follows the keyword box.
    await page.getByLabel('关键词').fill('药业');
    await page.waitForURL(/[?&]q=%E8%8D%AF%E4%B8%9A/);
    await expect
      .poll(async () => {
        const names = await page.locator('tbody .ant-table-row td:nth-child(2)').allTextContents();
        return names.length > 0 && names.every((name) => name.includes('药业'));
      })
      .toBe(true);
    // 导出 downloads the filtered list as an Excel file named in Chinese.
    const exported = page.waitForEvent('download');
    await page.getByRole('link', { name: /导出/ }).click();
    expect((await exported).suggestedFilename()).toMatch(/^项目库导出-\d{4}-\d{2}-\d{2}\.xlsx$/);
    await page.getByLabel('关键词').fill('');
    await page.waitForURL(/\/projects$/);
    // The whole 板块 again.
    await expect.poll(readTotal).toBe(total);
    // A row re-rendered between finding the node and asking for its fonts is simply asked again.
    await expect
      .poll(() =>
        cjkFontsOf(page, 'tbody .ant-table-row a').then(
          (fonts) => fonts.join(', '),
          () => '',
        ),
      )
      .toMatch(CJK_FONT);
    await screenshot('projects-list.png');
  });

  it('puts a wrong 统一社会信用代码 on its field, then registers the project once it is fixed', async () => {
    await page.getByRole('button', { name: '登记项目' }).click();
    await page.waitForURL(/\/projects\/new$/);
    await page.getByRole('heading', { name: '登记项目' }).waitFor();
    await page.getByText('在谈', { exact: true }).click();

    await page.getByLabel('项目名称', { exact: true }).fill(projectName);
    await pick(page, '产业类别', '新能源');
    await pick(page, '招商来源', '展会');
    await pick(page, '责任单位', '武进国家高新区管委会', '高新区');
    await page.getByLabel('投资方', { exact: true }).fill('常州端到端投资有限公司');
    await pick(page, '投资来源地', '内资');
    await page.getByLabel('总投资', { exact: true }).fill('20000');
    await page.getByLabel('统一社会信用代码', { exact: true }).fill(WRONG_USCC);
    await page.getByRole('button', { name: '保存', exact: true }).click();

    const usccError = formItem(page, '统一社会信用代码').locator('.ant-form-item-explain-error');
    await usccError.waitFor();
    expect(await usccError.textContent()).toMatch(/统一社会信用代码.*校验位/);
    expect(page.url()).toMatch(/\/projects\/new$/);
    await screenshot('project-new-uscc-error.png');

    await page.getByLabel('统一社会信用代码', { exact: true }).fill(VALID_USCC);
    await expect
      .poll(() => formItem(page, '统一社会信用代码').locator('.ant-form-item-explain-error').count())
      .toBe(0);
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.waitForURL(/\/projects\/[0-9a-f-]{36}$/);
    projectUrl = page.url();
    await page.getByRole('heading', { name: projectName }).waitFor();
    await page.getByText('在谈', { exact: true }).first().waitFor();
  });

  it('uploads the 投资协议, fills the 已签约 fields and advances the project to 已签约', async () => {
    await page.getByRole('tab', { name: /附件/ }).click();
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: '上传投资协议' }).click();
    await (await chooser).setFiles({ name: '投资协议.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.getByRole('cell', { name: '投资协议.pdf', exact: true }).waitFor();
    // The file comes back under its Chinese name.
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: '投资协议.pdf', exact: true }).click();
    expect((await download).suggestedFilename()).toBe('投资协议.pdf');
    await page.getByText('已上传', { exact: true }).first().waitFor();
    // The 准入 review is the attraction pipeline's record (its own journey records one on the 招商 tab);
    // here the 板块 records the meeting through the API, as the tab would.
    const me = await page.request.get(`${baseUrl}/api/me`);
    const { csrfToken } = (await me.json()) as { csrfToken: string };
    const review = await page.request.post(`${baseUrl}/api/leads/${projectUrl.split('/').at(-1)}/reviews`, {
      headers: { [CSRF_HEADER]: csrfToken },
      data: {
        meetingName: '高新区项目准入评审会',
        meetingOn: shanghaiDay(-14),
        criteria: [{ code: 'mu_benefit', label: '亩均税收、投资强度达到准入标准', passed: true }],
        result: 'passed',
      },
    });
    expect(review.status()).toBe(200);
    // The review moved the project's 准入 date (and its version): the page reads it again.
    await page.reload();
    await page.getByRole('heading', { name: projectName }).waitFor();

    await page.getByRole('button', { name: '编辑' }).click();
    await page.getByRole('button', { name: '保存', exact: true }).waitFor();
    await page.getByLabel('建设单位', { exact: true }).fill('常州端到端储能科技有限公司');
    await page.getByLabel('法定代表人', { exact: true }).fill('王建国');
    await page.getByLabel('项目联系人', { exact: true }).fill('李晓明');
    await page.getByLabel('联系电话', { exact: true }).fill('13912345678');
    await page.getByLabel('注册资本', { exact: true }).fill('5000');
    await page.getByLabel('固定资产投资', { exact: true }).fill('16000');
    await page.getByLabel('设备投资', { exact: true }).fill('8000');
    await page.getByLabel('建设地点', { exact: true }).fill('武进国家高新区龙江路与淹城路交叉口');
    await pick(page, '建设性质', '新建');
    await pick(page, '项目属性', '产业项目');
    await pick(page, '用地方式', '新增用地');
    await page.getByLabel('用地面积', { exact: true }).fill('33350');
    await page.getByLabel('设计产能', { exact: true }).fill('年产储能变流器 2 万台');
    await page
      .getByLabel('建设内容及规模', { exact: true })
      .fill('新建厂房 3.2 万平方米，购置储能变流器生产线 4 条');
    await pick(page, '责任领导', '挂钩区领导');
    await page.getByLabel('承诺投资强度', { exact: true }).fill('600');
    await page.getByLabel('承诺达产年销售', { exact: true }).fill('60000');
    await fillDate(page, '签约日期', shanghaiDay(-3));
    await fillDate(page, '计划开工日期', shanghaiDay(90));
    await fillDate(page, '计划竣工日期', shanghaiDay(540));
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByText('项目信息已保存').waitFor();
    await page.getByText('进入「已签约」的材料和必填项已齐全，可以推进').waitFor();

    await page.getByRole('button', { name: '推进到「已签约」' }).click();
    await page.getByRole('button', { name: '确认推进' }).click();
    await page.getByText('已推进到「已签约」', { exact: false }).waitFor();
    await page.getByRole('button', { name: '推进到「已立项」' }).waitFor();
  });

  it('refuses 已立项 and lists every condition that is not met', async () => {
    await page.getByRole('button', { name: '推进到「已立项」' }).click();
    await page.getByRole('button', { name: '确认推进' }).click();
    const refusal = page.getByRole('dialog', { name: '不满足进入「已立项」的条件' });
    await refusal.waitFor();
    const conditions = await refusal
      .getByRole('list', { name: '未满足的条件' })
      .getByRole('listitem')
      .allTextContents();
    expect(conditions.join('\n')).toMatch(/项目代码/);
    expect(conditions.join('\n')).toMatch(/备案/);
    expect(conditions.join('\n')).toMatch(/尚未进入任何项目库/);
    // A 板块 operator may not override a gate.
    expect(await refusal.getByRole('button', { name: '越过关口' }).count()).toBe(0);
    await screenshot('project-gate-refused.png');
    await refusal.getByRole('button', { name: '知道了' }).click();
    await refusal.waitFor({ state: 'hidden' });
  });

  it("applies for this year's 区重点 library", async () => {
    await page.getByRole('tab', { name: '入库' }).click();
    await page.getByRole('button', { name: '申报入库' }).click();
    const dialog = page.getByRole('dialog', { name: `申报入库 — ${projectName}` });
    await dialog.waitFor();
    expect(await dialog.getByLabel('年度').inputValue()).toBe(String(year));
    await dialog.getByRole('button', { name: '提交申报' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const row = page.getByRole('row').filter({ hasText: '区重点' });
    await row.getByText('申报中').waitFor();
    expect(await row.textContent()).toContain(`${year}年`);

    await page.getByRole('tab', { name: '基本信息' }).click();
    await page.getByText('投资方与企业', { exact: true }).waitFor();
    await screenshot('project-detail.png');
    await logOut(page);
  });

  it('lets 区发改 approve the entry, and 武进国家高新区 counts one more 区重点新入库', async () => {
    await signInAs('区发改(统筹)');
    await openProjectsEntry(page, '年度计划与目标');
    await page.waitForURL(/\/projects\/plans/);
    const before = await readGxqDistrictEntries();

    await openProjectsEntry(page, '入库申报与审核');
    await page.waitForURL(/\/projects\/libraries/);
    const row = page.getByRole('row').filter({ hasText: projectName });
    await row.getByText('申报中').waitFor();
    await screenshot('projects-library-queue.png');
    await row.getByRole('button', { name: '通过' }).click();
    const dialog = page.getByRole('dialog', { name: '入库审核通过' });
    await dialog.getByLabel('入库日期').waitFor();
    await dialog.getByRole('button', { name: '确认通过' }).click();
    await dialog.waitFor({ state: 'hidden' });
    // The queue shows what waits for a decision: the approved entry leaves it.
    await row.waitFor({ state: 'detached' });

    await openProjectsEntry(page, '年度计划与目标');
    await page.waitForURL(/\/projects\/plans/);
    // The page may show the figures it had cached while it fetches the new ones.
    await expect.poll(readGxqDistrictEntries, { timeout: 10_000 }).toBe(before + 1);
    await screenshot('projects-plans.png');

    // The project now carries its level.
    await page.goto(projectUrl);
    await page.getByRole('heading', { name: projectName }).waitFor();
    await page.getByText('区重点', { exact: true }).first().waitFor();
  });
});
