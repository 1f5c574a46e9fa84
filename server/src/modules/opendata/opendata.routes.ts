import type { FastifyInstance } from 'fastify';
import type { ModuleContext } from '../registry';

// OC4IDS open data: routes (being built).

export function openDataRoutes(_app: FastifyInstance, _ctx: ModuleContext): void {}
