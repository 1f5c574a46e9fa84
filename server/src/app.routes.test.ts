import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { findRouteTableViolations } from './lib/route-table';
import { buildOfflineApp } from './testing/offline-app';

// Every route declares an action and its response schemas: the accounts module maps actions to roles,
// the OpenAPI document and response filtering rely on the schemas.

const appWith = (extraRoutes?: (app: FastifyInstance) => void) =>
  buildOfflineApp({ serveWeb: true, ...(extraRoutes ? { extraRoutes } : {}) });

describe('route table', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await appWith();
  });
  afterAll(() => app.close());

  it('has routes, and every one declares an action and response schemas', () => {
    expect(app.routeTable.length).toBeGreaterThan(8);
    expect(findRouteTableViolations(app.routeTable)).toEqual([]);
  });

  it('catches a route without an action or without a response schema (test of the test)', async () => {
    const faulty = await appWith((a) => {
      a.get('/api/forgot-action', { schema: { response: { 200: z.object({}) } } }, async () => ({}));
      a.get('/api/forgot-schema', { config: { action: 'reference.read' } }, async () => ({}));
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
