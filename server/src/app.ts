import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyReply, LogController } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Clock } from './clock';
import type { Config } from './config';
import type { Database } from './db/database';
import './lib/route-config';
import { maskPhonesInText } from '@groundbreak/domain';
import type { FieldProtector } from './lib/crypto/field-protector';
import { allowNullInNullableEnums } from './lib/openapi';
import { limitHeavyRoutes } from './lib/rate-limits';
import { collectRouteTable } from './lib/route-table';
import { createSecurityPolicyStore } from './modules/auth/security-policy';
import { MODULES } from './modules/modules';
import { navigationRoutes } from './modules/navigation/navigation.routes';
import type { ModuleContext, ModuleDefinition } from './modules/registry';
import { type SystemFacts, systemRoutes } from './modules/system/system.routes';
import { answerFrameworkError, declareCommonErrors, registerErrorHandling } from './plugins/errors';
import { registerPrincipal } from './plugins/principal';
import { refuseUnstorableText } from './plugins/text-input';

export const WEB_DIST = path.resolve(import.meta.dirname, '../../web/dist');

export type AppOptions = {
  config: Pick<
    Config,
    | 'logLevel'
    | 'bodyLimitBytes'
    | 'mode'
    | 'loginRateLimitPerMinute'
    | 'dataDir'
    | 'attachmentMaxBytes'
    | 'projectNumberPrefix'
    | 'statsCacheSeconds'
    | 'exportRateLimitPerMinute'
    | 'importRateLimitPerMinute'
    | 'notifications'
  >;
  database: Database;
  /** Encrypts personal fields (the runtime's, checked against the stored data at start). */
  protector: FieldProtector;
  clock: Clock;
  facts: SystemFacts;
  modules?: ModuleDefinition[];
  /** Serve the built web app (web/dist) with an SPA fallback; off in API tests. */
  serveWeb?: boolean;
  /** Extra routes registered inside the app before it is ready (tests of the platform itself). */
  extraRoutes?: (app: FastifyInstance) => void;
};

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config, database, clock, facts } = options;
  const modules = options.modules ?? MODULES;
  const app = Fastify({
    logger:
      config.logLevel === 'silent'
        ? false
        : {
            level: config.logLevel,
            // A search for a phone number puts the number in the URL: the log keeps it masked.
            serializers: {
              req: (req: { method: string; url: string; id: string }) => ({
                method: req.method,
                url: maskPhonesInText(req.url),
                requestId: req.id,
              }),
            },
          },
    bodyLimit: config.bodyLimitBytes,
    genReqId: () => crypto.randomUUID(),
    // Per-request lines only at debug/trace: at info the log is for events, not traffic.
    logController: new LogController({
      disableRequestLogging: config.logLevel !== 'debug' && config.logLevel !== 'trace',
    }),
    trustProxy: false,
    frameworkErrors: answerFrameworkError,
  });
  collectRouteTable(app);
  declareCommonErrors(app);
  refuseUnstorableText(app);
  limitHeavyRoutes(app, {
    exportsPerMinute: config.exportRateLimitPerMinute,
    importsPerMinute: config.importRateLimitPerMinute,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    // Business data is never kept by a browser or a proxy (a shared office computer's back button).
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) {
      reply.header('cache-control', 'no-store');
    }
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // antd injects its CSS-in-JS as <style> elements.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    strictTransportSecurity: config.mode === 'production',
  });
  registerErrorHandling(app);
  await app.register(cookie);
  const policy = createSecurityPolicyStore(database.db);
  const secureCookies = config.mode === 'production';
  registerPrincipal(app, { database, clock, policy, secureCookies, mode: config.mode });

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Groundbreak 重大项目"招推服"全生命周期服务平台 API',
        version: facts.version,
        description:
          '列表接口统一使用 page、pageSize(20/50/100)、sort 参数，返回 { items, total, page, pageSize }。',
      },
    },
    transform: jsonSchemaTransform,
    transformObject: (doc) =>
      'openapiObject' in doc ? allowNullInNullableEnums(doc.openapiObject) : doc.swaggerObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  const ctx: ModuleContext = {
    database,
    protector: options.protector,
    clock,
    policy,
    config: {
      mode: config.mode,
      secureCookies,
      loginRateLimitPerMinute: config.loginRateLimitPerMinute,
      dataDir: config.dataDir,
      attachmentMaxBytes: config.attachmentMaxBytes,
      projectNumberPrefix: config.projectNumberPrefix,
      notifications: config.notifications,
      statsCacheSeconds: config.statsCacheSeconds,
    },
  };
  systemRoutes(app, ctx, facts);
  navigationRoutes(app, ctx, modules);
  for (const module of modules) await module.routes?.(app, ctx);
  // The document only changes when routes do: build and serialise it once, not per request.
  let openapi: string | undefined;
  app.get(
    '/api/openapi.json',
    { config: { action: 'public' }, schema: { hide: true } },
    async (_request, reply) => {
      openapi ??= JSON.stringify(app.swagger());
      return reply.type('application/json; charset=utf-8').send(openapi);
    },
  );
  options.extraRoutes?.(app);

  if (options.serveWeb) serveWebApp(app);
  return app;
}

/** Serves web/dist; any other GET that wants HTML gets index.html so that client routes work on reload. */
function serveWebApp(app: FastifyInstance): void {
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html'))) {
    app.log.warn(`未找到前端构建产物 ${WEB_DIST}，请先运行 npm run build`);
    return;
  }
  void app.register(fastifyStatic, { root: WEB_DIST, serve: false });
  const route = { config: { action: 'public' as const }, schema: { hide: true } };
  const sendIndex = (reply: FastifyReply) =>
    reply.header('cache-control', 'no-cache').sendFile('index.html', { cacheControl: false });

  app.get('/', route, (_request, reply) => sendIndex(reply));
  app.get('/*', route, (request, reply) => {
    const url = decodeURIComponent(request.url.split('?')[0] ?? '/');
    if (url.startsWith('/api/')) return reply.callNotFound();
    const relative = path.normalize(url).replace(/^\/+/, '');
    const candidate = path.join(WEB_DIST, relative);
    if (
      candidate.startsWith(`${WEB_DIST}${path.sep}`) &&
      fs.existsSync(candidate) &&
      fs.statSync(candidate).isFile()
    ) {
      // Vite puts content hashes in asset names: they never change.
      const immutable = relative.startsWith(`assets${path.sep}`);
      return reply
        .header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
        .sendFile(relative, { cacheControl: false });
    }
    return sendIndex(reply);
  });
}
