import type { FastifyInstance } from 'fastify';
import type { ModuleContext } from '../registry';

// 招商: routes (being built).

export function attractionRoutes(_app: FastifyInstance, _ctx: ModuleContext): void {}
