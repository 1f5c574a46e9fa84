import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import type { ProgressResponse } from '@groundbreak/contract';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { findChromium, launchBrowser } from './browser';
import { accountByLabel, logIn, newDesktopContext, shanghaiDay, takeScreenshot } from './session';

// 城中村专项行动 end to end with the demo data: 湖塘镇's 板块经办, on a 390 px phone, registers a task at a point
// with a before-photo, starts it and submits it with an after-photo; 区城管局 sends it back with a reason; the
// 板块 adds a photo and submits again; 城管局 accepts it (销号). The point is then in the maintenance ledger:
// an inspection on the phone fails (反弹) and raises a 整改单; the re-inspection passes and closes it. After
// each step the campaign's progress — the point on the map, 湖塘镇's place in the ranking — follows.

const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '../../artifacts/screenshots');
const chromiumPath = findChromium();
const shouldSkip = !chromiumPath && process.env.REQUIRE_BROWSER !== '1';
if (shouldSkip)
  console.warn('\n⚠️  web/e2e/campaigns.spec.ts SKIPPED: no Chromium found (set CHROMIUM_PATH).\n');

/** A small valid PNG of one colour, as a phone's photo stands in for here. */
function png(rgb: [number, number, number]): Buffer {
  const table = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = (table[(c ^ b) & 0xff] as number) ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(4);
    head.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const tail = Buffer.alloc(4);
    tail.writeUInt32BE(crc(body));
    return Buffer.concat([head, body, tail]);
  };
  const size = 32;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8;
  header[9] = 2;
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: size }, () => rgb).flat())]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(Array.from({ length: size }, () => row)))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe.skipIf(shouldSkip)('城中村专项行动 journey', () => {
  const baseUrl = inject('baseUrl');
  const accounts = inject('demoAccounts') ?? [];
  const pageErrors: string[] = [];
  let browser: Browser | undefined;
  let phoneContext: BrowserContext;
  let deskContext: BrowserContext;
  let phone: Page;
  let desk: Page;
  const pointName = `马杭路违章彩钢棚（端到端${Date.now().toString(36).slice(-4)}）`;
  let taskUrl = '';
  let campaignId = '';
  let hutangId = '';

  beforeAll(async () => {
    if (!chromiumPath) throw new Error('REQUIRE_BROWSER=1 but no Chromium was found');
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    browser = await launchBrowser();
    phoneContext = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    phone = await phoneContext.newPage();
    phone.on('pageerror', (error) => pageErrors.push(error.message));
    await logIn(phone, baseUrl, accountByLabel(accounts, '板块经办(湖塘镇)'));
    deskContext = await newDesktopContext(browser);
    desk = await deskContext.newPage();
    desk.on('pageerror', (error) => pageErrors.push(error.message));
    await logIn(desk, baseUrl, accountByLabel(accounts, '部门经办(城管)'));
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** The campaign's progress as 区城管局 sees it: our point on the map and 湖塘镇's row of the ranking. */
  async function progress() {
    const res = await desk.request.get(`${baseUrl}/api/campaign-progress?campaignId=${campaignId}`);
    expect(res.status()).toBe(200);
    const p = (await res.json()) as ProgressResponse;
    const hutang = p.subareas.find((s) => s.regionName === '湖塘镇');
    if (!hutang) throw new Error('湖塘镇 not ranked');
    hutangId = hutang.regionId;
    return { point: p.points.find((x) => x.pointName === pointName), hutang };
  }

  const status = (page: Page, text: string) =>
    page.getByTestId('task-status').filter({ hasText: text }).waitFor();
  const uploadTo = (page: Page, testId: string, name: string, rgb: [number, number, number]) =>
    page
      // antd puts the test id on the file input itself or on its wrapper, by version.
      .locator(`input[type=file][data-testid="${testId}"], [data-testid="${testId}"] input[type=file]`)
      .first()
      .setInputFiles({ name, mimeType: 'image/png', buffer: png(rgb) });

  it('a 板块 registers a task with a before-photo, starts it and submits it with an after-photo on a 390 px phone', async () => {
    await phone.goto(`${baseUrl}/campaigns/tasks/new`);
    await phone.getByLabel('类别').click();
    await phone.locator('.ant-select-item-option', { hasText: '违章搭建整治' }).click();
    await phone.getByLabel('村/社区').fill('马杭社区');
    await phone.getByLabel('点位名称').fill(pointName);
    await phone.getByLabel('经度').fill('119.951');
    await phone.getByLabel('纬度').fill('31.702');
    await phone.getByLabel('问题描述').fill('菜场东侧彩钢棚违章搭建约80平方米，占用消防通道');
    await phone.getByLabel('计划完成日期').fill(shanghaiDay(14));
    await phone.getByLabel('计划完成日期').press('Tab');
    await phone.getByRole('button', { name: '保存' }).click();
    await phone.waitForURL(/\/campaigns\/tasks\/[0-9a-f-]{36}$/);
    taskUrl = phone.url();
    await status(phone, '待整治');
    const taskId = new URL(taskUrl).pathname.split('/').at(-1);
    campaignId = (await (await phone.request.get(`${baseUrl}/api/campaign-tasks/${taskId}`)).json()).task
      .campaign.id;
    expect((await progress()).point?.status).toBe('pending');
    const before = (await progress()).hutang.total;

    await uploadTo(phone, 'upload-before', '整改前.png', [150, 120, 90]);
    await phone.getByTestId('photos-before').getByTestId('task-photo').first().waitFor();
    await phone.getByRole('button', { name: '开始整治' }).click();
    await status(phone, '整治中');
    expect((await progress()).point?.status).toBe('in_progress');
    // No after-photo yet: 提交验收 says why it waits.
    await phone.getByTestId('submit-hint').waitFor();
    await uploadTo(phone, 'upload-after', '整改后.png', [80, 170, 90]);
    await phone.getByTestId('photos-after').getByTestId('task-photo').first().waitFor();
    await phone.getByRole('button', { name: '提交验收' }).click();
    await phone.getByRole('dialog').getByRole('button', { name: '提交验收' }).click();
    await status(phone, '待验收');
    // The phone shows the page without sideways scrolling.
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(392);
    await takeScreenshot(phone, path.join(SCREENSHOT_DIR, 'campaign-task-phone.png'));
    const after = await progress();
    expect(after.point?.status).toBe('submitted');
    expect(after.hutang.total).toBe(before);
  });

  it('区城管局 sends it back with a reason, the 板块 resubmits, and 城管局 accepts it; the ranking counts it', async () => {
    const acceptedBefore = (await progress()).hutang.accepted;
    await desk.goto(taskUrl);
    await status(desk, '待验收');
    await desk.getByRole('button', { name: '退回整改' }).click();
    const dialog = desk.getByRole('dialog');
    await dialog.getByRole('textbox').fill('彩钢棚基础未清除，请清理到位后重新提交');
    await dialog.getByRole('button', { name: '退回整改' }).click();
    await status(desk, '退回整改');
    expect((await progress()).point?.status).toBe('returned');

    await phone.goto(taskUrl);
    await status(phone, '退回整改');
    await phone.getByText('彩钢棚基础未清除，请清理到位后重新提交').first().waitFor();
    await uploadTo(phone, 'upload-after', '清理后.png', [60, 180, 80]);
    await phone.getByTestId('photos-after').getByTestId('task-photo').nth(1).waitFor();
    await phone.getByRole('button', { name: '提交验收' }).click();
    await phone.getByRole('dialog').getByRole('button', { name: '提交验收' }).click();
    await status(phone, '待验收');

    await desk.reload();
    await status(desk, '待验收');
    await desk.getByRole('button', { name: '验收通过(销号)' }).click();
    await desk.getByRole('dialog').getByRole('button', { name: '验收通过(销号)' }).click();
    await status(desk, '已验收');
    const accepted = await progress();
    expect(accepted.point).toMatchObject({ status: 'accepted', light: 'green' });
    expect(accepted.hutang.accepted).toBe(acceptedBefore + 1);

    // The progress page: the ranking row of 湖塘镇 with its calculation, and the map with the point.
    await desk.goto(`${baseUrl}/campaigns/progress?campaignId=${campaignId}`);
    await desk.getByTestId(`rank-${hutangId}`).waitFor();
    expect(await desk.getByTestId(`rank-calc-${hutangId}`).first().textContent()).toContain(
      accepted.hutang.calculation,
    );
    await desk.getByTestId('campaign-map').locator('canvas').first().waitFor();
    await takeScreenshot(desk, path.join(SCREENSHOT_DIR, 'campaign-progress.png'));
  });

  it('the point is maintained: an inspection on the phone fails (反弹, 整改单), the re-inspection passes', async () => {
    const list = await phone.request.get(
      `${baseUrl}/api/maintenance-points?q=${encodeURIComponent(pointName)}`,
    );
    const point = (await list.json()).items[0] as { id: string };
    expect(point).toBeTruthy();
    const reboundsBefore = (await progress()).hutang.rebounds;
    await phone.goto(`${baseUrl}/campaigns/maintenance/${point.id}`);
    await phone.getByTestId('point-status').filter({ hasText: '正常' }).waitFor();

    const inspect = async (failed: string | null, score: number) => {
      await phone.getByTestId('inspect-button').click();
      for (const item of ['无新增违章搭建', '拆除后场地已清理', '无复搭复建']) {
        await phone
          .getByRole('radio', { name: `${item} ${item === failed ? '不合格' : '合格'}`, exact: true })
          .click();
      }
      await phone.getByTestId('inspection-score').fill(String(score));
      if (failed) {
        await phone.getByTestId('upload-inspection').setInputFiles({
          name: '复搭.png',
          mimeType: 'image/png',
          buffer: png([170, 90, 60]),
        });
        await phone.getByTestId('inspection-photo').first().waitFor();
      }
      await phone.getByTestId('submit-inspection').click();
      return phone.getByTestId('inspection-result');
    };

    const failed = await inspect('无复搭复建', 60);
    await failed.filter({ hasText: /不合格，已生成整改单 ZG-\d{4}-\d{4}/ }).waitFor();
    await takeScreenshot(phone, path.join(SCREENSHOT_DIR, 'campaign-inspection-phone.png'));
    await phone.getByRole('button', { name: '完成' }).click();
    await phone.getByTestId('point-status').filter({ hasText: '整改中' }).waitFor();
    await phone.getByTestId('open-order').waitFor();
    const rebound = await progress();
    expect(rebound.hutang.rebounds).toBe(reboundsBefore + 1);
    expect(rebound.hutang.calculation).toContain('反弹');

    const passed = await inspect(null, 92);
    await passed.filter({ hasText: /复查合格，整改单 ZG-\d{4}-\d{4} 已销号/ }).waitFor();
    await phone.getByRole('button', { name: '完成' }).click();
    await phone.getByTestId('point-status').filter({ hasText: '正常' }).waitFor();
    expect(await phone.getByTestId('open-order').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
