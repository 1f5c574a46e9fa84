import { z } from 'zod';

export const healthResponse = z.object({ status: z.literal('ok') });

export const readyResponse = z.object({
  status: z.enum(['ready', 'unavailable']),
  database: z.enum(['up', 'down']),
});

export const aboutResponse = z.object({
  name: z.string(),
  version: z.string(),
  mode: z.enum(['demo', 'production']),
  node: z.string(),
  database: z.object({
    kind: z.enum(['embedded', 'external']),
    serverVersion: z.string(),
    name: z.string(),
    encoding: z.string(),
    ctype: z.string(),
    /** host:port/database — never credentials. */
    address: z.string(),
    migrations: z.number().int(),
  }),
  startedAt: z.string(),
});
export type About = z.infer<typeof aboutResponse>;
