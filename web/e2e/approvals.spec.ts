import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { CSRF_HEADER } from '@groundbreak/contract';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { findChromium, launchBrowser } from './browser';
import { accountByLabel, logIn, newDesktopContext, shanghaiDay, takeScreenshot } from './session';

// The approvals journey: a project's items generated from the catalogue; two items 受理 on the last working
// day before the 2025 National Day holiday, whose due dates skip the eight days off and count the Saturday
// worked; the 自然资源和规划 office finds them at the top of its queue; a 倒排 plan from template A with a
// target 开工 date, its critical path on the Gantt chart, and an actual date entered late that moves the
// forecast past the target and marks the plan 已滞后.

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

  /**
   * Chooses the option of a select until `isChosen` says it took: under load a choice made while the drawer
   * or the dropdown still moves can miss, and a second click on an open select would close it.
   */
  async function choose(box: Locator, option: RegExp, isChosen: () => Promise<boolean>): Promise<void> {
    const choice = page
      .locator('.ant-select-dropdown .ant-select-item-option')
      .filter({ visible: true })
      .filter({ hasText: option })
      .first();
    for (let attempt = 1; attempt <= 4; attempt++) {
      if (!(await choice.isVisible())) await box.click();
      await choice.click({ timeout: 5_000 }).catch(() => undefined);
      try {
        await expect.poll(isChosen, { timeout: 3_000 }).toBe(true);
        return;
      } catch (error) {
        if (attempt === 4) throw error;
      }
    }
  }

  /** Opens an item's drawer, marks it 已受理 on `day` and saves. */
  async function accept(code: string, name: string, day: string): Promise<void> {
    await page.locator(`[data-testid="approval-${code}"]`).click();
    const drawer = page.getByRole('dialog', { name });
    await drawer.waitFor();
    const accepted = drawer.getByLabel('受理日期', { exact: true });
    await choose(drawer.getByLabel('办理状态', { exact: true }), /^已受理$/, () => accepted.isVisible());
    // Type the day until the picker holds it (a keystroke can be lost while its popup opens).
    for (let attempt = 1; attempt <= 3 && (await accepted.inputValue()) !== day; attempt++) {
      await accepted.click();
      await accepted.fill(day);
      await accepted.press('Tab');
    }
    expect(await accepted.inputValue()).toBe(day);
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
  });

  it('reverse-schedules plan A to a target 开工, shows its critical path, and slips when an actual date is late', async () => {
    await signInAs(DRC);
    const target = shanghaiDay(60);
    await page.goto(`${baseUrl}/projects/${projectId}?tab=plan`);
    const template = page.getByLabel('计划模板', { exact: true });
    await choose(template, /^A：/, async () =>
      /A：/.test((await page.locator('.ant-form-item').filter({ has: template }).textContent()) ?? ''),
    );
    const targetOn = page.getByLabel('锚点目标日期', { exact: true });
    await targetOn.click();
    await targetOn.fill(target);
    await targetOn.press('Tab');
    await page.getByRole('button', { name: '编制计划' }).click();
    await page.getByText('倒排计划已编制').waitFor();
    const gantt = page.getByTestId('gantt');
    await gantt.waitFor({ timeout: 5_000 });
    expect(Number(await gantt.getAttribute('data-render-ms'))).toBeLessThan(5_000);

    // What has happened so far, as the responsible units recorded it: signed, company and code 90 days ago;
    // the land list started 60 days ago and is still open.
    const { csrfToken } = await api<{ csrfToken: string }>('/api/me');
    for (const [key, start, finish] of [
      ['signing', shanghaiDay(-90), shanghaiDay(-90)],
      ['company', shanghaiDay(-90), shanghaiDay(-85)],
      ['filing', shanghaiDay(-85), shanghaiDay(-84)],
      ['land_list', shanghaiDay(-60), null],
    ] as const) {
      const { plan } = await api<{ plan: { version: number } }>(`/api/projects/${projectId}/plan`);
      const res = await page.request.put(`${baseUrl}/api/projects/${projectId}/plan/nodes/${key}`, {
        headers: { [CSRF_HEADER]: csrfToken },
        data: { actualStart: start, actualFinish: finish, version: plan.version },
      });
      expect(res.status(), key).toBe(200);
    }
    await page.reload();
    await gantt.waitFor();
    const before = (await page.getByTestId('plan-forecast').textContent()) ?? '';
    expect(before <= target).toBe(true);
    expect(await page.getByTestId('plan-late').count()).toBe(0);
    // The critical path runs through the land listing to 开工.
    for (const key of ['land_list', 'sale_plan', 'listing', 'contract', 'permits', 'start']) {
      expect(await page.getByTestId(`gantt-row-${key}`).getAttribute('data-critical'), key).toBe('true');
    }
    expect(await page.getByTestId('gantt-row-library').getAttribute('data-critical')).toBe('false');
    await takeScreenshot(page, path.join(SCREENSHOT_DIR, 'plan-gantt.png'));

    // The land list in fact began only 10 days ago: it cannot close before its latest finish.
    await page.getByTestId('gantt-row-land_list').click();
    const dialog = page.getByRole('dialog', { name: /填报实际进度/ });
    await dialog.waitFor();
    const actualStart = dialog.getByLabel('实际开始', { exact: true });
    await actualStart.click();
    await actualStart.fill(shanghaiDay(-10));
    await actualStart.press('Tab');
    await dialog.getByRole('button', { name: '保存' }).click();
    await page.getByText('实际进度已保存，计划已重新推算').waitFor();
    await expect
      .poll(async () => (await page.getByTestId('plan-forecast').textContent()) ?? '')
      .not.toBe(before);
    const after = (await page.getByTestId('plan-forecast').textContent()) ?? '';
    expect(after > before).toBe(true);
    expect(after > target).toBe(true);
    await page
      .getByTestId('plan-late')
      .getByText(/已滞后：.*地块确定、用地清单完备/)
      .waitFor();
    expect(await page.getByTestId('gantt-row-land_list').getAttribute('data-late')).toBe('true');
    await takeScreenshot(page, path.join(SCREENSHOT_DIR, 'plan-late.png'));
    expect(pageErrors).toEqual([]);
  });

  it('lets 区发改 change a limit in the catalogue and follow the 拿地即开工 projects', async () => {
    await signInAs(DRC);
    await page.goto(`${baseUrl}/approvals/catalogue`);
    await page.getByRole('heading', { name: '审批事项目录' }).waitFor();
    const limit = page.getByLabel('设计方案审查承诺时限', { exact: true });
    await limit.fill('8');
    const row = page.locator('.ant-table-row').filter({ has: limit });
    await row.getByRole('button', { name: '保存' }).click();
    await page.getByText('设计方案审查已保存，此后生成的事项按新设置').waitFor();
    // The rules card: 拿地即开工 within 2 days instead of 1, which the 拿地即开工 page then states.
    await page.getByLabel('拿地后几天内发证算“拿地即开工”').fill('2');
    await page.getByRole('button', { name: '保存规则' }).click();
    await page.getByText('审批规则已保存').waitFor();
    await takeScreenshot(page, path.join(SCREENSHOT_DIR, 'approvals-catalogue.png'));

    // A template whose 备案 would wait for 投产 is refused, the cycle named.
    await page.goto(`${baseUrl}/approvals/plan-templates`);
    await page.getByRole('heading', { name: '倒排计划模板' }).waitFor();
    await page.getByText('模板 C', { exact: true }).click();
    const predecessors = page.getByLabel('项目备案赋码前置节点', { exact: true });
    await choose(predecessors, /^投产$/, async () =>
      /投产/.test((await page.locator('.ant-table-row').filter({ has: predecessors }).textContent()) ?? ''),
    );
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: '保存模板' }).click();
    await page.getByText(/依赖关系形成循环：.*项目备案赋码/).waitFor();
    await takeScreenshot(page, path.join(SCREENSHOT_DIR, 'plan-template-cycle.png'));

    await page.goto(`${baseUrl}/approvals/land-ready`);
    await page.getByRole('heading', { name: '拿地即开工' }).waitFor();
    await page.getByText('拿地后 2 天内取得施工许可').waitFor();
    await page.locator('.ant-table-row').first().waitFor();
    expect(await page.locator('.ant-table-row').count()).toBeGreaterThan(0);
    await takeScreenshot(page, path.join(SCREENSHOT_DIR, 'approvals-land-ready.png'));
    expect(pageErrors).toEqual([]);
  });
});
