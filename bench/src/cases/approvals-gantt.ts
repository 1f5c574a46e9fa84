import { sql } from 'drizzle-orm';
import { launchBrowser } from '../../../web/e2e/browser';
import type { BenchData } from '../registry-data';
import type { BenchCase } from '../types';
import { prepareRegistry } from './registry';

// approvals.gantt.browser: a project's 倒排 plan of 100 nodes (a layered network, a third in working days)
// drawn as the Gantt chart in Chromium: from the chart's render to the first frame after it is painted (the
// page leaves that on the chart element), and the whole page, median of five loads.

const NODES = 100;
const RUNS = 5;

async function prepareProject(data: BenchData): Promise<string> {
  const db = data.database.db;
  const [have] = (
    await db.execute<{ id: string }>(sql`SELECT id::text FROM projects WHERE internal_no = 'BN-GANTT-0001'`)
  ).rows;
  if (have) return have.id;
  const [subarea] = (
    await db.execute<{ id: string }>(sql`
      SELECT id::text FROM regions WHERE level = 'subarea' AND path LIKE ${`${data.provincePath}%`} ORDER BY code LIMIT 1`)
  ).rows;
  const [project] = (
    await db.execute<{ id: string }>(sql`
      INSERT INTO projects (id, internal_no, name, state, region_id, land_use, created_at, updated_at)
      VALUES (gen_random_uuid(), 'BN-GANTT-0001', '基准甘特图项目', 'FILED', ${subarea?.id}::uuid, 'new_land', now(), now())
      RETURNING id::text`)
  ).rows;
  // Ten layers of ten nodes; each waits for two nodes of the layer before; the anchor for the last layer.
  const nodes = Array.from({ length: NODES }, (_, i) => ({
    key: `n${i}`,
    name: `节点${i + 1}`,
    duration: i === NODES - 1 ? 0 : 3 + ((i * 7) % 20),
    unit: i % 3 === 0 ? 'working' : 'calendar',
    responsible: '企业',
    actualStart: null,
    actualFinish: null,
  }));
  const links: Array<{ from: string; to: string; lag: number }> = [];
  for (let i = 10; i < NODES - 1; i++) {
    const layer = Math.floor(i / 10);
    links.push({ from: `n${(layer - 1) * 10 + (i % 10)}`, to: `n${i}`, lag: 0 });
    links.push({ from: `n${(layer - 1) * 10 + ((i * 3 + 1) % 10)}`, to: `n${i}`, lag: i % 2 });
  }
  for (let i = 89; i < NODES - 1; i++) links.push({ from: `n${i}`, to: `n${NODES - 1}`, lag: 0 });
  await db.execute(sql`
    INSERT INTO project_plans (id, project_id, template_code, anchor, target_on, nodes, links, created_at, updated_at)
    VALUES (gen_random_uuid(), ${project?.id}::uuid, 'A', ${`n${NODES - 1}`}, current_date + 400,
            ${JSON.stringify(nodes)}::jsonb, ${JSON.stringify(links)}::jsonb, now(), now())`);
  return project?.id as string;
}

export const approvalsGanttCases: BenchCase[] = [
  {
    name: 'approvals.gantt.browser',
    run: async (env, options) => {
      const { data } = await prepareRegistry(env, options);
      const projectId = await prepareProject(data);
      const browser = await launchBrowser();
      const draws: number[] = [];
      const pages: number[] = [];
      let errors = 0;
      try {
        const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
        const page = await context.newPage();
        page.on('pageerror', () => {
          errors++;
        });
        await page.goto(`${env.baseUrl}/login`);
        await page.getByLabel('用户名', { exact: true }).fill(data.user.username);
        await page.getByLabel('密码', { exact: true }).fill(data.user.password);
        await page.getByRole('button', { name: '登录', exact: true }).click();
        await page.locator('[data-testid="user-menu"]').waitFor();
        for (let run = 0; run < RUNS; run++) {
          const started = performance.now();
          await page.goto(`${env.baseUrl}/projects/${projectId}?tab=plan`);
          const gantt = page.locator('[data-testid="gantt"][data-render-ms]');
          await gantt.waitFor({ timeout: 30_000 });
          pages.push(performance.now() - started);
          draws.push(Number(await gantt.getAttribute('data-render-ms')));
        }
        if ((await page.locator('[data-testid^="gantt-row-"]').count()) !== NODES) errors++;
      } finally {
        await browser.close();
      }
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
      return {
        case: 'approvals.gantt.browser',
        kind: 'browser',
        db: env.db,
        ms: median(draws),
        p99Ms: Math.max(...draws),
        rows: NODES,
        params: `${NODES}-node plan as the Gantt chart in Chromium (headless): render → first frame after paint, median of ${RUNS} (max in p99Ms); whole page load median ${Math.round(median(pages))} ms`,
        errors,
      };
    },
  },
];
