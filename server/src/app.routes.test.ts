import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildApp } from './app';
import { fixedClock } from './clock';
import { createDatabase } from './db/database';
import { findRouteTableViolations } from './lib/route-table';

// Every route declares an action and its response schemas: the accounts module maps actions to roles,
// the OpenAPI document and response filtering rely on the schemas.

const database = createDatabase('postgres://nobody:x@127.0.0.1:1/none', 'external', {
  max: 1,
  statementTimeoutMs: 1000,
  onError: () => undefined,
});

async function appWith(extraRoutes?: (app: FastifyInstance) => void): Promise<FastifyInstance> {
  const app = await buildApp({
    config: { logLevel: 'silent', bodyLimitBytes: 1024, mode: 'demo' },
    database,
    clock: fixedClock(new Date('2025-03-31T02:00:00Z')),
    serveWeb: true,
    ...(extraRoutes ? { extraRoutes } : {}),
    facts: {
      name: 'Groundbreak',
      version: 't',
      mode: 'demo',
      node: process.version,
      startedAt: '',
      database: { serverVersion: '', name: '', encoding: '', ctype: '', address: '', migrations: 0 },
    },
  });
  await app.ready();
  return app;
}

describe('route table', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await appWith();
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  it('has routes, and every one declares an action and response schemas', () => {
    expect(app.routeTable.length).toBeGreaterThan(8);
    expect(findRouteTableViolations(app.routeTable)).toEqual([]);
  });

  it('catches a route without an action or without a response schema (test of the test)', async () => {
    const faulty = await appWith((a) => {
      a.get('/api/forgot-action', { schema: { response: { 200: z.object({}) } } }, async () => ({}));
      a.get('/api/forgot-schema', { config: { action: 'test.read' } }, async () => ({}));
    });
    try {
      expect(findRouteTableViolations(faulty.routeTable)).toEqual([
        'GET /api/forgot-action: no declared action (config.action)',
        'GET /api/forgot-schema: no 200 response schema',
      ]);
    } finally {
      await faulty.close();
    }
  });
});
