import { actionsFor, type Role } from '@groundbreak/domain';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { enterprises, orgs, sessions, users } from '../../db/schema/index';
import { randomToken, sha256 } from '../../lib/password';
import type { Principal } from '../registry';
import type { SessionPolicy } from './security-policy';

/** last_seen_at is written at most this often, so that reads do not each cost a write. */
const TOUCH_EVERY_MS = 60_000;
/** How long a session that passed the password may wait for its second factor. */
export const MFA_PENDING_MS = 5 * 60_000;

type ScopeRow = { id: string; name: string; path: string; level: string; parentName: string | null };

/** "武进区 / 武进国家高新区" for a 板块 scope, "武进区" for a district; the company for an enterprise user. */
function scopeLabelOf(scopes: ScopeRow[], enterpriseName: string | null): string {
  if (enterpriseName) return enterpriseName;
  if (scopes.length === 0) return '系统管理';
  return scopes
    .map((r) => (r.level === 'subarea' && r.parentName ? `${r.parentName} / ${r.name}` : r.name))
    .join('、');
}

export type ResolvedSession =
  | { state: 'valid'; principal: Principal }
  | {
      state: 'expired';
      reason: 'idle' | 'absolute' | 'disabled';
      userId: string;
      username: string;
      roles: string[];
    }
  | { state: 'unknown' };

export function createSessionsRepository(db: Db) {
  // Every request reads its session: one prepared statement, parsed and planned once per connection.
  const bySessionToken = db
    .select({
      session: sessions,
      user: users,
      orgKind: orgs.kind,
      orgName: orgs.name,
      enterpriseName: enterprises.name,
      scopes: sql<ScopeRow[] | null>`(
        SELECT json_agg(json_build_object('id', r.id, 'name', r.name, 'path', r.path, 'level', r.level,
                                          'parentName', p.name) ORDER BY r.path)
          FROM regions r LEFT JOIN regions p ON p.id = r.parent_id
         WHERE r.id = ANY(${users.regionScopes}))`,
    })
    .from(sessions)
    .innerJoin(users, and(eq(users.id, sessions.userId), isNull(users.deletedAt)))
    .innerJoin(orgs, eq(orgs.id, users.orgId))
    .leftJoin(enterprises, eq(enterprises.id, users.enterpriseId))
    .where(eq(sessions.tokenHash, sql.placeholder('tokenHash')))
    .prepare('gb_session_by_token');

  return {
    /** A new session (new id at every login); returns the cookie value, which is stored only hashed. */
    async create(
      tx: Db,
      userId: string,
      now: Date,
      client: { ip: string | null; userAgent: string | null },
      options: { mfaPending?: boolean } = {},
    ): Promise<{ token: string; csrfToken: string; sessionId: string }> {
      const token = randomToken();
      const csrfToken = randomToken();
      const [row] = await tx
        .insert(sessions)
        .values({
          tokenHash: sha256(token),
          userId,
          csrfToken,
          createdAt: now,
          lastSeenAt: now,
          ip: client.ip,
          userAgent: client.userAgent?.slice(0, 300) ?? null,
          mfaPending: options.mfaPending ?? false,
        })
        .returning({ id: sessions.id });
      if (!row) throw new Error('session not created');
      return { token, csrfToken, sessionId: row.id };
    },

    /**
     * The session behind a cookie value, checked against the idle and absolute limits at `now`. One query
     * brings everything a request needs about its user, including what the top bar shows.
     */
    async resolve(token: string, now: Date, policy: SessionPolicy): Promise<ResolvedSession> {
      const [row] = await bySessionToken.execute({ tokenHash: sha256(token) });
      if (!row) return { state: 'unknown' };
      const { session, user } = row;
      const idle = now.getTime() - session.lastSeenAt.getTime() > policy.idleMs;
      // A password-only session waiting for its code lasts five minutes.
      const absolute =
        now.getTime() - session.createdAt.getTime() >
        (session.mfaPending ? MFA_PENDING_MS : policy.absoluteMs);
      const disabled = user.status !== 'active';
      if (idle || absolute || disabled) {
        await db.delete(sessions).where(eq(sessions.id, session.id));
        return {
          state: 'expired',
          reason: disabled ? 'disabled' : absolute ? 'absolute' : 'idle',
          userId: user.id,
          username: user.username,
          roles: user.roles,
        };
      }
      if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
        await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, session.id));
      }
      const roles = user.roles as Role[];
      const scopes = row.scopes ?? [];
      return {
        state: 'valid',
        principal: {
          userId: user.id,
          username: user.username,
          displayName: user.displayName,
          roles,
          orgId: user.orgId,
          orgKind: row.orgKind,
          orgName: row.orgName,
          regionScopeIds: user.regionScopes,
          scopePaths: scopes.map((r) => r.path),
          regionScopes: scopes.map((r) => ({ id: r.id, name: r.name })),
          scopeLabel: scopeLabelOf(scopes, row.enterpriseName),
          enterpriseId: user.enterpriseId,
          enterpriseName: row.enterpriseName,
          actions: actionsFor(roles, row.orgKind),
          sessionId: session.id,
          csrfToken: session.csrfToken,
          mustChangePassword: user.mustChangePassword,
          mfaPending: session.mfaPending,
          totpEnabled: user.totpEnabledAt !== null,
          isDemoAccount: user.isDemo,
          mustEnrollMfa: false,
        },
      };
    },

    async destroy(tx: Db, sessionId: string): Promise<void> {
      await tx.delete(sessions).where(eq(sessions.id, sessionId));
    },

    /** Deletes the session; false when it was already gone (used up by a concurrent request). */
    async destroyIfPresent(tx: Db, sessionId: string): Promise<boolean> {
      const deleted = await tx
        .delete(sessions)
        .where(eq(sessions.id, sessionId))
        .returning({ id: sessions.id });
      return deleted.length > 0;
    },

    /** Ends every session of every user but the one given (an administrator's emergency stop). */
    async destroyAllBut(tx: Db, exceptSessionId: string): Promise<number> {
      const deleted = await tx
        .delete(sessions)
        .where(sql`${sessions.id} <> ${exceptSessionId}`)
        .returning({ id: sessions.id });
      return deleted.length;
    },

    /** Ends every session of a user (disable, reset, password change elsewhere). */
    async destroyAllOf(tx: Db, userId: string, exceptSessionId?: string): Promise<number> {
      const deleted = await tx
        .delete(sessions)
        .where(
          exceptSessionId
            ? and(eq(sessions.userId, userId), sql`${sessions.id} <> ${exceptSessionId}`)
            : eq(sessions.userId, userId),
        )
        .returning({ id: sessions.id });
      return deleted.length;
    },
  };
}

export type SessionsRepository = ReturnType<typeof createSessionsRepository>;
