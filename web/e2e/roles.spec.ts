import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { totpAt } from '../../server/src/lib/totp';
import { findChromium, launchBrowser } from './browser';
import {
  accountByLabel,
  logIn,
  logOut,
  newDesktopContext,
  openMenuEntry,
  readMenuEntries,
  submitLogin,
  takeScreenshot,
} from './session';

const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '../../artifacts/screenshots');

const chromiumPath = findChromium();
const isBrowserRequired = process.env.REQUIRE_BROWSER === '1';
const shouldSkip = !chromiumPath && !isBrowserRequired;
if (shouldSkip) {
  console.warn('\n⚠️  web/e2e/roles.spec.ts SKIPPED: no Chromium found (see shell.spec.ts).\n');
}

interface MenuExpectation {
  visible: string[];
  hidden: string[];
}

const BUSINESS_OPERATOR: MenuExpectation = {
  visible: ['项目库', '企业库'],
  hidden: ['用户管理', '角色与数据范围', '审计日志'],
};

/** What each role's menu must and must not offer (三权分立 and the business roles). */
function menuExpectationFor(label: string): MenuExpectation | undefined {
  if (label === '系统管理员') return { visible: ['用户管理', '组织机构'], hidden: ['审计日志', '项目库'] };
  if (label === '安全管理员')
    return { visible: ['角色与数据范围', '安全策略'], hidden: ['用户管理', '审计日志'] };
  if (label === '审计管理员') return { visible: ['审计日志'], hidden: ['用户管理', '项目库'] };
  if (label === '区发改(统筹)' || label.startsWith('板块经办') || label.startsWith('部门经办')) {
    return BUSINESS_OPERATOR;
  }
  if (label === '领导') return { visible: ['项目库'], hidden: ['用户管理'] };
  if (label === '企业') return { visible: ['企业库'], hidden: ['用户管理'] };
  return undefined;
}

describe.skipIf(shouldSkip)('roles and sign-in', () => {
  const baseUrl = inject('baseUrl');
  const accounts = inject('demoAccounts') ?? [];
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let pageErrors: string[] = [];

  const screenshot = (page: Page, name: string) => takeScreenshot(page, path.join(SCREENSHOT_DIR, name));

  /** Each role gets its own context: no cookie or cached data carries over from the previous one. */
  async function freshPage(): Promise<Page> {
    if (!browser) throw new Error('no browser');
    await context?.close();
    context = await newDesktopContext(browser);
    const page = await context.newPage();
    pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    return page;
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

  it('has demo accounts for every role the menu checks cover', () => {
    expect(accounts.length).toBeGreaterThan(0);
    const uncovered = accounts.filter((account) => !menuExpectationFor(account.label));
    expect(uncovered.map((account) => account.label)).toEqual([]);
  });

  it('shows the login page and says in Chinese when the password is wrong', async () => {
    const page = await freshPage();
    await page.goto(`${baseUrl}/login`);
    await page.getByRole('heading', { name: '账号登录' }).waitFor();
    await page.getByText('武进区重大项目"招推服"服务平台').waitFor();
    await screenshot(page, 'login.png');

    const [someone] = accounts;
    if (!someone) throw new Error('no demo accounts');
    await submitLogin(page, someone.username, 'not-the-password-1A');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/用户名或密码错误/);
    expect(page.url()).toMatch(/\/login$/);
    await screenshot(page, 'login-failed.png');
  });

  for (const account of accounts) {
    it(`shows ${account.label} (${account.username}) only the menu of the role, then signs out`, async () => {
      const expectation = menuExpectationFor(account.label);
      if (!expectation) throw new Error(`no menu expectation for ${account.label}`);
      const page = await freshPage();
      await logIn(page, baseUrl, account);
      await page.getByRole('heading', { name: '工作台' }).waitFor();
      const roleName = account.label.replace(/\(.*$/, '');
      expect(await page.getByTestId('user-menu').textContent()).toContain(roleName);

      const entries = await readMenuEntries(page);
      for (const label of expectation.visible) expect(entries, `${label} in the menu`).toContain(label);
      for (const label of expectation.hidden)
        expect(entries, `${label} not in the menu`).not.toContain(label);
      await screenshot(page, `role-${account.username}.png`);

      await logOut(page);
      // The session is gone on the server too, not only in this page.
      expect((await page.request.get(`${baseUrl}/api/me`)).status()).toBe(401);
    });
  }

  it('lets the 安全管理员 read and save the security policy', async () => {
    const page = await freshPage();
    await logIn(page, baseUrl, accountByLabel(accounts, '安全管理员'));
    await openMenuEntry(page, '系统管理', '安全策略');
    const idle = page.getByLabel('空闲超时');
    await idle.waitFor();
    expect(await idle.inputValue()).toBe('30');
    expect(await page.getByLabel('会话最长时长').inputValue()).toBe('12');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('安全策略已保存').waitFor();
    await screenshot(page, 'security-policy.png');
  });

  describe('an account from creation to the audit log', () => {
    const username = `e2e${Date.now().toString(36)}`;
    const newPassword = 'Xinmima-2025';
    let temporaryPassword = '';

    it('lets the 系统管理员 create an account and shows its temporary password once', async () => {
      const page = await freshPage();
      await logIn(page, baseUrl, accountByLabel(accounts, '系统管理员'));
      await openMenuEntry(page, '系统管理', '用户管理');
      await page.waitForURL(/\/system\/users/);
      await page.getByRole('button', { name: '新建' }).click();

      const dialog = page.getByRole('dialog', { name: '新建用户' });
      await dialog.getByLabel('用户名').fill(username);
      await dialog.getByLabel('姓名').fill('端到端测试');
      await dialog.getByLabel('所属单位').click();
      await dialog.getByLabel('所属单位').fill('发展和改革');
      // The options follow the search on the server: wait for a match before picking it.
      await page
        .locator('.ant-select-dropdown .ant-select-item-option')
        .filter({ hasText: '发展和改革' })
        .first()
        .click();
      await dialog.getByRole('button', { name: '创建' }).click();

      const shown = page.getByRole('dialog', { name: '账号已创建' });
      await shown.getByText('该密码仅显示一次，用户首次登录时须修改', { exact: false }).waitFor();
      temporaryPassword = (await shown.getByTestId('temporary-password').textContent()) ?? '';
      expect(temporaryPassword.length).toBeGreaterThanOrEqual(8);
      await screenshot(page, 'users-temporary-password.png');
      await shown.getByRole('button', { name: '我已记下' }).click();
      await shown.waitFor({ state: 'hidden' });

      await page.getByRole('cell', { name: username, exact: true }).waitFor();
      await screenshot(page, 'users-list.png');
    });

    it('lets the 安全管理员 assign a business role, refusing an administrator role beside it', async () => {
      const page = await freshPage();
      await logIn(page, baseUrl, accountByLabel(accounts, '安全管理员'));
      await openMenuEntry(page, '系统管理', '角色与数据范围');
      await page.waitForURL(/\/system\/access/);
      await page.getByLabel('关键词').fill(username);
      await page.getByLabel('关键词').press('Enter');
      await page.getByRole('cell', { name: username, exact: true }).click();

      const drawer = page.getByRole('dialog');
      await drawer.getByRole('checkbox', { name: '系统管理员' }).check();
      await drawer.getByRole('checkbox', { name: '区发改(统筹)' }).check();
      await page.getByRole('button', { name: '保存' }).click();
      // 三权分立: the server's reason lands on the 角色 field.
      const rolesError = drawer.locator('.ant-form-item-explain-error').first();
      await rolesError.waitFor();
      expect(await rolesError.textContent()).toMatch(/管理员/);
      await screenshot(page, 'access-conflict.png');

      await drawer.getByRole('checkbox', { name: '系统管理员' }).uncheck();
      const scope = drawer.getByLabel('数据范围');
      await scope.click();
      await scope.fill('武进区');
      await page
        .locator('.ant-select-tree-title')
        .filter({ hasText: /^武进区$/ })
        .first()
        .click();
      await drawer.getByText('角色', { exact: true }).click();
      await page.getByRole('button', { name: '保存' }).click();
      await drawer.waitFor({ state: 'hidden' });
      await page
        .getByRole('row', { name: new RegExp(username) })
        .getByText('区发改(统筹)')
        .waitFor();
    });

    it('makes the new user change the temporary password before anything else', async () => {
      const page = await freshPage();
      await page.goto(`${baseUrl}/login`);
      await submitLogin(page, username, temporaryPassword);
      await page.waitForURL(/\/change-password/);
      await page.getByRole('heading', { name: '请先修改密码' }).waitFor();
      await screenshot(page, 'change-password-forced.png');

      // The frame is out of reach until the password is changed.
      await page.goto(`${baseUrl}/`);
      await page.waitForURL(/\/change-password/);

      await page.getByLabel('当前密码（临时密码）').fill(temporaryPassword);
      await page.getByLabel('新密码', { exact: true }).fill(newPassword);
      await page.getByLabel('确认新密码').fill(newPassword);
      await page.getByRole('button', { name: '确认修改' }).click();
      // 区发改 must use two-factor login (default policy; not a demo account): enrolment comes next.
      await page.waitForURL(/\/mfa/);
      await page.getByText('请先启用两步验证').waitFor();
      await page.goto(`${baseUrl}/projects`);
      await page.waitForURL(/\/mfa/);
      await page.getByRole('button', { name: '生成二维码' }).click();
      const secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').trim();
      await page.getByLabel('身份验证器上显示的 6 位验证码').fill(totpAt(secret, new Date()));
      await page.getByRole('button', { name: '启用两步验证' }).click();
      await page.getByRole('button', { name: '已保存，继续' }).click();
      // Back to the page that sent the user to the enrolment.
      await page.waitForURL(/\/projects$/);
      await page.getByRole('heading', { name: '项目库' }).waitFor();
      const entries = await readMenuEntries(page);
      expect(entries).toContain('企业库');
      await logOut(page);
    });

    it('shows the 审计管理员 the 创建用户 row in the audit log', async () => {
      const page = await freshPage();
      await logIn(page, baseUrl, accountByLabel(accounts, '审计管理员'));
      await openMenuEntry(page, '系统管理', '审计日志');
      await page.waitForURL(/\/system\/audit/);
      const createRow = page.getByRole('row').filter({ hasText: '创建用户' }).first();
      await createRow.waitFor();
      expect(await createRow.textContent()).toContain(accountByLabel(accounts, '系统管理员').username);
      await createRow.locator('.ant-table-row-expand-icon').click();
      await page.locator('.ant-table-expanded-row pre').first().waitFor();
      await screenshot(page, 'audit-log.png');
    });
  });
});
