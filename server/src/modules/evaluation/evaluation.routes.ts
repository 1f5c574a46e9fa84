import type { FastifyInstance } from 'fastify';
import type { ModuleContext } from '../registry';

// 竣工即发证 and 后评价: routes (being built).

export function evaluationRoutes(_app: FastifyInstance, _ctx: ModuleContext): void {}
