#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx, so `npx groundbreak …` works right after `npm ci`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli.ts');
const code = await main(process.argv.slice(2));
process.exit(code);
