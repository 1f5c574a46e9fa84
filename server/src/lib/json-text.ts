import type { FastifyReply } from 'fastify';

/**
 * Sends JSON that was already serialised (e.g. built by PostgreSQL), skipping the route's serializer.
 * The route still declares its response schema for the OpenAPI document; a test checks the text
 * against that schema.
 */
export function sendJsonText(reply: FastifyReply, text: string): FastifyReply {
  return reply
    .type('application/json; charset=utf-8')
    .serializer((payload) => payload as string)
    .send(text as never);
}
