import path from 'node:path';
import type { APIRequestContext, Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { totpAt } from '../../server/src/lib/totp';
import { findChromium, launchBrowser } from './browser';
import { accountByLabel, logOut, newDesktopContext, submitLogin, takeScreenshot } from './session';

// Two-factor login in the browser: a new 板块经办 (created by the system administrator, given a role by the
// security administrator) signs in with a temporary password, sets a new one, enrols an authenticator from
// the QR code's key, keeps the recovery codes, and signs in again with password + code.

const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '../../artifacts/screenshots');
const chromiumPath = findChromium();
const shouldSkip = !chromiumPath && process.env.REQUIRE_BROWSER !== '1';
if (shouldSkip) console.warn('\n⚠️  web/e2e/mfa.spec.ts SKIPPED: no Chromium found (see shell.spec.ts).\n');

const NEW_PASSWORD = 'Mfa#Journey2025';

describe.skipIf(shouldSkip)('two-factor login journey', () => {
  const baseUrl = inject('baseUrl');
  const accounts = inject('demoAccounts') ?? [];
  const username = `mfa${Date.now().toString(36).slice(-5)}`;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page;
  let temporaryPassword = '';
  let secret = '';
  const pageErrors: string[] = [];

  /** An API session of a demo account, with its CSRF header. */
  async function apiAs(label: string): Promise<{ api: APIRequestContext; headers: Record<string, string> }> {
    if (!browser) throw new Error('no browser');
    const api = (await browser.newContext()).request;
    const account = accountByLabel(accounts, label);
    const res = await api.post(`${baseUrl}/api/auth/login`, {
      data: { username: account.username, password: account.password },
    });
    return { api, headers: { 'x-csrf-token': (await res.json()).csrfToken, origin: baseUrl } };
  }

  beforeAll(async () => {
    browser = await launchBrowser();
    const sys = await apiAs('系统管理员');
    const orgs = (
      await (await sys.api.get(`${baseUrl}/api/orgs?q=${encodeURIComponent('高新区')}&pageSize=20`)).json()
    ).items as { id: string; code: string }[];
    const created = await sys.api.post(`${baseUrl}/api/users`, {
      headers: sys.headers,
      data: { username, displayName: '两步验证测试', orgId: orgs.find((o) => o.code === 'WJ-GXQ-ADM')?.id },
    });
    expect(created.status(), await created.text()).toBe(200);
    const { user, temporaryPassword: password } = await created.json();
    temporaryPassword = password;
    const sec = await apiAs('安全管理员');
    const regions = (await (await sec.api.get(`${baseUrl}/api/regions?pageSize=100`)).json()).items as {
      id: string;
      name: string;
    }[];
    const granted = await sec.api.put(`${baseUrl}/api/users/${user.id}/access`, {
      headers: sec.headers,
      data: {
        roles: ['subarea_operator'],
        regionScopeIds: [regions.find((r) => r.name === '武进国家高新区')?.id],
        enterpriseId: null,
        version: user.version,
      },
    });
    expect(granted.status(), await granted.text()).toBe(200);
    context = await newDesktopContext(browser);
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  afterEach(() => {
    expect(pageErrors).toEqual([]);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it('enrols from the user menu: QR code, first code, recovery codes', async () => {
    await page.goto(`${baseUrl}/login`);
    await submitLogin(page, username, temporaryPassword);
    await page.getByLabel('当前密码（临时密码）', { exact: true }).waitFor();
    await page.getByLabel('当前密码（临时密码）', { exact: true }).fill(temporaryPassword);
    await page.getByLabel('新密码', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('确认新密码', { exact: true }).fill(NEW_PASSWORD);
    await page.locator('form button[type=submit]').click();
    await page.locator('[data-testid="user-menu"]').waitFor();
    await page.locator('[data-testid="user-menu"]').click();
    await page.getByRole('menuitem', { name: '两步验证' }).click();
    await page.getByRole('button', { name: '生成二维码' }).click();
    await page.getByAltText('两步验证二维码').waitFor();
    secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').trim();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await takeScreenshot(page, path.join(SCREENSHOT_DIR, 'mfa-enrol.png'));
    await page.getByLabel('身份验证器上显示的 6 位验证码').fill(totpAt(secret, new Date()));
    await page.getByRole('button', { name: '启用两步验证' }).click();
    await page.getByText('两步验证已启用').waitFor();
    expect(await page.getByTestId('recovery-code').count()).toBe(10);
    await takeScreenshot(page, path.join(SCREENSHOT_DIR, 'mfa-recovery-codes.png'));
    await page.getByRole('button', { name: '已保存，继续' }).click();
    await page.locator('[data-testid="user-menu"]').waitFor();
  });

  it('asks for the code after the password at the next login', async () => {
    await logOut(page);
    await submitLogin(page, username, NEW_PASSWORD);
    await page.getByLabel('动态验证码').waitFor();
    await takeScreenshot(page, path.join(SCREENSHOT_DIR, 'mfa-login.png'));
    await page.getByLabel('动态验证码').fill('000000');
    await page.getByRole('button', { name: '验证并登录' }).click();
    await page.locator('.ant-alert').filter({ hasText: '动态验证码不正确' }).waitFor();
    // The next 30-second step's code: newer than the one used at enrolment, within the allowed drift.
    await page.getByLabel('动态验证码').fill(totpAt(secret, new Date(Date.now() + 30_000)));
    await page.getByRole('button', { name: '验证并登录' }).click();
    await page.locator('[data-testid="user-menu"]').waitFor();
    expect((await (await page.request.get(`${baseUrl}/api/me`)).json()).user).toMatchObject({
      username,
      mfaEnabled: true,
    });
  });
});
