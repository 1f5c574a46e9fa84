// Every route declares the action it performs; the accounts module maps actions to roles.
// 'public' routes need no login (health probes, about, the shell's reference lists until login exists).
export type RouteAction = 'public' | 'self' | `${string}.${'read' | 'write' | 'comment' | 'admin'}`;

declare module 'fastify' {
  interface FastifyContextConfig {
    action?: RouteAction;
  }
  interface FastifyRequest {
    principal: import('../modules/registry').Principal | null;
  }
}
