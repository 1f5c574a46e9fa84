import type { ApprovalRules } from '@groundbreak/contract';
import { DEFAULT_LAND_READY_DAYS } from '@groundbreak/domain';
import { eq } from 'drizzle-orm';
import type { Clock } from '../../clock';
import type { Database } from '../../db/database';
import { appSettings } from '../../db/schema/index';
import { AppError } from '../../errors';
import type { AuditActor, AuditRepository } from '../audit/audit.repository';
import type { Principal } from '../registry';

// The district's approval rules [A] (domain.md §4): how many working days left make an item 临期, the
// whole-process target in working days, and within how many days of the land deal the construction permit
// counts as 拿地即开工. Kept in app_settings; 区发改 (registry.admin) sets them. Every SLA on every read
// depends on them, so a process keeps them for a minute (as it keeps the calendar) and forgets them at once
// when it saves them itself.

const KEY = 'approval_rules';
const CACHE_MS = 60_000;

export const DEFAULT_APPROVAL_RULES: ApprovalRules = {
  dueSoonWorkingDays: 2,
  wholeProcessTargetDays: 100,
  landReadyWithinDays: DEFAULT_LAND_READY_DAYS,
};

export function createApprovalRules(deps: { database: Database; audit: AuditRepository; clock: Clock }) {
  const { db } = deps.database;
  let cached: { at: number; rules: ApprovalRules } | undefined;

  async function load(): Promise<ApprovalRules> {
    const [row] = await db.select().from(appSettings).where(eq(appSettings.key, KEY)).limit(1);
    return { ...DEFAULT_APPROVAL_RULES, ...((row?.value ?? {}) as Partial<ApprovalRules>) };
  }

  return {
    async current(): Promise<ApprovalRules> {
      const now = Date.now();
      if (!cached || now - cached.at > CACHE_MS) cached = { at: now, rules: await load() };
      return cached.rules;
    },

    mayEdit(principal: Principal): boolean {
      return principal.actions.has('registry.admin');
    },

    async save(principal: Principal, actor: AuditActor, rules: ApprovalRules): Promise<ApprovalRules> {
      if (!principal.actions.has('registry.admin')) {
        throw new AppError('FORBIDDEN', '审批规则由区发改设定');
      }
      const now = deps.clock.now();
      const before = await load();
      await db.transaction(async (tx) => {
        await tx
          .insert(appSettings)
          .values({ key: KEY, value: rules, updatedAt: now })
          .onConflictDoUpdate({ target: appSettings.key, set: { value: rules, updatedAt: now } });
        await deps.audit.append(
          tx,
          actor,
          {
            action: 'approvals.rules_update',
            objectType: 'settings',
            result: 'success',
            summary: { before, after: rules },
          },
          now,
        );
      });
      cached = undefined;
      return rules;
    },
  };
}

export type ApprovalRulesStore = ReturnType<typeof createApprovalRules>;
