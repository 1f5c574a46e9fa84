import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { findChromium, launchBrowser } from './browser';
import { accountByLabel, logIn, newDesktopContext, shanghaiDay, takeScreenshot } from './session';

// The land journey of the land issue's "Done when": 自然资源和规划 imports parcel boundaries from a GeoJSON
// whose second polygon crosses itself (the refusal names it, nothing is written), fixes the file and imports
// it; the parcels show on the map. 区发改 opens an 已立项 project's 用地 tab, states its land demand and picks
// the top-ranked parcel (→ 供地准备). 自然资源和规划 completes the parcel's 用地清单 and records the supply with
// the signed contract: the project moves to 已供地 by itself.

const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '../../artifacts/screenshots');
const chromiumPath = findChromium();
const shouldSkip = !chromiumPath && process.env.REQUIRE_BROWSER !== '1';
if (shouldSkip) console.warn('\n⚠️  web/e2e/land.spec.ts SKIPPED: no Chromium found (see shell.spec.ts).\n');

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
const NRP = '部门经办(自然资源和规划)';
const DRC = '区发改(统筹)';

function square(lon: number, lat: number, d = 0.0025) {
  const h = d / 2;
  const ring = [
    [lon - h, lat - h],
    [lon + h, lat - h],
    [lon + h, lat + h],
    [lon - h, lat + h],
    [lon - h, lat - h],
  ];
  return { type: 'Polygon', coordinates: [ring] };
}

function geojson(suffix: string, broken: boolean): Buffer {
  const bowtie = {
    type: 'Polygon',
    coordinates: [
      [
        [119.99, 31.62],
        [119.993, 31.623],
        [119.993, 31.62],
        [119.99, 31.623],
        [119.99, 31.62],
      ],
    ],
  };
  const feature = (no: string, name: string, geometry: unknown) => ({
    type: 'Feature',
    properties: {
      地块编号: no,
      地块名称: name,
      所属板块: '武进国家高新区',
      状态: '储备',
      规划用途: '工业用地',
    },
    geometry,
  });
  return Buffer.from(
    JSON.stringify({
      type: 'FeatureCollection',
      features: [
        feature(`E2E-${suffix}-1`, '端到端测试北地块', square(119.975, 31.64)),
        feature(`E2E-${suffix}-2`, '端到端测试南地块', broken ? bowtie : square(119.98, 31.636)),
      ],
    }),
  );
}

describe.skipIf(shouldSkip)('land journey', () => {
  const baseUrl = inject('baseUrl');
  const accounts = inject('demoAccounts') ?? [];
  const suffix = Date.now().toString(36).slice(-5);
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page;
  const pageErrors: string[] = [];
  let projectId = '';
  let parcelId = '';

  const screenshot = (name: string) => takeScreenshot(page, path.join(SCREENSHOT_DIR, name));

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

  beforeAll(async () => {
    if (!chromiumPath) throw new Error('REQUIRE_BROWSER=1 but no Chromium was found');
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

  it('refuses a GeoJSON whose second polygon crosses itself, naming it; the fixed file imports', async () => {
    await signInAs(NRP);
    await page.goto(`${baseUrl}/land/parcels`);
    await page.getByRole('button', { name: '导入边界' }).click();
    const dialog = page.getByRole('dialog', { name: '导入地块边界（GeoJSON）' });
    await dialog.waitFor();
    const input = dialog.locator('input[type=file]');
    await input.setInputFiles({
      name: '地块边界.geojson',
      mimeType: 'application/geo+json',
      buffer: geojson(suffix, true),
    });
    await dialog.getByText('第 2 个要素：多边形自相交', { exact: false }).waitFor();
    await dialog.getByText('1 个要素不能导入，整个文件未写入').waitFor();
    expect(await dialog.getByRole('button', { name: '确认导入' }).isDisabled()).toBe(true);
    await screenshot('land-geojson-refused.png');

    await input.setInputFiles({
      name: '地块边界（修正）.geojson',
      mimeType: 'application/geo+json',
      buffer: geojson(suffix, false),
    });
    await dialog.getByText('共 2 个要素，可以导入').waitFor();
    await dialog.getByRole('button', { name: '确认导入' }).click();
    await page.getByText('已导入：新增 2 宗地块，更新 0 宗边界').waitFor();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByLabel('关键词').fill(`E2E-${suffix}`);
    await page.getByRole('cell', { name: `E2E-${suffix}-2`, exact: true }).waitFor();
  });

  it('draws the parcels on the map within 5 s', async () => {
    const started = Date.now();
    await page.goto(`${baseUrl}/land/map`);
    const map = page.locator('[data-testid="land-map"][data-render-ms]');
    await map.waitFor({ timeout: 5000 });
    expect(Date.now() - started).toBeLessThan(5000);
    const drawn = await page.getByText(/^图上 \d+ 宗地块/).textContent();
    expect(Number(/图上 (\d+) 宗/.exec(drawn ?? '')?.[1])).toBeGreaterThan(100);
    await page.waitForTimeout(300);
    await screenshot('land-map.png');
  });

  it('picks the top-ranked parcel for an 已立项 project: it moves to 供地准备', async () => {
    await signInAs(DRC);
    // An 已立项 project that needs land and has none yet (the demo has several).
    const filed = await api<{ items: { id: string }[] }>('/api/projects?state=FILED&pageSize=100');
    for (const p of filed.items) {
      const { project } = await api<{ project: { landUse: string | null } }>(`/api/projects/${p.id}`);
      const { parcel } = await api<{ parcel: unknown }>(`/api/projects/${p.id}/land-demand`);
      if ((project.landUse === 'new_land' || project.landUse === 'stock_land') && !parcel) {
        projectId = p.id;
        break;
      }
    }
    expect(projectId).not.toBe('');
    await page.goto(`${baseUrl}/projects/${projectId}?tab=land`);
    // A modest demand, so that the district's reserve has parcels that fit.
    const area = page.getByLabel('需求面积（平方米）', { exact: true });
    await area.fill('12000');
    await page.getByRole('button', { name: '保存需求' }).click();
    await page.getByText('用地需求已保存，匹配结果已更新').waitFor();
    const firstPick = page.getByRole('button', { name: /^选定 / }).first();
    await firstPick.waitFor();
    // The score shows its parts.
    const firstRow = page.locator('.ant-table-row').filter({ has: firstPick });
    expect(await firstRow.locator('td').count()).toBeGreaterThan(8);
    await screenshot('land-matches.png');
    const label = (await firstPick.getAttribute('aria-label')) ?? '';
    const parcelNo = label.replace(/^选定 /, '');
    await firstPick.click();
    await page.getByRole('button', { name: '选定', exact: true }).click();
    await page.getByText(`已选定地块 ${parcelNo}`).waitFor();
    await page.getByText('已选定地块', { exact: true }).waitFor();
    await expect
      .poll(
        async () => (await api<{ project: { state: string } }>(`/api/projects/${projectId}`)).project.state,
      )
      .toBe('LAND_PREP');
    const { parcel } = await api<{ parcel: { id: string } }>(`/api/projects/${projectId}/land-demand`);
    parcelId = parcel.id;

    // The planning indicators the 已供地 gate also asks for, from the parcel's 规划条件.
    await page.getByRole('tab', { name: '基本信息' }).click();
    await page.getByRole('button', { name: '编辑' }).click();
    await page.getByRole('button', { name: '保存', exact: true }).waitFor();
    await page.getByLabel('容积率', { exact: true }).fill('1.6');
    await page.getByLabel('建筑系数', { exact: true }).fill('45');
    await page.getByLabel('绿地率', { exact: true }).fill('12');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByText('项目信息已保存').waitFor();
  });

  it('completes the parcel’s 用地清单 and records the supply with its contract: the project moves to 已供地', async () => {
    await signInAs(NRP);
    await page.goto(`${baseUrl}/land/parcels/${parcelId}?tab=list`);
    const open = page.locator('.land-list-open');
    await page.locator('.ant-table-row').first().waitFor();
    for (let guard = 0; guard < 25 && (await open.count()) > 0; guard++) {
      const before = await open.count();
      await open.first().getByRole('button', { name: /^填写/ }).click();
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      await dialog.getByLabel('办理状态', { exact: true }).click();
      await page
        .locator('.ant-select-dropdown .ant-select-item-option')
        .filter({ visible: true })
        .filter({ hasText: '不涉及' })
        .click();
      await dialog.getByRole('button', { name: '保存' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await expect.poll(() => open.count()).toBeLessThan(before);
    }
    await page.getByText(/用地清单已完备/).waitFor();

    await page.getByRole('tab', { name: '供地' }).click();
    await page.getByRole('button', { name: '登记供地' }).click();
    const form = page.getByRole('dialog', { name: '登记供地' });
    await form.waitFor();
    await form.getByLabel('出让合同编号', { exact: true }).fill(`3204122026CR${suffix}`);
    const contractOn = form.getByLabel('合同签订日期', { exact: true });
    await contractOn.click();
    await contractOn.fill(shanghaiDay(-1));
    await contractOn.press('Tab');
    await form.getByLabel('建设用地规划许可证号', { exact: true }).fill(`地字第320412${suffix}号`);
    await form.getByRole('button', { name: '保存' }).click();
    await page.getByText('出让记录已保存', { exact: true }).waitFor();
    // Everything but the signed contract: the tab says so.
    await page.getByText('未上传土地出让合同').waitFor();

    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: '上传出让合同' }).click();
    await (await chooser).setFiles({
      name: '国有建设用地使用权出让合同.pdf',
      mimeType: 'application/pdf',
      buffer: PDF,
    });
    await page.getByText('出让合同已上传，项目已进入“已供地”').waitFor();
    await screenshot('land-supplied.png');

    await page.goto(`${baseUrl}/projects/${projectId}?tab=states`);
    await page.getByText('供地完成（出让合同、用地清单、规划许可齐备），自动推进').waitFor();
    expect((await api<{ project: { state: string } }>(`/api/projects/${projectId}`)).project.state).toBe(
      'LAND_SUPPLIED',
    );
  });
});
