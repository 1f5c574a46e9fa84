import type { EvaluationFigures, EvaluationSettingsValue } from '@groundbreak/contract';
import { DEFAULT_EVALUATION_SETTINGS, type EvaluationSettings } from '@groundbreak/domain';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { appSettings, muEvaluations, projectCommitments, type projects } from '../../db/schema/index';
import type { Principal } from '../registry';

// What the evaluation services share: the configured settings, the committed figures of a project and the
// annual figures of its company (亩均 import), and whom to tell about a project.

export const SETTINGS_KEY = 'evaluation.settings';

/** 1 亩 = 10000/15 m². */
export const M2_PER_MU = 10_000 / 15;

export async function readSettings(db: Db): Promise<{ settings: EvaluationSettings; version: number }> {
  const [row] = await db.select().from(appSettings).where(eq(appSettings.key, SETTINGS_KEY));
  const stored = row?.value as { settings?: Partial<EvaluationSettings>; version?: number } | undefined;
  const s = stored?.settings ?? {};
  return {
    settings: {
      ...DEFAULT_EVALUATION_SETTINGS,
      ...s,
      weights: { ...DEFAULT_EVALUATION_SETTINGS.weights, ...(s.weights ?? {}) },
      cutoffs: { ...DEFAULT_EVALUATION_SETTINGS.cutoffs, ...(s.cutoffs ?? {}) },
    },
    version: stored?.version ?? 0,
  };
}

/** The settings as the contract shows them (every key present). */
export function settingsValue(s: EvaluationSettings): EvaluationSettingsValue {
  return {
    productionMonths: s.productionMonths,
    targetMonth: s.targetMonth,
    targetDay: s.targetDay,
    rectificationMonths: s.rectificationMonths,
    fillDays: s.fillDays,
    weights: { ...s.weights },
    cap: s.cap,
    graceDays: s.graceDays,
    cutoffs: { ...s.cutoffs },
  };
}

export const isEnterpriseUser = (p: Principal) => p.roles.length === 1 && p.roles[0] === 'enterprise';

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

type ProjectFacts = Pick<
  typeof projects.$inferSelect,
  | 'id'
  | 'uscc'
  | 'landAreaM2'
  | 'fixedAssetInvestment'
  | 'totalInvestment'
  | 'committedIntensityWanPerMu'
  | 'committedSalesYuan'
  | 'committedTaxWanPerMu'
  | 'committedJobs'
  | 'committedEnergyTce'
  | 'plannedStartOn'
  | 'plannedCompletionOn'
  | 'plannedProductionOn'
  | 'plotRatio'
  | 'actualStartOn'
  | 'actualCompletionOn'
  | 'actualProductionOn'
>;

/**
 * The committed (承诺) values of a project: the signed commitments (project_commitments) where recorded,
 * else the registry's committed fields; 亩均 values from annual amounts ÷ the land area in 亩.
 */
export function committedFigures(
  p: ProjectFacts,
  c: typeof projectCommitments.$inferSelect | undefined,
): EvaluationFigures {
  const mu = p.landAreaM2 ? p.landAreaM2 / M2_PER_MU : null;
  const sales = c?.annualSalesYuan ?? p.committedSalesYuan;
  const annualTax = c?.annualTaxYuan ?? null;
  return {
    fixedAssetYuan:
      c?.fixedAssetYuan ?? c?.investmentYuan ?? p.fixedAssetInvestment ?? p.totalInvestment ?? null,
    intensityWanPerMu: c?.intensityWanPerMu ?? p.committedIntensityWanPerMu ?? null,
    startOn: c?.startBy ?? p.plannedStartOn ?? null,
    completionOn: c?.completionBy ?? p.plannedCompletionOn ?? null,
    productionOn: c?.productionBy ?? p.plannedProductionOn ?? null,
    plotRatio: c?.plotRatio ?? p.plotRatio ?? null,
    salesWanPerMu: sales && mu ? round(sales / 10_000 / mu) : null,
    taxWanPerMu:
      c?.taxWanPerMu ?? p.committedTaxWanPerMu ?? (annualTax && mu ? round(annualTax / 10_000 / mu) : null),
    output: c?.capacityValue ?? null,
    jobs: c?.jobs ?? p.committedJobs ?? null,
    energyTce: c?.energyTce ?? p.committedEnergyTce ?? null,
    // The agreement keeps the share as a fraction (0.03); the evaluation's figures are in % (3).
    rdRatio: c?.rdRatio !== null && c?.rdRatio !== undefined ? round(c.rdRatio * 100) : null,
  };
}

export async function commitmentsOf(db: Db, projectId: string) {
  const [row] = await db.select().from(projectCommitments).where(eq(projectCommitments.projectId, projectId));
  return row;
}

/**
 * Suggested actual figures of a data year: the company's 亩均 annual figures (sales, tax and energy per
 * its land, employees, R&D share) and the project's actual dates.
 */
export async function prefillFigures(
  db: Db,
  p: ProjectFacts,
  dataYear: number,
): Promise<{ figures: EvaluationFigures; source: string | null }> {
  const dates: EvaluationFigures = {
    startOn: p.actualStartOn,
    completionOn: p.actualCompletionOn,
    productionOn: p.actualProductionOn,
  };
  if (!p.uscc) return { figures: dates, source: null };
  const [mu] = await db
    .select()
    .from(muEvaluations)
    .where(
      and(eq(muEvaluations.uscc, p.uscc), eq(muEvaluations.year, dataYear), isNull(muEvaluations.deletedAt)),
    );
  if (!mu) return { figures: dates, source: null };
  const land = mu.landMu ?? (p.landAreaM2 ? p.landAreaM2 / M2_PER_MU : null);
  return {
    figures: {
      ...dates,
      salesWanPerMu: mu.salesYuan !== null && land ? round(mu.salesYuan / 10_000 / land) : null,
      taxWanPerMu: mu.taxYuan !== null && land ? round(mu.taxYuan / 10_000 / land) : null,
      energyTce: mu.energyTce,
      jobs: mu.employees,
      rdRatio: mu.rdYuan !== null && mu.salesYuan ? round((mu.rdYuan / mu.salesYuan) * 100) : null,
    },
    source: `${dataYear} 年亩均评价数据（${mu.muClass} 类，${mu.enterpriseName}）`,
  };
}

/** The active enterprise accounts of the projects' companies, per project. */
export async function enterpriseRecipients(db: Db, projectIds: string[]) {
  if (projectIds.length === 0) return [];
  const { rows } = await db.execute<{ project_id: string; user_id: string }>(sql`
    SELECT p.id::text AS project_id, u.id::text AS user_id FROM projects p
      JOIN users u ON u.enterprise_id = p.enterprise_id AND 'enterprise' = ANY(u.roles)
     WHERE p.id = ANY(${`{${projectIds.join(',')}}`}::uuid[]) AND u.status = 'active' AND u.deleted_at IS NULL`);
  return rows;
}

/** The active 板块 operators whose scope holds the projects' 板块, per project. */
export async function subareaRecipients(db: Db, projectIds: string[]) {
  if (projectIds.length === 0) return [];
  const { rows } = await db.execute<{ project_id: string; user_id: string }>(sql`
    SELECT p.id::text AS project_id, u.id::text AS user_id FROM projects p
      JOIN regions r ON r.id = p.region_id
      JOIN users u ON 'subarea_operator' = ANY(u.roles) AND EXISTS (
             SELECT 1 FROM regions s WHERE s.id = ANY(u.region_scopes) AND r.path LIKE s.path || '%')
     WHERE p.id = ANY(${`{${projectIds.join(',')}}`}::uuid[]) AND u.status = 'active' AND u.deleted_at IS NULL`);
  return rows;
}
