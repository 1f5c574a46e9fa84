import { measureHttp } from '../http';
import type { BenchCase } from '../types';

export const shellCases: BenchCase[] = [
  {
    name: 'shell.healthz',
    run: (env, options) => measureHttp('shell.healthz', env, options, { path: '/healthz' }),
  },
  {
    name: 'shell.openapi',
    run: (env, options) => measureHttp('shell.openapi', env, options, { path: '/api/openapi.json' }),
  },
];
