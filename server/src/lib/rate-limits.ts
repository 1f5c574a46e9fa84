import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify';
import { AppError } from '../errors';

// Heavy work per user and minute: Excel exports (every GET …/export, and routes marked heavyExport: the
// statistics' standard reports, a briefing's .docx) and sheet imports (upload and commit),
// each kind counted across all its routes. Attached to the routes as they are added, so that every later
// module's export or import is covered. Keyed by the signed-in user, not the IP: a 板块's offices share
// one address. Past the limit: 429 with Retry-After. The counters live in this process [A: one instance;
// behind several instances each keeps its own].

const WINDOW_MS = 60_000;

type Window = { startedAt: number; count: number };

function createLimiter(kind: string, max: number): preHandlerHookHandler {
  const windows = new Map<string, Window>();
  let sweptAt = Date.now();
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const now = Date.now();
    if (now - sweptAt > WINDOW_MS) {
      for (const [key, w] of windows) if (now - w.startedAt >= WINDOW_MS) windows.delete(key);
      sweptAt = now;
    }
    const key = request.principal?.userId ?? request.ip;
    const current = windows.get(key);
    const window = current && now - current.startedAt < WINDOW_MS ? current : { startedAt: now, count: 0 };
    window.count++;
    windows.set(key, window);
    if (window.count > max) {
      const seconds = Math.max(1, Math.ceil((window.startedAt + WINDOW_MS - now) / 1000));
      reply.header('retry-after', String(seconds));
      throw new AppError('RATE_LIMITED', `${kind}过于频繁，请 ${seconds} 秒后再试（每人每分钟 ${max} 次）`);
    }
  };
}

export function limitHeavyRoutes(
  app: FastifyInstance,
  limits: { exportsPerMinute: number; importsPerMinute: number },
): void {
  const exports = createLimiter('导出', limits.exportsPerMinute);
  const imports = createLimiter('导入', limits.importsPerMinute);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const limiter =
      // HEAD too: Fastify answers HEAD on every GET route by running the GET handler.
      (methods.includes('GET') || methods.includes('HEAD')) &&
      (route.url.endsWith('/export') || route.config?.heavyExport === true)
        ? exports
        : methods.includes('POST') && /\/imports(\/:id\/commit)?$/.test(route.url)
          ? imports
          : undefined;
    if (!limiter) return;
    const existing = route.preHandler
      ? Array.isArray(route.preHandler)
        ? route.preHandler
        : [route.preHandler]
      : [];
    route.preHandler = [limiter, ...existing];
  });
}
