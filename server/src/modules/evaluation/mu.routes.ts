import type { FastifyInstance } from 'fastify';
import type { ModuleContext } from '../registry';

// 亩均 evaluations of enterprises per year: routes (being built).

export function muRoutes(_app: FastifyInstance, _ctx: ModuleContext): void {}
