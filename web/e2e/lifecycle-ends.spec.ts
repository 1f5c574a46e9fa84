import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { addCalendarMonths } from '@groundbreak/domain';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { findChromium, launchBrowser } from './browser';
import {
  AGREEMENT_PDF,
  apiOf,
  choose,
  confirmIn,
  overrideTo,
  patchProject,
  pickToday,
  retype,
  typeDate,
} from './lifecycle-fixtures';
import { accountByLabel, logIn, newDesktopContext, shanghaiDay, takeScreenshot } from './session';

// Both ends of a project's life, as issue 12 asks: 湖塘镇 registers a lead; 高新区 registers the same company
// under another form of its name, is told live who registered it, and saves a suspected duplicate; 区发改
// merges the two, keeping 高新区's. 高新区 scores it (grade and every criterion's calculation), records the 准入
// review (通过) and signs with the commitments and the uploaded agreement → 已签约. Fixtures then carry the
// project through 立项 and 审批 to 已开工 (区发改's override, as the registry allows). 竣工即发证: the survey and
// the five conditions, 一并申请, the three outputs dated today → 同日发证 and 已竣工. Fixtures put 投产 more
// than 12 months back; 区发改 generates the 投产评价, the enterprise fills low figures, the 板块 verifies,
// 区发改 scores 不合格 with the breakdown, 反馈企业 and 下发整改通知 (deadline issue day + 6 months); 发起复核,
// the enterprise fills good figures, verified and scored 合格 or better → 复核通过. Last, an optimisation
// action raised from the evaluation is closed and counted as done.

const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '../../artifacts/screenshots');
const chromiumPath = findChromium();
const shouldSkip = !chromiumPath && process.env.REQUIRE_BROWSER !== '1';
if (shouldSkip)
  console.warn('\n⚠️  web/e2e/lifecycle-ends.spec.ts SKIPPED: no Chromium found (set CHROMIUM_PATH).\n');

const DRC = '区发改(统筹)';
const GXQ = '板块经办(武进国家高新区)';
const HUTANG = '板块经办(湖塘镇)';
const ENTERPRISE = '企业';
const ENTERPRISE_USCC = '91320412MAEUHUXQ7A';

const TODAY = shanghaiDay();
const SIGNED_ON = shanghaiDay(-1100);
const REVIEWED_ON = shanghaiDay(-1110);
const START_BY = shanghaiDay(-1000);
const COMPLETION_BY = shanghaiDay(-500);
const PRODUCTION_BY = shanghaiDay(-420);
const STARTED_ON = shanghaiDay(-990);
const COMPLETED_ON = shanghaiDay(-480);
const PRODUCED_ON = shanghaiDay(-400);
const TARGET_YEAR = TODAY.slice(0, 4);

/** The enterprise's figures as typed: 万元 for 固定资产投资, the per-mu figures, counts. */
type Figures = Record<string, string>;
const LOW: Figures = {
  实际固定资产投资: '3000',
  投资强度: '100',
  容积率: '0.6',
  亩均销售: '60',
  亩均税收: '8',
  '年产量（达产率）': '20',
  用工人数: '60',
  综合能耗: '10000',
  研发经费占销售比重: '1',
};
const GOOD: Figures = {
  实际固定资产投资: '16000',
  投资强度: '400',
  容积率: '1.2',
  亩均销售: '300',
  亩均税收: '40',
  '年产量（达产率）': '100',
  用工人数: '300',
  综合能耗: '5000',
  研发经费占销售比重: '3.5',
};

describe.skipIf(shouldSkip)('the lifecycle’s two ends: lead to contract, completion to evaluation', () => {
  const baseUrl = inject('baseUrl');
  const accounts = inject('demoAccounts') ?? [];
  const pageErrors: string[] = [];
  const suffix = String(Date.now()).slice(-6);
  const company = `常州澜舟${suffix}新能源科技有限公司`;
  const companyVariant = `澜舟${suffix}新能源科技（常州）股份有限公司`;
  const hutangLeadName = `澜舟${suffix}储能电池项目`;
  const leadName = `澜舟${suffix}储能电池模组项目`;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page;
  let hutangLeadId = '';
  let leadId = '';
  let evaluationId = '';
  let recheckId = '';

  async function signInAs(label: string): Promise<void> {
    if (!browser) throw new Error('no browser');
    await context?.close();
    context = await newDesktopContext(browser);
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await logIn(page, baseUrl, accountByLabel(accounts, label));
  }

  const idFromUrl = (pattern: RegExp) => {
    const match = new URL(page.url()).pathname.match(pattern);
    if (!match?.[1]) throw new Error(`no id in ${page.url()}`);
    return match[1];
  };

  /** 登记线索: the investor, the intended project, and saves. */
  async function registerLead(companyName: string, name: string): Promise<void> {
    await page.goto(`${baseUrl}/attraction/leads/new`);
    await page.getByLabel('投资方企业名称', { exact: true }).fill(companyName);
    await page.getByLabel('项目名称', { exact: true }).fill(name);
    await page.getByLabel('意向产品', { exact: true }).fill('储能电池模组');
    await page.getByLabel('预计总投资', { exact: true }).fill('20000');
    await page.getByLabel('用地需求', { exact: true }).fill('90');
    await choose(page, page.getByLabel('产业类别（产业链）', { exact: true }), '新能源');
    await choose(page, page.getByLabel('招商来源', { exact: true }), '产业链招商');
  }

  const tabPanel = () => page.locator('[role="tabpanel"][aria-hidden="false"]').last();
  const popover = (title: string) =>
    page.locator('.ant-popover').filter({ visible: true }).filter({ hasText: title }).last();
  const modal = (title: string | RegExp) =>
    page.locator('.ant-modal').filter({ visible: true }).filter({ hasText: title }).last();

  /** The enterprise's 提交数据 with these figures. */
  async function fillFigures(figures: Figures): Promise<void> {
    const form = page.getByTestId('evaluation-fill');
    await form.waitFor();
    for (const [label, value] of Object.entries(figures)) {
      const name = label === '实际固定资产投资' ? '实际固定资产投资（万元）' : label;
      await retype(form.getByLabel(name, { exact: true }), value);
    }
    await form.getByRole('button', { name: '提交数据' }).click();
    await expect.poll(() => page.getByTestId('evaluation-status').textContent()).toBe('已填报');
  }

  async function verifyAsSubarea(id: string): Promise<void> {
    await signInAs(GXQ);
    await page.goto(`${baseUrl}/evaluations/${id}`);
    await page.getByRole('button', { name: '核查通过' }).click();
    await expect.poll(() => page.getByTestId('evaluation-status').textContent()).toBe('已核查');
  }

  async function scoreAsDrc(id: string): Promise<void> {
    await signInAs(DRC);
    await page.goto(`${baseUrl}/evaluations/${id}`);
    await page.getByRole('button', { name: '评分', exact: true }).click();
    await confirmIn(popover('按当前指标'), '评分');
    await expect.poll(() => page.getByTestId('evaluation-status').textContent()).toBe('已评分');
    await page.getByTestId('evaluation-breakdown').waitFor();
  }

  beforeAll(async () => {
    if (!chromiumPath) throw new Error('REQUIRE_BROWSER=1 but no Chromium was found');
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  // Each step stands on the one before: after a failure the rest fail at once, naming the cause, rather than
  // timing out one by one on a page they cannot reach (a picture of the page is taken at the first failure).
  let hasFailed = false;
  beforeEach(() => {
    if (hasFailed) throw new Error('前一步已失败（见 lifecycle-failure.png），本步无法进行');
  });
  afterEach(async (test) => {
    if (test.task.result?.state !== 'fail' || hasFailed) return;
    hasFailed = true;
    await page?.screenshot({ path: path.join(SCREENSHOT_DIR, 'lifecycle-failure.png'), fullPage: true });
  });

  it('flags the second 板块’s lead of the same company as a duplicate, live and after saving', async () => {
    await signInAs(HUTANG);
    await registerLead(company, hutangLeadName);
    await page.getByText('登记到本板块：').waitFor();
    await page.getByRole('button', { name: '保存线索' }).click();
    await page.waitForURL(/\/attraction\/leads\/[0-9a-f-]{36}$/);
    hutangLeadId = idFromUrl(/\/attraction\/leads\/([0-9a-f-]{36})$/);
    await expect.poll(() => page.getByTestId('lead-name').textContent()).toBe(hutangLeadName);
    expect(await page.getByTestId('lead-region').textContent()).toBe('湖塘镇');

    // 高新区 types the company's name in another form: told at once who registered it and when.
    await signInAs(GXQ);
    await registerLead(companyVariant, leadName);
    const hint = page.getByTestId('duplicate-hint');
    await hint.waitFor();
    expect(await hint.textContent()).toContain(`该企业已由 湖塘镇 于 ${TODAY} 登记`);
    await page.getByRole('button', { name: '保存线索' }).click();
    await page.waitForURL(/\/attraction\/leads\/[0-9a-f-]{36}$/);
    leadId = idFromUrl(/\/attraction\/leads\/([0-9a-f-]{36})$/);
    const alert = page.getByTestId('duplicate-alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain(`该企业已由 湖塘镇 于 ${TODAY} 登记`);
    expect(await page.getByTestId('lead-region').textContent()).toBe('武进国家高新区');
  });

  it('lets 区发改 merge the duplicate, keeping 高新区’s lead', async () => {
    await signInAs(DRC);
    await page.goto(`${baseUrl}/attraction/leads/${leadId}`);
    await page.getByTestId('duplicate-alert').getByRole('button', { name: '合并' }).click();
    const merge = modal('合并重复线索');
    await merge.getByTestId('keep-self').click();
    await merge.getByRole('button', { name: '合并', exact: true }).click();
    await confirmIn(modal('确认合并'), '确认合并');
    await page.getByText(`已合并：保留「${leadName}」`).waitFor();
    await page.getByTestId('duplicate-alert').waitFor({ state: 'detached' });

    // The other lead is terminated and points to the kept one.
    await page.goto(`${baseUrl}/attraction/leads/${hutangLeadId}`);
    const merged = page.getByTestId('merged-alert');
    await merged.waitFor();
    expect(await merged.textContent()).toContain(`本线索已作为重复线索合并到 ${leadName}`);
    expect(await page.getByTestId('lead-state').textContent()).toBe('终止');
  });

  it('scores the lead with every criterion’s calculation and records the 准入 review', async () => {
    await signInAs(GXQ);
    await page.goto(`${baseUrl}/attraction/leads/${leadId}?tab=score`);
    const panel = tabPanel();
    // 投资规模 starts from the lead's estimated investment (2 亿元).
    expect(await panel.getByLabel(/^投资规模/).inputValue()).toBe('20000');
    await choose(page, panel.getByLabel(/^产业链契合度/), '属于区重点产业链');
    await panel.getByLabel(/^预计亩均税收/).fill('40');
    await panel.getByLabel(/^投资强度/).fill('400');
    await choose(page, panel.getByLabel(/^能耗与环保/), '低能耗、无重污染');
    await panel.getByRole('button', { name: '评分', exact: true }).click();
    const result = page.getByTestId('score-result');
    await result.waitFor();
    // 30 × 50% + 20 × 100% + 20 × 60% + 15 × 60% + 15 × 100% = 71 → B 类 (B ≥ 60, A ≥ 80).
    await expect.poll(() => result.locator('.ant-statistic-content').textContent()).toBe('71.0');
    expect(await result.textContent()).toContain('B');
    const rows = result.locator('tbody tr.ant-table-row');
    expect(await rows.count()).toBe(5);
    for (const text of await rows.allTextContents()) expect(text).toMatch(/\d/);
    expect(await rows.filter({ hasText: '投资规模' }).textContent()).toContain(
      '2.00亿元，属「1亿—5亿元」得 50 分 × 权重 30% = 15',
    );
    expect(await result.textContent()).toContain(
      '总分 71，低于 A 类分数线 80、不低于 B 类分数线 60，评为 B 类',
    );
    expect(await result.locator('.ant-table-summary').textContent()).toBe('合计71');
    await takeScreenshot(page, path.join(SCREENSHOT_DIR, 'lifecycle-lead-score.png'));

    // 推进到在谈 through the registry's gate (投资方、产业类别、预计总投资、责任单位 are there).
    await page.getByRole('button', { name: '推进到在谈' }).click();
    await confirmIn(modal('推进到「在谈」'), '确认推进');
    await expect.poll(() => page.getByTestId('lead-state').textContent()).toBe('在谈');

    await page.getByRole('tab', { name: '项目评审' }).click();
    await tabPanel().getByRole('button', { name: '记录评审' }).click();
    const review = modal('记录评审');
    await review.getByLabel('评审会议', { exact: true }).fill('高新区项目准入联审会');
    await typeDate(review.getByLabel('会议日期', { exact: true }), REVIEWED_ON);
    await review
      .locator('.ant-form-item')
      .filter({ hasText: '评审结论' })
      .getByText('通过', { exact: true })
      .click();
    await review.getByRole('button', { name: '保存评审' }).click();
    await review.waitFor({ state: 'hidden' });
    const card = page.getByTestId('lead-review');
    await card.waitFor();
    expect(await card.textContent()).toContain('高新区项目准入联审会');
    expect(await card.getByTestId('review-result').textContent()).toBe('通过');
  });

  it('signs with the commitments and the uploaded agreement: the lead becomes a 已签约 project', async () => {
    await signInAs(GXQ);
    // The registry's fields from 已签约 on (the project company, which is the enterprise that will fill its
    // evaluation, its people, where and on what land) — the project page's own form, not this issue's.
    const api = apiOf(page, baseUrl);
    const { items: leaders } = await api.get<{ items: { id: string }[] }>('/api/projects/people?role=leader');
    await patchProject(api, leadId, {
      builderName: '常州燕龙汽车零部件有限公司',
      uscc: ENTERPRISE_USCC,
      legalRepresentative: '王建国',
      contactName: '李晓明',
      contactPhone: '13912345678',
      location: '武进国家高新区长汀路',
      constructionNature: 'new',
      landUse: 'leased_plant',
      projectType: 'industrial',
      registeredCapital: 50_000_000,
      equipmentInvestment: 60_000_000,
      landAreaM2: 60_000,
      scaleContent: '租赁厂房建设储能电池模组生产线 4 条',
      leaderUserId: leaders[0]?.id,
    });

    await page.goto(`${baseUrl}/attraction/leads/${leadId}?tab=sign`);
    const panel = tabPanel();
    await panel.locator('.ant-upload input[type=file]').setInputFiles({
      name: '投资协议.pdf',
      mimeType: 'application/pdf',
      buffer: AGREEMENT_PDF,
    });
    await panel.getByTestId('agreement-uploaded').waitFor();
    await typeDate(panel.getByLabel('签约日期', { exact: true }), SIGNED_ON);
    await panel.getByLabel('协议编号', { exact: true }).fill(`WJGX-${suffix}`);
    await panel.getByLabel('协议总投资', { exact: true }).fill('20000');
    await panel.getByLabel('固定资产投资', { exact: true }).fill('16000');
    await panel.getByLabel('投资强度', { exact: true }).fill('400');
    await panel.getByLabel('达产年销售', { exact: true }).fill('27000');
    await panel.getByLabel('亩均税收', { exact: true }).fill('40');
    await panel.getByLabel('达产年税收', { exact: true }).fill('3600');
    await panel.getByLabel('新增就业', { exact: true }).fill('300');
    await panel.getByPlaceholder('数量').fill('100');
    await panel.getByPlaceholder('单位，如 万套/年').fill('万套/年');
    await panel.getByLabel('综合能耗', { exact: true }).fill('5000');
    await panel.getByLabel('研发投入占比', { exact: true }).fill('3');
    await panel.getByLabel('容积率', { exact: true }).fill('1.2');
    await typeDate(panel.getByLabel('开工期限', { exact: true }), START_BY);
    await typeDate(panel.getByLabel('竣工期限', { exact: true }), COMPLETION_BY);
    await typeDate(panel.getByLabel('投产期限', { exact: true }), PRODUCTION_BY);
    await typeDate(panel.getByLabel('达产年份', { exact: true }), TARGET_YEAR);
    await panel.getByRole('button', { name: '签约', exact: true }).click();
    await confirmIn(modal('确认签约'), '确认签约');
    const done = modal('签约完成');
    await done.waitFor();
    expect(await done.textContent()).toContain('项目进入「已签约」');
    await done.getByRole('button', { name: '打开项目页面' }).click();
    await page.waitForURL(new RegExp(`/projects/${leadId}`));

    // The project's 招商 tab carries the commitments as signed.
    await page.goto(`${baseUrl}/projects/${leadId}?tab=lead`);
    const commitments = page.getByTestId('commitments');
    await commitments.waitFor();
    const text = (await commitments.textContent()) ?? '';
    for (const expected of [SIGNED_ON, `WJGX-${suffix}`, '20,000', '400', START_BY, `${TARGET_YEAR} 年`])
      expect(text).toContain(expected);
    const { project } = await api.get<{ project: { state: string; signedOn: string } }>(
      `/api/projects/${leadId}`,
    );
    expect(project).toMatchObject({ state: 'SIGNED', signedOn: SIGNED_ON });
  });

  it('issues the acceptance, the filing and the title the same day: the project is 已竣工', async () => {
    // Fixtures: 立项, 审批 and 开工 as the registry records them, moved on by 区发改 past the gates.
    await signInAs(DRC);
    const api = apiOf(page, baseUrl);
    await patchProject(api, leadId, {
      projectCode: `2023-320412-38-03-${suffix}`,
      industryCode: 'C38',
      floorAreaM2: 42_000,
      actualStartOn: STARTED_ON,
      progressText: '厂房改造完成，4 条模组生产线安装调试',
    });
    for (const to of ['FILED', 'APPROVING', 'STARTED']) await overrideTo(api, leadId, to);
    await patchProject(api, leadId, { actualCompletionOn: COMPLETED_ON });

    await signInAs(GXQ);
    await page.goto(`${baseUrl}/projects/${leadId}?tab=completion`);
    const panel = tabPanel();
    await panel.getByLabel('多测合一测绘成果报告编号', { exact: true }).fill(`WJCH-${suffix}`);
    await pickToday(page, panel.getByLabel('测绘成果审定日期', { exact: true }), TODAY);
    for (const flag of await panel.locator('[data-testid^="flag-"]').all()) await flag.click();
    await expect.poll(() => panel.getByTestId('completion-missing').count()).toBe(0);
    await panel.getByRole('button', { name: '一并申请' }).click();
    await expect.poll(() => panel.getByTestId('completion-status').textContent()).toBe('已申请');

    await panel.getByLabel('联合验收意见书编号', { exact: true }).fill(`联验-${suffix}`);
    await panel.getByLabel('竣工验收备案表编号', { exact: true }).fill(`备案-${suffix}`);
    await panel.getByLabel('不动产权证书编号', { exact: true }).fill(`苏(2026)常州市不动产权第${suffix}号`);
    for (const label of ['联合验收日期', '备案日期', '发证日期'])
      expect(await panel.getByLabel(label, { exact: true }).inputValue()).toBe(TODAY);
    await panel.getByRole('button', { name: '发证', exact: true }).click();
    await page.getByTestId('title-days').waitFor();
    expect(await page.getByTestId('title-days').textContent()).toBe('同日发证');
    expect(await page.getByTestId('completion-project-state').textContent()).toBe('项目已竣工');
    const outputs = (await page.getByTestId('completion-outputs').textContent()) ?? '';
    expect(outputs).toContain(`联验-${suffix}（${TODAY}）`);
    expect(outputs).toContain(`备案-${suffix}（${TODAY}）`);
    expect(outputs).toContain(`第${suffix}号（${TODAY}）`);
    await takeScreenshot(page, path.join(SCREENSHOT_DIR, 'lifecycle-completion.png'));
  });

  it('generates the 投产评价 a year after production; the enterprise’s low figures score 不合格 and 整改 is ordered', async () => {
    // Fixture: 投产 13 months ago, recorded and moved on by 区发改.
    await signInAs(DRC);
    const api = apiOf(page, baseUrl);
    await patchProject(api, leadId, { actualProductionOn: PRODUCED_ON });
    await overrideTo(api, leadId, 'IN_PRODUCTION');

    await page.goto(`${baseUrl}/evaluations`);
    await page.getByRole('button', { name: '生成评价任务' }).click();
    await confirmIn(popover('生成评价任务'), '生成');
    const generated = modal(/已生成 \d+ 项评价任务/);
    await generated.waitFor();
    expect(await generated.textContent()).toContain(
      `${leadName} · 投产评价（${addCalendarMonths(PRODUCED_ON, 12)} 到期）`,
    );
    await generated.locator('.ant-modal-confirm-btns button').click();

    await page.goto(`${baseUrl}/projects/${leadId}?tab=evaluation`);
    await tabPanel()
      .getByRole('link', { name: /投产评价/ })
      .first()
      .click();
    await page.waitForURL(/\/evaluations\/[0-9a-f-]{36}$/);
    evaluationId = idFromUrl(/\/evaluations\/([0-9a-f-]{36})$/);
    expect(await page.getByTestId('evaluation-status').textContent()).toBe('待填报');

    // The enterprise fills its figures: far below what it committed.
    await signInAs(ENTERPRISE);
    await page.goto(`${baseUrl}/evaluations/${evaluationId}`);
    await fillFigures(LOW);

    await verifyAsSubarea(evaluationId);
    await scoreAsDrc(evaluationId);
    expect(await page.getByTestId('evaluation-grade').textContent()).toBe('不合格');
    const score = Number((await page.getByTestId('evaluation-score').textContent())?.replace(/[^\d.]/g, ''));
    expect(score).toBeLessThan(60);
    // Each indicator explained: committed, actual, ratio, weight, points.
    const tax = page.getByTestId('evaluation-breakdown').locator('tr').filter({ hasText: '亩均税收' });
    const taxText = (await tax.textContent()) ?? '';
    expect(taxText).toContain('20.0%');
    expect(taxText).toContain('实际 8 ÷ 承诺 40');
    const sales = page.getByTestId('evaluation-breakdown').locator('tr').filter({ hasText: '亩均销售' });
    expect(await sales.textContent()).toContain('实际 60 ÷ 承诺 300');
    // The agreement's 研发投入占比 of 3% is compared in % with the enterprise's 1%.
    const rd = page
      .getByTestId('evaluation-breakdown')
      .locator('tr')
      .filter({ hasText: '研发经费占销售比重' });
    expect(await rd.textContent()).toContain('实际 1 ÷ 承诺 3,');
    await takeScreenshot(page, path.join(SCREENSHOT_DIR, 'lifecycle-evaluation-fail.png'));

    await page.getByRole('button', { name: '反馈企业' }).click();
    const notify = modal('反馈企业');
    await confirmIn(notify, '反馈企业');
    await expect.poll(() => page.getByTestId('evaluation-status').textContent()).toBe('已反馈');

    await page.getByRole('button', { name: '下发整改通知' }).click();
    const rectify = modal('下发整改通知');
    await rectify
      .getByLabel('整改要求', { exact: true })
      .fill('亩均税收未达承诺的 60%，请于整改期内扩大产能');
    const deadline = addCalendarMonths(TODAY, 6);
    expect(await rectify.getByTestId('rectification-deadline').textContent()).toBe(
      `整改期 6 个月，整改期限至 ${deadline}`,
    );
    await rectify.getByRole('button', { name: '下发整改通知' }).click();
    const rectifications = page.getByTestId('rectifications');
    await rectifications.waitFor();
    const row = (await rectifications.locator('.ant-table-row').first().textContent()) ?? '';
    expect(row).toContain(deadline);
    expect(row).toContain('整改中');
  });

  it('re-checks after 整改: good figures pass and the 整改 is 复核通过', async () => {
    await signInAs(DRC);
    await page.goto(`${baseUrl}/evaluations/${evaluationId}`);
    await page.getByRole('button', { name: '发起复核' }).click();
    await confirmIn(popover('发起复核？'), '发起复核');
    await page.waitForURL(
      (url) => /\/evaluations\/[0-9a-f-]{36}$/.test(url.pathname) && !url.pathname.endsWith(evaluationId),
    );
    recheckId = idFromUrl(/\/evaluations\/([0-9a-f-]{36})$/);
    await expect.poll(() => page.getByTestId('evaluation-status').textContent()).toBe('待填报');
    await page
      .locator('.ant-tag')
      .filter({ hasText: /^整改复核$/ })
      .first()
      .waitFor();

    await signInAs(ENTERPRISE);
    await page.goto(`${baseUrl}/evaluations/${recheckId}`);
    await fillFigures(GOOD);
    await verifyAsSubarea(recheckId);
    await scoreAsDrc(recheckId);
    const grade = (await page.getByTestId('evaluation-grade').textContent()) ?? '';
    expect(['合格', '良好', '优秀']).toContain(grade);
    const rectified = page.getByTestId('rectifications');
    expect(await rectified.textContent()).toContain('复核通过');

    await page.goto(`${baseUrl}/evaluations/${evaluationId}`);
    const original = page.getByTestId('rectifications');
    await original.waitFor();
    expect(await original.textContent()).toContain('复核通过');
    await original.getByTestId('recheck-link').waitFor();
  });

  it('closes an optimisation action raised from the evaluation and counts it as done', async () => {
    await signInAs(DRC);
    await page.goto(`${baseUrl}/evaluations/${evaluationId}`);
    await page.getByRole('button', { name: '提出优化措施' }).click();
    const raise = modal('提出优化措施');
    const title = `储能类项目准入增加亩均税收承诺核验${suffix}`;
    await raise.getByLabel('措施名称', { exact: true }).fill(title);
    await choose(page, raise.getByLabel('措施类别', { exact: true }), '准入标准');
    await raise.getByRole('button', { name: '提出优化措施' }).click();
    await raise.waitFor({ state: 'hidden' });
    await page.getByTestId('evaluation-actions').getByText(title).waitFor();

    await page.goto(`${baseUrl}/evaluations/actions`);
    const stats = page.getByText(/^优化措施统计：共 \d+ 项，已完成 \d+ 项$/);
    await stats.waitFor();
    const countsOf = async () => {
      const m = ((await stats.textContent()) ?? '').match(/共 (\d+) 项，已完成 (\d+) 项/);
      return { all: Number(m?.[1]), done: Number(m?.[2]) };
    };
    const before = await countsOf();
    const row = page.locator('.ant-table-row').filter({ hasText: title });
    await row.getByRole('button', { name: '完成' }).click();
    const close = modal(`完成：${title}`);
    await close
      .getByLabel('完成情况', { exact: true })
      .fill('已修订储能类项目准入标准，签约前核验亩均税收测算');
    await close.getByRole('button', { name: '完成', exact: true }).click();
    await close.waitFor({ state: 'hidden' });
    await expect.poll(async () => (await countsOf()).done).toBe(before.done + 1);
    expect((await countsOf()).all).toBe(before.all);
    await expect.poll(() => row.textContent()).toContain('已完成');
    await takeScreenshot(page, path.join(SCREENSHOT_DIR, 'lifecycle-actions.png'));
    expect(pageErrors).toEqual([]);
  });
});
