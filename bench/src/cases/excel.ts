import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { rssMbOf } from '../http';
import type { BenchCase, BenchEnvironment, BenchResult } from '../types';
import { prepareRegistry } from './registry';

// excel.export: the whole registry of the bench user's scope as one .xlsx (the streamed export), timed
// end to end with the app's peak resident memory sampled while it runs.
// excel.import: a 10,000-row office sheet (title row, 亿元 in the header, amounts as text with
// separators, dates as 2025.3 / 2025年3月1日) uploaded, previewed (dry run) and committed, timed end to end
// with the peak resident memory of the app; the projects it created are removed afterwards.

const IMPORT_ROWS = 10_000;
const IMPORT_PREFIX = '基准导入';

/** Peak RSS of the app while `work` runs, sampled every 100 ms. */
async function withPeakRss<T>(
  env: BenchEnvironment,
  work: () => Promise<T>,
): Promise<{ value: T; peak: number; before: number }> {
  const before = rssMbOf(env.serverPid) ?? 0;
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssMbOf(env.serverPid) ?? 0);
  }, 100);
  try {
    const value = await work();
    return { value, peak: Math.max(peak, rssMbOf(env.serverPid) ?? 0), before };
  } finally {
    clearInterval(sampler);
  }
}

async function writeOfficeSheet(file: string, runId: string): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file });
  const ws = wb.addWorksheet('重大项目');
  ws.addRow(['基准市重大项目计划表（单位：亿元）']).commit();
  ws.addRow([
    '序号',
    '项目名称',
    '所属板块',
    '投资方',
    '投资来源地',
    '产业类别',
    '责任单位',
    '招商来源',
    '计划总投资（亿元）',
    '2026年计划投资（亿元）',
    '计划开工时间',
    '一季度完成投资',
  ]).commit();
  for (let i = 1; i <= IMPORT_ROWS; i++) {
    const board = `基准市${(i % 13) + 1}第${(i % 8) + 1}区${(i % 8) + 1}号板块`;
    ws.addRow([
      i,
      `${IMPORT_PREFIX}-${runId}-${i}`,
      board,
      `基准投资集团${i % 97}有限公司`,
      '内资',
      '新能源',
      '区发改局',
      '产业链招商',
      `${(1 + (i % 50) / 10).toFixed(1)}`,
      0.5,
      i % 2 ? '2026.3' : '2026年5月1日',
      '0.1',
    ]).commit();
  }
  ws.commit();
  await wb.commit();
}

type Job = {
  id: string;
  status: string;
  progress: { done: number; total: number };
  summary: { counts: Record<string, number> } | null;
  message: string | null;
};

async function untilSettled(env: BenchEnvironment, headers: Record<string, string>, job: Job): Promise<Job> {
  let current = job;
  while (current.status === 'reading' || current.status === 'committing') {
    await new Promise((r) => setTimeout(r, 200));
    const res = await fetch(`${env.baseUrl}/api/projects/imports/${job.id}`, { headers });
    current = ((await res.json()) as { job: Job }).job;
  }
  return current;
}

export const excelCases: BenchCase[] = [
  {
    name: 'excel.import',
    run: async (env, options): Promise<BenchResult> => {
      const { data, cookie, csrfToken } = await prepareRegistry(env, options);
      const headers = { cookie, 'x-csrf-token': csrfToken };
      const runId = Date.now().toString(36);
      const file = path.join(env.dataDir, `bench-import-${runId}.xlsx`);
      await writeOfficeSheet(file, runId);
      const bytes = fs.statSync(file).size;
      // Another user's list, every 100 ms while the import runs: the import must not hold it up.
      const others: number[] = [];
      let importing = true;
      const watcher = (async () => {
        while (importing) {
          const at = performance.now();
          await (await fetch(`${env.baseUrl}/api/projects?pageSize=20`, { headers })).arrayBuffer();
          others.push(performance.now() - at);
          await new Promise((r) => setTimeout(r, 100));
        }
      })();
      const started = performance.now();
      const dryRun = await withPeakRss(env, async () => {
        const form = new FormData();
        form.append('file', new Blob([fs.readFileSync(file)]), '基准导入.xlsx');
        const uploaded = await fetch(`${env.baseUrl}/api/projects/imports`, {
          method: 'POST',
          headers,
          body: form,
        });
        if (uploaded.status !== 200) throw new Error(`upload: ${uploaded.status} ${await uploaded.text()}`);
        return untilSettled(env, headers, ((await uploaded.json()) as { job: Job }).job);
      });
      const previewMs = Math.round(performance.now() - started);
      const write = await withPeakRss(env, async () => {
        const committing = await fetch(`${env.baseUrl}/api/projects/imports/${dryRun.value.id}/commit`, {
          method: 'POST',
          headers,
        });
        if (committing.status !== 200)
          throw new Error(`commit: ${committing.status} ${await committing.text()}`);
        return untilSettled(env, headers, ((await committing.json()) as { job: Job }).job);
      });
      importing = false;
      await watcher;
      others.sort((x, y) => x - y);
      const p95 = Math.round(others[Math.floor(others.length * 0.95)] ?? 0);
      const worst = Math.round(others.at(-1) ?? 0);
      const value = { preview: dryRun.value, done: write.value, previewMs };
      const before = dryRun.before;
      const peak = Math.max(dryRun.peak, write.peak);
      const ms = Math.round(performance.now() - started);
      // The bench database keeps its size from run to run: the imported projects go again.
      const pool = new pg.Pool({ connectionString: data.url, max: 1 });
      try {
        const like = `${IMPORT_PREFIX}-${runId}-%`;
        await pool.query(
          'DELETE FROM project_year_plans WHERE project_id IN (SELECT id FROM projects WHERE name LIKE $1)',
          [like],
        );
        await pool.query(
          'DELETE FROM project_state_changes WHERE project_id IN (SELECT id FROM projects WHERE name LIKE $1)',
          [like],
        );
        await pool.query('DELETE FROM projects WHERE name LIKE $1', [like]);
      } finally {
        await pool.end();
      }
      fs.rmSync(file, { force: true });
      const counts = value.preview.summary?.counts ?? {};
      const ok = value.done.status === 'committed' && counts.create === IMPORT_ROWS && counts.error === 0;
      return {
        case: 'excel.import',
        kind: 'import',
        db: env.db,
        ms,
        rows: IMPORT_ROWS,
        rssMb: peak,
        params: `${IMPORT_ROWS} rows, ${Math.round(bytes / 1024)} KiB; RSS before ${before} MB, peak dry run ${dryRun.peak} MB, commit ${write.peak} MB; dry run ${value.previewMs} ms, commit ${ms - value.previewMs} ms; another user's list meanwhile p95 ${p95} ms, max ${worst} ms (${others.length} requests); ${value.done.status}${value.done.message ? ` (${value.done.message})` : ''}; ${data.projects} projects in the database`,
        errors: ok ? 0 : 1,
      };
    },
  },
  {
    name: 'excel.export',
    run: async (env, options): Promise<BenchResult> => {
      const { data, cookie } = await prepareRegistry(env, options);
      const started = performance.now();
      const { value, peak, before } = await withPeakRss(env, async () => {
        const res = await fetch(`${env.baseUrl}/api/projects/export`, { headers: { cookie } });
        return { status: res.status, bytes: (await res.arrayBuffer()).byteLength };
      });
      const ms = Math.round(performance.now() - started);
      const { status: httpStatus, bytes } = value;
      return {
        case: 'excel.export',
        kind: 'import',
        db: env.db,
        ms,
        rows: Math.min(data.projects, 100_000),
        rssMb: peak,
        params: `${data.projects} projects in scope; ${Math.round(bytes / 1024)} KiB; RSS before ${before} MB; HTTP ${httpStatus}`,
        errors: httpStatus === 200 ? 0 : 1,
      };
    },
  },
];
