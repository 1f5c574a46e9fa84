import { rssMbOf } from '../http';
import type { BenchCase, BenchResult } from '../types';
import { prepareRegistry } from './registry';

// excel.export: the whole registry of the bench user's scope as one .xlsx (the streamed export), timed
// end to end with the app's peak resident memory sampled while it runs.

export const excelCases: BenchCase[] = [
  {
    name: 'excel.export',
    run: async (env, options): Promise<BenchResult> => {
      const { data, cookie } = await prepareRegistry(env, options);
      let peak = rssMbOf(env.serverPid) ?? 0;
      const sampler = setInterval(() => {
        peak = Math.max(peak, rssMbOf(env.serverPid) ?? 0);
      }, 100);
      const started = performance.now();
      const res = await fetch(`${env.baseUrl}/api/projects/export`, { headers: { cookie } });
      const bytes = (await res.arrayBuffer()).byteLength;
      const ms = Math.round(performance.now() - started);
      clearInterval(sampler);
      return {
        case: 'excel.export',
        kind: 'import',
        db: env.db,
        ms,
        rows: Math.min(data.projects, 100_000),
        rssMb: peak,
        params: `${data.projects} projects in scope; ${Math.round(bytes / 1024)} KiB; HTTP ${res.status}`,
        errors: res.status === 200 ? 0 : 1,
      };
    },
  },
];
