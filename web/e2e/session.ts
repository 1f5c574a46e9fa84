import type { Browser, BrowserContext, Page } from 'playwright-core';

export interface DemoAccount {
  username: string;
  password: string;
  label: string;
}

/** The demo account with this label (e.g. 区发改(统筹)); fails loudly when the server has none. */
export function accountByLabel(accounts: readonly DemoAccount[], label: string): DemoAccount {
  const account = accounts.find((candidate) => candidate.label === label);
  if (!account) {
    const labels = accounts.map((candidate) => candidate.label).join(', ');
    throw new Error(`No demo account labelled ${label} (the server offers: ${labels || 'none'})`);
  }
  return account;
}

/** A calendar day in Asia/Shanghai (the server's clock), `days` from today: YYYY-MM-DD. */
export function shanghaiDay(days = 0): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(
    new Date(Date.now() + days * 86_400_000),
  );
}

/** A fresh browser context (own cookies) at desktop size, in Chinese and on Shanghai time. */
export async function newDesktopContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
}

/** Fills the login form and submits it the way a user does. */
export async function submitLogin(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('用户名', { exact: true }).fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
}

/** Opens the login page, signs in and waits for the frame (the 工作台 unless `next` says otherwise). */
export async function logIn(page: Page, baseUrl: string, account: { username: string; password: string }) {
  await page.goto(`${baseUrl}/login`);
  await submitLogin(page, account.username, account.password);
  await page.locator('[data-testid="user-menu"]').waitFor();
}

/** 退出登录 from the user menu; waits for the login page. */
export async function logOut(page: Page): Promise<void> {
  // On a loaded CI machine the dropdown was seen to close again while it animated open (the item went from
  // "not stable" to "not visible" and the click waited 30 s). Open it, click within 5 s, and start over, at
  // most three times, before calling it a failure.
  const item = page.getByRole('menuitem', { name: '退出登录' });
  for (let attempt = 1; ; attempt++) {
    try {
      if (!(await item.isVisible())) await page.locator('[data-testid="user-menu"]').click();
      await item.click({ timeout: 5_000 });
      await page.waitForURL(/\/login(\?|$)/, { timeout: 10_000 });
      break;
    } catch (error) {
      if (new URL(page.url()).pathname === '/login') break;
      if (attempt >= 3) throw error;
    }
  }
  await page.getByRole('heading', { name: '账号登录' }).waitFor();
}

/** Opens every folded group of the left menu and returns the labels of all entries the user sees. */
export async function readMenuEntries(page: Page): Promise<string[]> {
  const menu = page.locator('aside');
  await menu.locator('[data-menu-entry]').first().waitFor();
  for (;;) {
    const folded = menu.locator('.ant-menu-submenu:not(.ant-menu-submenu-open) > .ant-menu-submenu-title');
    if ((await folded.count()) === 0) break;
    await folded.first().click();
  }
  // Entries of a submenu that just opened are rendered as it slides open: read until the list settles.
  const read = () =>
    menu
      .locator('[data-menu-entry]')
      .evaluateAll((links) => links.map((link) => (link as HTMLElement).dataset.menuEntry ?? ''));
  let previous = await read();
  for (let attempt = 0; attempt < 20; attempt++) {
    await page.waitForTimeout(100);
    const current = await read();
    if (current.join('|') === previous.join('|')) return current;
    previous = current;
  }
  return previous;
}

/** Clicks a menu entry the way a user does, opening its group first when it is folded. */
export async function openMenuEntry(page: Page, groupLabel: string, entryLabel: string): Promise<void> {
  const menu = page.locator('aside');
  const entry = menu.locator('[data-menu-label]').filter({ hasText: new RegExp(`^${entryLabel}$`) });
  if (!(await entry.isVisible())) {
    await menu.getByText(groupLabel, { exact: true }).click();
    await entry.waitFor({ state: 'visible' });
  }
  await entry.click();
}

/** A full-page screenshot without hover or focus left over from the last click, from the top. */
export async function takeScreenshot(page: Page, file: string): Promise<void> {
  await page.mouse.move(720, 0);
  await page.evaluate(() => {
    if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
    window.scrollTo(0, 0);
  });
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
}
