import fs from 'node:fs';
import path from 'node:path';

/** The product version: the root package.json's. */
export const VERSION: string = (
  JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../package.json'), 'utf8')) as {
    version: string;
  }
).version;
