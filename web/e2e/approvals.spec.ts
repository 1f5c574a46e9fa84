import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { findChromium, launchBrowser } from './browser';
import { accountByLabel, logIn, newDesktopContext, takeScreenshot } from './session';

// The approvals journey so far: a project's items generated from the catalogue; two items 受理 on the last
// working day before the 2025 National Day holiday, whose due dates skip the eight days off and count the
// Saturday worked; the 自然资源和规划 office finds its item at the top of its queue.

const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '../../artifacts/screenshots');
const chromiumPath = findChromium();
const shouldSkip = !chromiumPath && process.env.REQUIRE_BROWSER !== '1';
if (shouldSkip)
  console.warn('\n⚠️  web/e2e/approvals.spec.ts SKIPPED: no Chromium found (set CHROMIUM_PATH).\n');

const DRC = '区发改(统筹)';
const NRP = '部门经办(自然资源和规划)';

describe.skipIf(shouldSkip)('approval items', () => {
  const baseUrl = inject('baseUrl');
  const accounts = inject('demoAccounts');
  const pageErrors: string[] = [];
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page;
  let projectId = '';
  let projectName = '';

  async function signInAs(label: string): Promise<void> {
    if (!browser) throw new Error('no browser');
    await context?.close();
    context = await newDesktopContext(browser);
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await logIn(page, baseUrl, accountByLabel(accounts, label));
  }

  const api = async <T>(url: string): Promise<T> => {
    const res = await page.request.get(`${baseUrl}${url}`);
    expect(res.status(), url).toBe(200);
    return (await res.json()) as T;
  };

  /** Opens an item's drawer, marks it 已受理 on `day` and saves. */
  async function accept(code: string, name: string, day: string): Promise<void> {
    await page.locator(`[data-testid="approval-${code}"]`).click();
    const drawer = page.getByRole('dialog', { name });
    await drawer.waitFor();
    const accepted = drawer.getByLabel('受理日期', { exact: true });
    // The drawer slides in: a choice made while it moves can miss, so choose until the form shows it.
    for (let attempt = 1; attempt <= 3 && !(await accepted.isVisible()); attempt++) {
      await drawer.getByLabel('办理状态', { exact: true }).click();
      await page
        .locator('.ant-select-dropdown .ant-select-item-option')
        .filter({ visible: true })
        .filter({ hasText: /^已受理$/ })
        .click();
      await accepted.waitFor({ timeout: 3_000 }).catch(() => undefined);
    }
    await accepted.click();
    await accepted.fill(day);
    await accepted.press('Tab');
    await drawer.getByRole('button', { name: '保存' }).click();
    await drawer.waitFor({ state: 'hidden' });
  }

  beforeAll(async () => {
    if (!chromiumPath) throw new Error('REQUIRE_BROWSER=1 but no Chromium was found');
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('generates a project’s items and dates two limits across the National Day holiday', async () => {
    await signInAs(DRC);
    // A project on new land in 供地准备 whose approval items have not been generated (from the end of the
    // list, away from the project the land journey takes).
    const prep = await api<{ items: { id: string; name: string }[] }>(
      '/api/projects?state=LAND_PREP&pageSize=100&sort=-internalNo',
    );
    for (const p of prep.items) {
      const { project } = await api<{ project: { landUse: string | null } }>(`/api/projects/${p.id}`);
      const approvals = await api<{ items: unknown[] }>(`/api/projects/${p.id}/approvals`);
      if (project.landUse === 'new_land' && approvals.items.length === 0) {
        projectId = p.id;
        projectName = p.name;
        break;
      }
    }
    expect(projectId).not.toBe('');
    await page.goto(`${baseUrl}/projects/${projectId}?tab=approvals`);
    await page.getByRole('button', { name: '生成审批事项' }).click();
    await page.getByText(/^已生成 \d+ 个审批事项$/).waitFor();
    await page.locator('[data-testid="stage-1"]').getByText('建设项目用地预审与选址意见书').waitFor();

    // Received Tuesday 30 September 2025; 1–8 October are off and Saturday 11 October is worked.
    await accept('SITE_PRE_REVIEW', '建设项目用地预审与选址意见书', '2025-09-30'); // 5 working days
    await page.getByText('已保存，到期日 2025-10-14').waitFor();
    await accept('DESIGN_REVIEW', '设计方案审查', '2025-09-30'); // 10 working days
    await page.getByText('已保存，到期日 2025-10-21').waitFor();

    const sla = page.locator('[data-testid="sla-SITE_PRE_REVIEW"]');
    await expect.poll(() => sla.getAttribute('data-due')).toBe('2025-10-14');
    expect(await sla.textContent()).toMatch(/超期 \d+ 个工作日/);
    await page.locator('[data-testid="approval-SITE_PRE_REVIEW"]').getByText('到期 2025-10-14').waitFor();
    await page.locator('[data-testid="approval-DESIGN_REVIEW"]').getByText('到期 2025-10-21').waitFor();
    expect(Number(await page.getByTestId('whole-process-days').textContent())).toBeGreaterThan(100);
    await takeScreenshot(page, path.join(SCREENSHOT_DIR, 'approvals-project.png'));
  });

  it('puts the design review in the 自然资源和规划 queue, oldest due first', async () => {
    await signInAs(NRP);
    await page.goto(`${baseUrl}/approvals/queue?q=${encodeURIComponent(projectName)}`);
    await page.getByRole('heading', { name: '审批待办' }).waitFor();
    const rows = page.locator('.ant-table-row');
    await rows.first().waitFor();
    // 用地预审 (due 14 Oct) before 设计方案审查 (due 21 Oct); both this office's.
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.nth(0).textContent()).toContain('建设项目用地预审与选址意见书');
    expect(await rows.nth(1).textContent()).toContain('设计方案审查');
    expect(await rows.nth(1).textContent()).toContain('2025-10-21');
    expect(await rows.nth(1).textContent()).toMatch(/超期 \d+ 个工作日/);
    await takeScreenshot(page, path.join(SCREENSHOT_DIR, 'approvals-queue.png'));
    expect(pageErrors).toEqual([]);
  });
});
