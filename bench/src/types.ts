// One line of `npm run bench -- --json`.
export type BenchResult = {
  case: string;
  kind: 'http' | 'compute' | 'import' | 'browser';
  db: 'embedded' | 'external' | 'none';
  rps?: number;
  p50Ms?: number;
  p95Ms?: number;
  p99Ms?: number;
  ms?: number;
  opsPerSec?: number;
  rssMb?: number;
  rows?: number;
  requests?: number;
  /** Parameters that explain the figure (e.g. the password-hash settings of auth.login). */
  params?: string;
  errors: number;
};

export type BenchOptions = { full: boolean; databaseUrl: string | undefined };

export type BenchEnvironment = {
  baseUrl: string;
  /** DATA_DIR of the app under test (its demo-accounts.txt). */
  dataDir: string;
  db: 'embedded' | 'external';
  serverPid: number;
};

export type BenchCase = {
  name: string;
  run(env: BenchEnvironment, options: BenchOptions): Promise<BenchResult>;
};
