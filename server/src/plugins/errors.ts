import { errorBody } from '@groundbreak/contract';
import { DomainError } from '@groundbreak/domain';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, ERROR_STATUS, type ErrorCode, fromDomainError } from '../errors';

// One error handler for the whole API. Body: { error: { code, message, details? }, requestId }.
// A 5xx never carries a stack trace or the internal message.

const PART_LABELS: Record<string, string> = {
  body: '请求体',
  querystring: '查询参数',
  params: '路径参数',
  headers: '请求头',
};

type FieldProblem = { field: string; message: string };

function describeValidation(error: FastifyError): { message: string; fields: FieldProblem[] } {
  const part = error.validationContext ?? 'body';
  const fields: FieldProblem[] = (error.validation ?? []).map((v) => {
    const path = v.instancePath.replace(/^\//, '').replaceAll('/', '.');
    const params = v.params as { keys?: string[]; input?: unknown; expected?: string };
    if (v.keyword === 'unrecognized_keys' && params.keys) {
      return { field: params.keys.join(', '), message: `不允许的字段 ${params.keys.join('、')}` };
    }
    if (v.keyword === 'invalid_type' && params.input === undefined) {
      return { field: path, message: '必填' };
    }
    return { field: path, message: v.message ?? '格式不正确' };
  });
  const summary = fields.map((f) => (f.field ? `${f.field}：${f.message}` : f.message)).join('；');
  return { message: `${PART_LABELS[part] ?? part}有误 — ${summary}`, fields };
}

/** Codes of a database that is down or going down (connection refused, shut down, connection lost). */
const DATABASE_DOWN = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
]);

/** Whether an error (or its cause) says the database is unreachable: the answer is 503, not 500. */
export function databaseDown(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current = error as { code?: unknown; cause?: unknown; message?: unknown } | undefined;
  while (current && !seen.has(current)) {
    if (typeof current.code === 'string' && DATABASE_DOWN.has(current.code)) return true;
    if (
      typeof current.message === 'string' &&
      /Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect|encountered a connection error and is not queryable/.test(
        current.message,
      )
    ) {
      return true;
    }
    seen.add(current);
    current = current.cause as typeof current;
  }
  return false;
}

function uniqueViolation(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current = error as { code?: unknown; cause?: unknown } | undefined;
  while (current && !seen.has(current)) {
    if (current.code === '23505') return true;
    seen.add(current);
    current = current.cause as typeof current;
  }
  return false;
}

function send(
  reply: FastifyReply,
  request: FastifyRequest,
  code: ErrorCode,
  message: string,
  details?: unknown,
) {
  const status = ERROR_STATUS[code];
  return reply.status(status).send({
    error: { code, message, ...(details === undefined ? {} : { details }) },
    requestId: request.id,
  });
}

/**
 * Errors Fastify raises before a route is chosen — a malformed URL, a path segment past maxParamLength —
 * in the API's one error format (Fastify's own would be `{ error, code, message, statusCode }`).
 */
export function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const message = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? '网址中的参数过长' : '网址格式不正确';
  return send(reply, request, 'VALIDATION_FAILED', message);
}

/**
 * What any API route may answer besides its own results, declared on every route so that the API's
 * description is complete: bad input, not signed in, refused (permission, CSRF, forced password change),
 * body too large, wrong content type, rate limited, a server fault, the database down.
 */
export const COMMON_ERROR_STATUSES = [400, 401, 403, 413, 415, 429, 500, 503] as const;

export function declareCommonErrors(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const schema = route.schema as
      | { response?: Record<string | number, unknown>; hide?: boolean }
      | undefined;
    if (!schema?.response || schema.hide || !route.url.startsWith('/api/')) return;
    for (const status of COMMON_ERROR_STATUSES) schema.response[status] ??= errorBody;
  });
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) return send(reply, request, error.code, error.message, error.details);
    if (error instanceof DomainError) {
      const mapped = fromDomainError(error);
      return send(reply, request, mapped.code, mapped.message, mapped.details);
    }
    if (hasZodFastifySchemaValidationErrors(error) || error.validation) {
      const { message, fields } = describeValidation(error);
      return send(reply, request, 'VALIDATION_FAILED', message, { fields });
    }
    switch (error.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return send(reply, request, 'BAD_JSON', '请求体不是合法的 JSON');
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return send(reply, request, 'PAYLOAD_TOO_LARGE', '请求体过大');
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
        return send(
          reply,
          request,
          'UNSUPPORTED_MEDIA_TYPE',
          '不支持的请求内容类型，请使用 application/json',
        );
      case 'FST_ERR_RATE_LIMIT':
        return send(reply, request, 'RATE_LIMITED', '请求过于频繁，请稍后再试');
    }
    // A unique constraint lost a race that the service's own check could not see (two saves at once).
    if (uniqueViolation(error)) {
      return send(reply, request, 'CONFLICT', '该记录已存在或刚被他人同时提交，请刷新后再试');
    }
    if (databaseDown(error)) {
      request.log.error({ err: error }, 'database unavailable');
      return send(
        reply,
        request,
        'SERVICE_UNAVAILABLE',
        '数据库暂时不可用，请稍后再试；已保存的数据不受影响',
      );
    }
    if (error instanceof SyntaxError && error.statusCode === 400) {
      return send(reply, request, 'BAD_JSON', '请求体不是合法的 JSON');
    }
    if (error.statusCode === 429) return send(reply, request, 'RATE_LIMITED', '请求过于频繁，请稍后再试');
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      request.log.info({ err: error }, 'client error');
      return reply.status(error.statusCode).send({
        error: { code: 'VALIDATION_FAILED', message: '请求有误' },
        requestId: request.id,
      });
    }
    request.log.error({ err: error }, 'unhandled error');
    return send(reply, request, 'INTERNAL', `服务器内部错误，请联系管理员并提供请求编号 ${request.id}`);
  });

  app.setNotFoundHandler((request, reply) =>
    send(reply, request, 'NOT_FOUND', `接口不存在：${request.method} ${request.url.split('?')[0]}`),
  );
}
