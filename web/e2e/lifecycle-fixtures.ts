import { CSRF_HEADER } from '@groundbreak/contract';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

// Helpers of the lifecycle journey (lifecycle-ends.spec.ts): the antd controls a user types into or picks
// from, and the few API calls that stand for data the issue says is advanced by fixtures.

/** A small valid PDF, as the investment agreement a 板块 uploads. */
export const AGREEMENT_PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

/**
 * Chooses the option of a select until its box shows it: under load a click made while the dropdown still
 * moves can miss, and a second click on an open select would close it.
 */
export async function choose(page: Page, box: Locator, option: string): Promise<void> {
  const choice = page
    .locator('.ant-select-dropdown .ant-select-item-option')
    .filter({ visible: true })
    .filter({ hasText: option })
    .first();
  const item = box.locator('xpath=ancestor::div[contains(concat(" ", @class, " "), " ant-select ")][1]');
  for (let attempt = 1; attempt <= 4; attempt++) {
    if (!(await choice.isVisible())) await box.click();
    await choice.click({ timeout: 5_000 }).catch(() => undefined);
    try {
      await expect
        .poll(async () => (await item.textContent())?.includes(option) ?? false, { timeout: 3_000 })
        .toBe(true);
      return;
    } catch (error) {
      if (attempt === 4) throw error;
    }
  }
}

/** Types a day (or a year) into a date picker until it holds it (a keystroke can be lost as it opens). */
export async function typeDate(input: Locator, value: string): Promise<void> {
  for (let attempt = 1; attempt <= 3 && (await input.inputValue()) !== value; attempt++) {
    await input.click();
    await input.fill(value);
    await input.press('Enter');
    await input.press('Tab');
  }
  expect(await input.inputValue()).toBe(value);
}

/**
 * Clicks a confirmation's button until the confirmation is gone: a click made while the dialog or popover
 * still animates in can land on nothing.
 */
export async function confirmIn(container: Locator, button: string): Promise<void> {
  await container.waitFor();
  for (let attempt = 1; ; attempt++) {
    await container
      .getByRole('button', { name: button, exact: true })
      .click({ timeout: 5_000 })
      .catch(() => undefined);
    try {
      await container.waitFor({ state: 'hidden', timeout: 5_000 });
      return;
    } catch (error) {
      if (attempt >= 4) throw error;
    }
  }
}

/** Picks today in a read-only date picker (a phone-friendly one that takes no typing). */
export async function pickToday(page: Page, input: Locator, today: string): Promise<void> {
  const cell = page
    .locator('.ant-picker-dropdown')
    .filter({ visible: true })
    .locator('.ant-picker-cell-today .ant-picker-cell-inner');
  for (let attempt = 1; attempt <= 4 && (await input.inputValue()) !== today; attempt++) {
    if (!(await cell.isVisible())) await input.click();
    await cell.click({ timeout: 5_000 }).catch(() => undefined);
    await expect
      .poll(() => input.inputValue(), { timeout: 2_000 })
      .toBe(today)
      .catch(() => undefined);
  }
  expect(await input.inputValue()).toBe(today);
}

/** Clears a field and types the value, the way a user replaces a prefilled figure. */
export async function retype(input: Locator, value: string): Promise<void> {
  await input.fill('');
  await input.fill(value);
  expect(await input.inputValue()).toBe(value);
}

/** The signed-in user's API, as the page's own session (cookie and CSRF token). */
export function apiOf(page: Page, baseUrl: string) {
  let csrf: string | undefined;
  const token = async () => {
    if (!csrf) {
      const me = await page.request.get(`${baseUrl}/api/me`);
      expect(me.status()).toBe(200);
      csrf = ((await me.json()) as { csrfToken: string }).csrfToken;
    }
    return csrf;
  };
  const send = async <T>(method: 'get' | 'post' | 'patch', url: string, data?: unknown): Promise<T> => {
    const res =
      method === 'get'
        ? await page.request.get(`${baseUrl}${url}`)
        : await page.request[method](`${baseUrl}${url}`, {
            headers: { [CSRF_HEADER]: await token() },
            data: data as object,
          });
    const body = await res.text();
    expect(res.status(), `${method.toUpperCase()} ${url}: ${body}`).toBe(200);
    return JSON.parse(body) as T;
  };
  return {
    get: <T>(url: string) => send<T>('get', url),
    post: <T>(url: string, data: unknown) => send<T>('post', url, data),
    patch: <T>(url: string, data: unknown) => send<T>('patch', url, data),
  };
}

type ProjectApi = ReturnType<typeof apiOf>;
type ProjectRow = { id: string; state: string; version: number };

/** PATCH a project's fields at its current version. */
export async function patchProject(api: ProjectApi, id: string, fields: Record<string, unknown>) {
  const { project } = await api.get<{ project: ProjectRow }>(`/api/projects/${id}`);
  return (
    await api.patch<{ project: ProjectRow }>(`/api/projects/${id}`, { version: project.version, ...fields })
  ).project;
}

/** 区发改 moves a project one step on, past its gate with a written reason (the registry's override). */
export async function overrideTo(api: ProjectApi, id: string, to: string): Promise<ProjectRow> {
  const { project } = await api.get<{ project: ProjectRow }>(`/api/projects/${id}`);
  const moved = await api.post<{ project: ProjectRow }>(`/api/projects/${id}/transitions`, {
    type: 'advance',
    to,
    version: project.version,
    override: true,
    reason: '演示数据：按历史台账补录项目进展',
  });
  expect(moved.project.state).toBe(to);
  return moved.project;
}
