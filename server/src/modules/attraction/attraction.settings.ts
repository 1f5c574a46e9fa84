import type {
  PoolRule,
  PoolRulesResponse,
  ScorecardConfig,
  ScorecardConfigResponse,
} from '@groundbreak/contract';
import { DEFAULT_SCORECARD } from '@groundbreak/domain';
import { eq, inArray } from 'drizzle-orm';
import type { Clock } from '../../clock';
import type { Db } from '../../db/database';
import { appSettings, regions } from '../../db/schema/index';
import { AppError } from '../../errors';
import type { AuditActor, AuditRepository } from '../audit/audit.repository';

// The pipeline's configuration [A] in app_settings: the scorecard (criteria, bands, weights, grade cut-offs)
// and the pool's assignment rules. Each is versioned (a save based on an older version is refused) and
// every save is audited with what it became.

export const SCORECARD_KEY = 'attraction.scorecard';
export const POOL_RULES_KEY = 'attraction.pool-rules';

type Stored<T> = { value: T; version: number; updatedAt: string | null };

async function read<T>(db: Db, key: string, fallback: T): Promise<Stored<T>> {
  const [row] = await db.select().from(appSettings).where(eq(appSettings.key, key));
  if (!row) return { value: fallback, version: 0, updatedAt: null };
  const stored = row.value as { value: T; version: number };
  return { value: stored.value, version: stored.version, updatedAt: row.updatedAt.toISOString() };
}

export function createAttractionSettings(deps: { db: Db; clock: Clock; audit: AuditRepository }) {
  const { db, clock, audit } = deps;

  async function save<T>(
    actor: AuditActor,
    key: string,
    action: string,
    value: T,
    version: number,
  ): Promise<void> {
    const now = clock.now();
    await db.transaction(async (tx) => {
      const [row] = await tx.select().from(appSettings).where(eq(appSettings.key, key)).for('update');
      const current = row ? (row.value as { version: number }).version : 0;
      if (current !== version) {
        throw new AppError('VERSION_CONFLICT', '设置已被他人修改，请载入最新版本后再保存', {
          version: current,
          updatedAt: row?.updatedAt.toISOString() ?? null,
        });
      }
      const next = { value, version: current + 1 };
      await tx
        .insert(appSettings)
        .values({ key, value: next, updatedAt: now })
        .onConflictDoUpdate({ target: appSettings.key, set: { value: next, updatedAt: now } });
      await audit.append(
        tx,
        actor,
        {
          action,
          objectType: 'setting',
          result: 'success',
          summary: { key, version: current + 1, after: value as unknown as Record<string, unknown> },
        },
        now,
      );
    });
  }

  async function poolRules(): Promise<PoolRulesResponse> {
    const stored = await read<PoolRule[]>(db, POOL_RULES_KEY, []);
    const ids = [...new Set(stored.value.map((r) => r.regionId))];
    const names = new Map(
      ids.length === 0
        ? []
        : (
            await db
              .select({ id: regions.id, name: regions.name })
              .from(regions)
              .where(inArray(regions.id, ids))
          ).map((r) => [r.id, r.name]),
    );
    return {
      rules: stored.value.map((r) => ({ ...r, regionName: names.get(r.regionId) ?? '' })),
      version: stored.version,
      updatedAt: stored.updatedAt,
    };
  }

  return {
    async scorecard(): Promise<ScorecardConfigResponse> {
      const stored = await read<ScorecardConfig>(db, SCORECARD_KEY, DEFAULT_SCORECARD);
      return { config: stored.value, version: stored.version, updatedAt: stored.updatedAt };
    },

    async saveScorecard(actor: AuditActor, config: ScorecardConfig, version: number) {
      await save(actor, SCORECARD_KEY, 'attraction.scorecard', config, version);
      return this.scorecard();
    },

    poolRules,

    async savePoolRules(actor: AuditActor, rules: PoolRule[], version: number) {
      const ids = [...new Set(rules.map((r) => r.regionId))];
      const found =
        ids.length === 0
          ? []
          : await db
              .select({ id: regions.id, level: regions.level })
              .from(regions)
              .where(inArray(regions.id, ids));
      const subareas = new Set(found.filter((r) => r.level === 'subarea').map((r) => r.id));
      const wrong = rules.findIndex((r) => !subareas.has(r.regionId));
      if (wrong >= 0) {
        throw new AppError('VALIDATION_FAILED', `第 ${wrong + 1} 条规则的分配板块不存在或不是板块`, {
          fields: [{ field: `rules.${wrong}.regionId`, message: '请选择一个板块' }],
        });
      }
      const clean = rules.map((r) => ({
        industryChain: r.industryChain || null,
        source: r.source ?? null,
        minInvestmentYuan: r.minInvestmentYuan ?? null,
        regionId: r.regionId,
      }));
      await save(actor, POOL_RULES_KEY, 'attraction.pool-rules', clean, version);
      return poolRules();
    },
  };
}

export type AttractionSettings = ReturnType<typeof createAttractionSettings>;
