import type { MenuEntry, TodoItem } from '@groundbreak/contract';
import type { FastifyInstance } from 'fastify';
import type { Clock } from '../clock';
import type { Database } from '../db/database';
import type { JobDefinition } from '../jobs/runner';

/** Who is calling. Accounts arrive with the accounts module; until then every request is anonymous. */
export type Principal = { userId: string; roles: string[] };

export type TodoContext = { principal: Principal; now: Date };
/** A module's contribution to the 工作台: the caller's open to-dos in that module. */
export type TodoProvider = (ctx: TodoContext) => Promise<TodoItem[]>;

export type ModuleContext = { database: Database; clock: Clock };

/** What a feature module contributes to the platform. Later modules only add an entry to MODULES. */
export type ModuleDefinition = {
  name: string;
  routes?: (app: FastifyInstance, ctx: ModuleContext) => Promise<void> | void;
  menu?: Omit<MenuEntry, 'planned'>[];
  todos?: TodoProvider;
  jobs?: JobDefinition[];
};
