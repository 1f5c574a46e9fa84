import fs from 'node:fs';
import autocannon from 'autocannon';
import type { BenchEnvironment, BenchOptions, BenchResult } from './types';

/** Resident memory of a process in MB (Linux /proc). */
export function rssMbOf(pid: number): number | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1];
    return kb ? Math.round(Number(kb) / 1024) : undefined;
  } catch {
    return undefined;
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Math.round((sorted[Math.max(0, index)] ?? 0) * 100) / 100;
}

/**
 * Loads one URL on 127.0.0.1 with autocannon for a bounded time (quick: 5 s, full: 20 s) and reports
 * throughput and latency percentiles measured per response.
 */
export async function measureHttp(
  name: string,
  env: BenchEnvironment,
  options: BenchOptions,
  request: { path: string; method?: 'GET' | 'POST'; body?: string; headers?: Record<string, string> },
  extra: Partial<BenchResult> = {},
  load: { connections?: number; durationSec?: number } = {},
): Promise<BenchResult> {
  const url = new URL(request.path, env.baseUrl);
  if (url.hostname !== '127.0.0.1') throw new Error('bench traffic goes to 127.0.0.1 only');
  const latencies: number[] = [];
  const duration = load.durationSec ?? (options.full ? 20 : 5);
  const connections = load.connections ?? 10;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: url.toString(),
        method: request.method ?? 'GET',
        ...(request.body ? { body: request.body } : {}),
        headers: request.headers ?? {},
        connections,
        pipelining: 1,
        duration,
        timeout: 10,
      },
      (error, finished) => (error ? reject(error) : resolve(finished)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      latencies.push(responseTime);
    });
  });
  latencies.sort((a, b) => a - b);
  const rss = rssMbOf(env.serverPid);
  return {
    case: name,
    kind: 'http',
    db: env.db,
    rps: Math.round(result.requests.average),
    p50Ms: percentile(latencies, 50),
    p95Ms: percentile(latencies, 95),
    p99Ms: percentile(latencies, 99),
    requests: result.requests.total,
    ...(rss === undefined ? {} : { rssMb: rss }),
    errors: result.errors + result.timeouts + result.non2xx,
    ...extra,
  };
}
