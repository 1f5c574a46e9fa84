import { PASSWORD_HASH_PARAMS } from '../../../server/src/lib/password';
import { readDemoAccountsFile } from '../../../server/src/seed/accounts';
import { measureHttp } from '../http';
import type { BenchCase, BenchEnvironment } from '../types';

const HASH = `argon2id m=${PASSWORD_HASH_PARAMS.memoryCost}KiB t=${PASSWORD_HASH_PARAMS.timeCost} p=${PASSWORD_HASH_PARAMS.parallelism}`;

function drcAccount(env: BenchEnvironment) {
  const account = readDemoAccountsFile(env.dataDir).find((a) => a.username === 'drc');
  if (!account) throw new Error('no drc demo account in the bench data directory');
  return account;
}

async function sessionCookie(env: BenchEnvironment): Promise<string> {
  const { username, password } = drcAccount(env);
  const res = await fetch(`${env.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`bench login failed: ${res.status}`);
  return res.headers.get('set-cookie')?.split(';')[0] ?? '';
}

export const authCases: BenchCase[] = [
  {
    name: 'auth.login',
    run: (env, options) => {
      const { username, password } = drcAccount(env);
      return measureHttp(
        'auth.login',
        env,
        options,
        {
          path: '/api/auth/login',
          method: 'POST',
          body: JSON.stringify({ username, password }),
          headers: { 'content-type': 'application/json' },
        },
        { params: HASH },
      );
    },
  },
  {
    name: 'auth.me',
    run: async (env, options) =>
      measureHttp('auth.me', env, options, {
        path: '/api/me',
        headers: { cookie: await sessionCookie(env) },
      }),
  },
];
