import type { ListResult, UserSummary } from '@groundbreak/contract';
import { maskPhone, phoneIndexKey, phoneSearchKey, type Role } from '@groundbreak/domain';
import { and, asc, count, desc, eq, ilike, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { enterprises, loginThrottle, orgs, passwordHistory, regions, users } from '../../db/schema/index';
import type { FieldProtector } from '../../lib/crypto/field-protector';
import { chineseOrder, containsPattern, offsetOf, orderByOf, type PageRequest } from '../../lib/paging';

export type UserRow = typeof users.$inferSelect;
export type UserFilter = PageRequest & {
  q?: string | undefined;
  role?: Role | undefined;
  status?: 'active' | 'disabled' | undefined;
};
export type ThrottleRow = typeof loginThrottle.$inferSelect;

const PHONE = 'users.phone' as const;
const TOTP = 'users.totp_secret' as const;

export function createUsersRepository(db: Db, protector: FieldProtector) {
  async function phoneOf(row: UserRow): Promise<string | null> {
    return row.phoneCipher ? protector.decrypt(row.phoneCipher, PHONE) : null;
  }

  async function present(rows: UserRow[]): Promise<UserSummary[]> {
    if (rows.length === 0) return [];
    const orgIds = [...new Set(rows.map((u) => u.orgId))];
    const regionIds = [...new Set(rows.flatMap((u) => u.regionScopes))];
    const enterpriseIds = [...new Set(rows.flatMap((u) => (u.enterpriseId ? [u.enterpriseId] : [])))];
    const usernameKeys = rows.map((u) => u.username.toLowerCase());
    const [orgRows, regionRows, enterpriseRows, throttleRows] = await Promise.all([
      db.select({ id: orgs.id, name: orgs.name }).from(orgs).where(inArray(orgs.id, orgIds)),
      regionIds.length
        ? db
            .select({ id: regions.id, name: regions.name })
            .from(regions)
            .where(inArray(regions.id, regionIds))
        : [],
      enterpriseIds.length
        ? db
            .select({ id: enterprises.id, name: enterprises.name })
            .from(enterprises)
            .where(inArray(enterprises.id, enterpriseIds))
        : [],
      db.select().from(loginThrottle).where(inArray(loginThrottle.usernameKey, usernameKeys)),
    ]);
    const lockedUntil = new Map(throttleRows.map((t) => [t.usernameKey, t.lockedUntil]));
    const orgName = new Map(orgRows.map((o) => [o.id, o.name]));
    const regionName = new Map(regionRows.map((r) => [r.id, r.name]));
    const enterpriseName = new Map(enterpriseRows.map((e) => [e.id, e.name]));
    const phones = await Promise.all(rows.map(phoneOf));
    return rows.map((u, i) => ({
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      roles: u.roles as Role[],
      orgId: u.orgId,
      orgName: orgName.get(u.orgId) ?? '',
      regionScopes: u.regionScopes.map((id) => ({ id, name: regionName.get(id) ?? '' })),
      enterpriseId: u.enterpriseId,
      enterpriseName: u.enterpriseId ? (enterpriseName.get(u.enterpriseId) ?? null) : null,
      status: u.status,
      phoneMasked: phones[i] ? maskPhone(phones[i]) : null,
      lockedUntil: lockedUntil.get(u.username.toLowerCase())?.toISOString() ?? null,
      lastLoginAt: u.lastLoginAt ? u.lastLoginAt.toISOString() : null,
      mustChangePassword: u.mustChangePassword,
      version: u.version,
    }));
  }

  return {
    present,
    phoneOf,
    /** The stored columns of a phone: its ciphertext and blind index (both null for none). */
    async phoneColumns(phone: string | null | undefined) {
      if (!phone) return { phoneCipher: null, phoneIndex: null };
      return {
        phoneCipher: await protector.encrypt(phone, PHONE),
        phoneIndex: await protector.blindIndex(phoneIndexKey(phone), PHONE),
      };
    },
    /** The user's TOTP secret in clear (null before enrolment). */
    async totpSecretOf(row: UserRow): Promise<string | null> {
      return row.totpSecretCipher ? protector.decrypt(row.totpSecretCipher, TOTP) : null;
    },
    sealTotpSecret: (secret: string) => protector.encrypt(secret, TOTP),
    /** Recovery codes are kept as a keyed hash of their SHA-256 and only ever compared. */
    macRecoveryCode: (codeHash: string) => protector.mac(codeHash),
    recoveryCodeMatches: (codeHash: string, stored: string) => protector.macMatches(codeHash, stored),

    async findByUsername(username: string): Promise<UserRow | undefined> {
      const [row] = await db
        .select()
        .from(users)
        .where(and(sql`lower(${users.username}) = ${username.trim().toLowerCase()}`, isNull(users.deletedAt)))
        .limit(1);
      return row;
    },

    async findById(id: string, tx: Db = db): Promise<UserRow | undefined> {
      const [row] = await tx
        .select()
        .from(users)
        .where(and(eq(users.id, id), isNull(users.deletedAt)))
        .limit(1);
      return row;
    },

    async count(): Promise<number> {
      const [row] = await db.select({ n: count() }).from(users);
      return row?.n ?? 0;
    },

    async list(filter: UserFilter): Promise<ListResult<UserSummary>> {
      const conditions: SQL[] = [isNull(users.deletedAt)];
      if (filter.q) {
        const pattern = containsPattern(filter.q);
        const phone = phoneSearchKey(filter.q);
        const match = or(
          ilike(users.username, pattern),
          ilike(users.displayName, pattern),
          // A whole phone number finds its user through the blind index (the number itself is encrypted).
          phone ? eq(users.phoneIndex, await protector.blindIndex(phone, PHONE)) : undefined,
        );
        if (match) conditions.push(match);
      }
      if (filter.role) conditions.push(sql`${filter.role} = ANY(${users.roles})`);
      if (filter.status) conditions.push(eq(users.status, filter.status));
      const where = and(...conditions);
      const [rows, totals] = await Promise.all([
        db
          .select()
          .from(users)
          .where(where)
          .orderBy(
            ...orderByOf(
              filter.sort,
              {
                username: users.username,
                displayName: chineseOrder(users.displayName),
                lastLoginAt: users.lastLoginAt,
              },
              asc(users.username),
              users.id,
            ),
          )
          .limit(filter.pageSize)
          .offset(offsetOf(filter)),
        db.select({ n: count() }).from(users).where(where),
      ]);
      return {
        items: await present(rows),
        total: totals[0]?.n ?? 0,
        page: filter.page,
        pageSize: filter.pageSize,
      };
    },

    async insert(tx: Db, values: typeof users.$inferInsert): Promise<UserRow> {
      const [row] = await tx.insert(users).values(values).returning();
      if (!row) throw new Error('user not inserted');
      return row;
    },

    /** Updates when the version matches; undefined when someone else saved first. */
    async update(
      tx: Db,
      id: string,
      version: number,
      values: Partial<typeof users.$inferInsert>,
    ): Promise<UserRow | undefined> {
      const [row] = await tx
        .update(users)
        .set({ ...values, version: sql`${users.version} + 1` })
        .where(and(eq(users.id, id), eq(users.version, version), isNull(users.deletedAt)))
        .returning();
      return row;
    },

    async recordLogin(tx: Db, id: string, now: Date): Promise<void> {
      await tx.update(users).set({ lastLoginAt: now }).where(eq(users.id, id));
    },

    /** The next login opens on the forced password change (a password past its maximum age). */
    async requirePasswordChange(tx: Db, id: string, now: Date): Promise<void> {
      await tx
        .update(users)
        .set({ mustChangePassword: true, updatedAt: now, version: sql`${users.version} + 1` })
        .where(eq(users.id, id));
    },

    /** Hashes of the user's last `count` passwords before the current one, newest first. */
    async passwordHistory(userId: string, count: number): Promise<string[]> {
      if (count <= 0) return [];
      const rows = await db
        .select({ hash: passwordHistory.passwordHash })
        .from(passwordHistory)
        .where(eq(passwordHistory.userId, userId))
        .orderBy(desc(passwordHistory.replacedAt), desc(passwordHistory.id))
        .limit(count);
      return rows.map((r) => r.hash);
    },

    /** Keeps a replaced password's hash, and only as many as the policy compares against. */
    async rememberPassword(tx: Db, userId: string, hash: string, now: Date, keep: number): Promise<void> {
      if (keep <= 0) {
        await tx.delete(passwordHistory).where(eq(passwordHistory.userId, userId));
        return;
      }
      await tx.insert(passwordHistory).values({ userId, passwordHash: hash, replacedAt: now });
      await tx.execute(sql`
        DELETE FROM password_history WHERE user_id = ${userId} AND id NOT IN (
          SELECT id FROM password_history WHERE user_id = ${userId}
           ORDER BY replaced_at DESC, id DESC LIMIT ${keep})`);
    },

    async getThrottle(usernameKey: string, tx: Db = db): Promise<ThrottleRow | undefined> {
      const [row] = await tx
        .select()
        .from(loginThrottle)
        .where(eq(loginThrottle.usernameKey, usernameKey))
        .limit(1);
      return row;
    },

    async saveThrottle(tx: Db, row: ThrottleRow): Promise<void> {
      await tx
        .insert(loginThrottle)
        .values(row)
        .onConflictDoUpdate({
          target: loginThrottle.usernameKey,
          set: { failures: row.failures, firstFailureAt: row.firstFailureAt, lockedUntil: row.lockedUntil },
        });
    },

    async clearThrottle(tx: Db, usernameKey: string): Promise<void> {
      await tx.delete(loginThrottle).where(eq(loginThrottle.usernameKey, usernameKey));
    },

    async enterpriseOptions(q: string | undefined): Promise<{ id: string; name: string; uscc: string }[]> {
      const pattern = q ? containsPattern(q) : undefined;
      return db
        .select({ id: enterprises.id, name: enterprises.name, uscc: enterprises.uscc })
        .from(enterprises)
        .where(
          and(
            isNull(enterprises.deletedAt),
            pattern ? or(ilike(enterprises.name, pattern), ilike(enterprises.uscc, pattern)) : undefined,
          ),
        )
        .orderBy(desc(enterprises.createdAt))
        .limit(20);
    },
  };
}

export type UsersRepository = ReturnType<typeof createUsersRepository>;
