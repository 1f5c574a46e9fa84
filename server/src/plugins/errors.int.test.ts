import { DomainError } from '@groundbreak/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestContext, type TestContext } from '../testing/test-app';

// The error contract every module relies on, exercised through probe routes registered in a test app.
function probeRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/test/echo',
    {
      config: { action: 'public' },
      schema: {
        body: z.strictObject({ name: z.string().min(2), amount: z.number().int() }),
        response: { 200: z.object({ ok: z.boolean() }) },
      },
    },
    async () => ({ ok: true }),
  );
  r.get('/api/test/boom', { config: { action: 'public' } }, async () => {
    throw new Error('secret internal detail at /srv/app.ts:42');
  });
  r.get('/api/test/domain', { config: { action: 'public' } }, async () => {
    throw new DomainError('USCC_CHECKSUM', '统一社会信用代码校验位不正确', { field: 'uscc' });
  });
}

describe('error contract', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext({ extraRoutes: probeRoutes });
  });
  afterAll(() => ctx.close());

  const post = (payload: string, contentType = 'application/json') =>
    ctx.app.inject({
      method: 'POST',
      url: '/api/test/echo',
      payload,
      headers: { 'content-type': contentType },
    });

  it('answers malformed JSON with 400 BAD_JSON and a request id', async () => {
    const res = await post('{"name": ');
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error.code).toBe('BAD_JSON');
    expect(body.error.message).toMatch(/JSON/);
    expect(body.requestId).toBe(res.headers['x-request-id']);
  });

  it('names an unknown field in Chinese', async () => {
    const res = await post(JSON.stringify({ name: '燕龙', amount: 1, colour: 'red' }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(res.json().error.message).toContain('colour');
    expect(res.json().error.message).toContain('不允许的字段');
  });

  it('names a missing and a wrong field', async () => {
    const res = await post(JSON.stringify({ name: 'x' }));
    expect(res.statusCode).toBe(400);
    const { message, details } = res.json().error;
    expect(message).toContain('请求体有误');
    expect(message).toContain('amount：必填');
    expect(details.fields.map((f: { field: string }) => f.field).sort()).toEqual(['amount', 'name']);
  });

  it('refuses an oversize body with 413', async () => {
    const res = await post(JSON.stringify({ name: 'x'.repeat(1_100_000), amount: 1 }));
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses a wrong content type with 415', async () => {
    const res = await post('name=a', 'application/x-www-form-urlencoded');
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('never leaks a stack or the internal message in a 5xx', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/test/boom' });
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('secret internal detail');
    expect(res.body).not.toContain('.ts');
    expect(res.json().error.code).toBe('INTERNAL');
    expect(res.json().error.message).toContain(res.json().requestId);
  });

  it('maps a domain error through the code table', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/test/domain' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toEqual({
      code: 'USCC_CHECKSUM',
      message: '统一社会信用代码校验位不正确',
      details: { field: 'uscc' },
    });
  });

  it('answers an unknown API path with a JSON 404', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/no-such-thing' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
  });

  it('sends security headers', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    // Not in demo mode on plain HTTP (a browser would refuse http://127.0.0.1 afterwards); see production.
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('keeps API answers out of caches', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/no-such-thing' });
    expect(res.headers['cache-control']).toBe('no-store');
  });
});
