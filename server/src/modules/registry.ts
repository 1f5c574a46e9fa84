import type { MenuEntry, TodoItem } from '@groundbreak/contract';
import type { Action, Role } from '@groundbreak/domain';
import type { FastifyInstance } from 'fastify';
import type { Clock } from '../clock';
import type { NotificationSettings } from '../config';
import type { Database, Db } from '../db/database';
import type { JobDefinition } from '../jobs/runner';
import type { FieldProtector } from '../lib/crypto/field-protector';
import type { SecurityPolicyStore } from './auth/security-policy';

/** Who is calling: the signed-in user with their roles, permitted actions and data scope. */
export type Principal = {
  userId: string;
  username: string;
  displayName: string;
  roles: Role[];
  orgId: string;
  orgKind: string;
  orgName: string;
  /** Region ids the user may see (their subtrees). */
  regionScopeIds: string[];
  /** Materialised paths of those regions, for subtree checks in SQL ('/a/b/'). */
  scopePaths: string[];
  regionScopes: { id: string; name: string }[];
  /** What the top bar shows, e.g. "武进区 / 武进国家高新区". */
  scopeLabel: string;
  enterpriseId: string | null;
  enterpriseName: string | null;
  actions: Set<Action>;
  sessionId: string;
  csrfToken: string;
  mustChangePassword: boolean;
  /** Password checked, code not yet: only the second step and logout are open. */
  mfaPending: boolean;
  totpEnabled: boolean;
  isDemoAccount: boolean;
  /** The role requires two-factor login and none is set up: only enrolment (and password change) is open. */
  mustEnrollMfa: boolean;
};

export type TodoContext = { principal: Principal; now: Date; db: Db };
/** A module's contribution to the 工作台: the caller's open to-dos in that module. */
export type TodoProvider = (ctx: TodoContext) => Promise<TodoItem[]>;

export type ModuleContext = {
  database: Database;
  /** Personal fields at rest: repositories encrypt and decrypt through it. */
  protector: FieldProtector;
  clock: Clock;
  policy: SecurityPolicyStore;
  config: {
    mode: 'demo' | 'production';
    secureCookies: boolean;
    loginRateLimitPerMinute: number;
    /** Where the app keeps its files (attachments under files/). */
    dataDir: string;
    attachmentMaxBytes: number;
    projectNumberPrefix: string;
    /** Outside channels of the inbox: public URL of links, SMTP, retry policy. */
    notifications: NotificationSettings;
    /** How long a computed statistics overview is served before it is computed again (0: every time). */
    statsCacheSeconds: number;
  };
};

/** What a feature module contributes to the platform. Later modules only add an entry to MODULES. */
export type ModuleDefinition = {
  name: string;
  routes?: (app: FastifyInstance, ctx: ModuleContext) => Promise<void> | void;
  menu?: Omit<MenuEntry, 'planned'>[];
  todos?: TodoProvider;
  jobs?: JobDefinition[];
};
