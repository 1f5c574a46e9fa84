import type { LandRules } from '@groundbreak/contract';
import { DEFAULT_IDLE_THRESHOLDS, type IdleThresholds } from '@groundbreak/domain';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { appSettings } from '../../db/schema/index';
import { AppError } from '../../errors';
import type { AuditActor, AuditRepository } from '../audit/audit.repository';
import type { Principal } from '../registry';

// The district's land rules [A] (domain.md §10.3): how many days past the agreed start the idle-land watch
// lights 黄 and marks 疑似闲置. Kept in app_settings; 自然资源和规划 with the whole district in scope sets them.

const KEY = 'land_rules';

export const DEFAULT_LAND_RULES: LandRules = {
  idleWarnDays: DEFAULT_IDLE_THRESHOLDS.warnDays,
  idleDays: DEFAULT_IDLE_THRESHOLDS.idleDays,
};

export async function readLandRules(db: Db): Promise<LandRules> {
  const [row] = await db.select().from(appSettings).where(eq(appSettings.key, KEY)).limit(1);
  const stored = (row?.value ?? {}) as Partial<LandRules>;
  return { ...DEFAULT_LAND_RULES, ...stored };
}

export function idleThresholdsOf(rules: LandRules): IdleThresholds {
  return { ...DEFAULT_IDLE_THRESHOLDS, warnDays: rules.idleWarnDays, idleDays: rules.idleDays };
}

/** Whether the caller may set the rules: land writes over a whole district. */
export async function mayEditLandRules(db: Db, principal: Principal): Promise<boolean> {
  if (!principal.actions.has('land.write') || principal.scopePaths.length === 0) return false;
  const rows = await db.execute<{ n: number }>(sql`
    SELECT count(*)::int AS n FROM regions r
     WHERE r.level = 'district' AND r.deleted_at IS NULL
       AND r.path = ANY(${`{${principal.scopePaths.join(',')}}`}::text[])`);
  return (rows.rows[0]?.n ?? 0) > 0;
}

export async function saveLandRules(
  db: Db,
  audit: AuditRepository,
  principal: Principal,
  actor: AuditActor,
  rules: LandRules,
  now: Date,
): Promise<LandRules> {
  if (!(await mayEditLandRules(db, principal))) {
    throw new AppError('FORBIDDEN', '闲置预警规则由区自然资源和规划部门设定');
  }
  const before = await readLandRules(db);
  await db.transaction(async (tx) => {
    await tx
      .insert(appSettings)
      .values({ key: KEY, value: rules, updatedAt: now })
      .onConflictDoUpdate({ target: appSettings.key, set: { value: rules, updatedAt: now } });
    await audit.append(
      tx,
      actor,
      {
        action: 'land.rules_update',
        objectType: 'settings',
        result: 'success',
        summary: { before, after: rules },
      },
      now,
    );
  });
  return rules;
}
