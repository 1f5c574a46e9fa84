#!/usr/bin/env node
// `npm run dev`: the API (groundbreak serve on :3000) and Vite's dev server with hot reload (:5173),
// which proxies /api to the API. Ctrl-C stops both.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
// Run vite's own script with node (not through npx and a shell) so that Ctrl-C reaches it.
const viteBin = ['web/node_modules/vite/bin/vite.js', 'node_modules/vite/bin/vite.js']
  .map((p) => path.join(root, p))
  .find((p) => fs.existsSync(p));
if (!viteBin) throw new Error('vite is not installed: run npm ci');
const children = [
  spawn(process.execPath, ['server/bin/groundbreak.mjs', 'serve'], { cwd: root, stdio: 'inherit' }),
  spawn(process.execPath, [viteBin, '--host', '127.0.0.1'], {
    cwd: path.join(root, 'web'),
    stdio: 'inherit',
  }),
];
const stop = () => {
  for (const child of children) child.kill('SIGINT');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const child of children) child.on('exit', stop);
