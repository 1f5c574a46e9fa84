import type { FastifyInstance, RouteOptions } from 'fastify';

// The route table every test of the platform walks: each route the app registers, with its options.

export type RouteEntry = Pick<RouteOptions, 'method' | 'url' | 'schema' | 'config'>;

declare module 'fastify' {
  interface FastifyInstance {
    routeTable: RouteEntry[];
  }
}

/** Collects routes as they are registered; call before any route is added. */
export function collectRouteTable(app: FastifyInstance): void {
  const table: RouteEntry[] = [];
  app.decorate('routeTable', table);
  app.addHook('onRoute', (route) => {
    table.push({ method: route.method, url: route.url, schema: route.schema, config: route.config });
  });
}

/** Routes that belong to third-party plugins (the OpenAPI UI's static files), exempt with this reason. */
const EXEMPT_PREFIXES = [
  { prefix: '/api/docs', reason: 'Swagger UI static files registered by @fastify/swagger-ui' },
];

/** Every route must declare its action; every API route must declare its response schemas. */
export function findRouteTableViolations(routes: RouteEntry[]): string[] {
  const problems: string[] = [];
  for (const route of routes) {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (methods.every((m) => m === 'HEAD' || m === 'OPTIONS')) continue;
    if (EXEMPT_PREFIXES.some((e) => route.url.startsWith(e.prefix))) continue;
    const name = `${methods.join(',')} ${route.url}`;
    const config = route.config as { action?: string } | undefined;
    if (!config?.action) problems.push(`${name}: no declared action (config.action)`);
    const schema = route.schema as { hide?: boolean; response?: Record<string, unknown> } | undefined;
    if (schema?.hide) continue;
    if (!schema?.response?.['200']) problems.push(`${name}: no 200 response schema`);
  }
  return problems;
}
