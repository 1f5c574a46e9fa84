import { ADMIN_ROLES } from '@groundbreak/domain';
import { sql } from 'drizzle-orm';
import type { JobDefinition } from '../../jobs/runner';
import { createAuditRepository, SYSTEM_ACTOR } from '../audit/audit.repository';
import { createSecurityPolicyStore } from '../auth/security-policy';

// Accounts nobody has used for the policy's number of days (90 unless the security administrator says
// otherwise) are disabled, each audited. The three administrator accounts are left alone: disabling the
// last security administrator would leave nobody to enable anyone.

export const disableInactiveAccountsJob: JobDefinition = {
  name: 'accounts.disable-inactive',
  description: '停用长期未登录的账号（天数见安全策略；管理员账号除外），逐个记入审计日志',
  schedule: '10 2 * * *',
  async run({ database, now }) {
    const db = database.db;
    const { accounts } = await createSecurityPolicyStore(db).get();
    const cutoff = new Date(now.getTime() - accounts.inactiveDays * 86_400_000);
    return db.transaction(async (tx) => {
      const disabled = (
        await tx.execute<{ id: string; username: string; last_login_at: string | null }>(sql`
          UPDATE users SET status = 'disabled', updated_at = ${now}, version = version + 1
           WHERE deleted_at IS NULL AND status = 'active'
             AND NOT (roles && ${`{${ADMIN_ROLES.join(',')}}`}::text[])
             -- Unused and untouched: an account an administrator re-enabled (or edited) lately stays.
             AND greatest(coalesce(last_login_at, created_at), updated_at) < ${cutoff}
          RETURNING id::text AS id, username, last_login_at::text AS last_login_at`)
      ).rows;
      if (disabled.length === 0) return { rows: 0 };
      await tx.execute(sql`DELETE FROM sessions WHERE user_id IN (
        SELECT unnest(${`{${disabled.map((u) => u.id).join(',')}}`}::uuid[]))`);
      await createAuditRepository(db).appendMany(
        tx,
        SYSTEM_ACTOR,
        disabled.map((u) => ({
          action: 'user.disable',
          objectType: 'user',
          objectId: u.id,
          result: 'success' as const,
          summary: {
            username: u.username,
            reason: 'inactive',
            lastLoginAt: u.last_login_at,
            inactiveDays: accounts.inactiveDays,
          },
        })),
        now,
      );
      return {
        rows: disabled.length,
        message: `停用 ${disabled.length} 个超过 ${accounts.inactiveDays} 天未登录的账号`,
      };
    });
  },
};
