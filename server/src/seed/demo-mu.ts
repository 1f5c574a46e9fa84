import { type MuClass, YUAN_PER_WAN } from '@groundbreak/domain';
import { and, count, inArray, isNotNull, isNull } from 'drizzle-orm';
import type { Db } from '../db/database';
import { muEvaluations, projects } from '../db/schema/index';
import type { FieldProtector } from '../lib/crypto/field-protector';
import { DEMO_ENTERPRISES } from './demo-data';

// Demo 亩均 classes and annual figures, 2023–2025: the demo enterprises, and the company of every demo
// project in production (投产, 达产, 后评价) from the year it started producing — so that the
// post-evaluation finds actual figures to compare with the commitments. A company is T (不参评) until two
// full years after 投产 (domain.md §9.3 [A]); otherwise its class follows its 亩均税收 (A ≥ 30 万元/亩,
// B ≥ 15, C ≥ 5, else D). Figures are deterministic (a hash of the credit code and year).

const YEARS = [2023, 2024, 2025];
const M2_PER_MU = 10_000 / 15;

/** A stable number in [0, 1) from a text. */
function unit(text: string): number {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ (ch.codePointAt(0) ?? 0), 16777619) >>> 0;
  return h / 2 ** 32;
}

function classOf(taxYuan: number, landMu: number): MuClass {
  const perMuWan = taxYuan / landMu / YUAN_PER_WAN;
  return perMuWan >= 30 ? 'A' : perMuWan >= 15 ? 'B' : perMuWan >= 5 ? 'C' : 'D';
}

type Basis = {
  uscc: string;
  name: string;
  landMu: number;
  salesYuan: number;
  jobs: number;
  firstYear: number;
  tYears: number[];
};

function rowsOf(b: Basis, now: Date) {
  return YEARS.filter((y) => y >= b.firstYear).map((year) => {
    const f = 0.55 + unit(`${b.uscc}:${year}`) * 0.8; // 55%–135% of the basis
    const growth = 1 + (year - 2023) * 0.06;
    const salesYuan = Math.round((b.salesYuan * f * growth) / YUAN_PER_WAN) * YUAN_PER_WAN;
    const taxYuan = Math.round((salesYuan * (0.035 + unit(`${b.uscc}:tax`) * 0.03)) / 1000) * 1000;
    const muClass: MuClass = b.tYears.includes(year) ? 'T' : classOf(taxYuan, b.landMu);
    const score =
      muClass === 'T'
        ? null
        : Math.round((40 + Math.min(60, (taxYuan / b.landMu / YUAN_PER_WAN) * 1.6)) * 10) / 10;
    return {
      uscc: b.uscc,
      enterpriseName: b.name,
      year,
      muClass,
      score,
      salesYuan,
      taxYuan,
      landMu: Math.round(b.landMu * 10) / 10,
      energyTce: Math.round((salesYuan / YUAN_PER_WAN) * (0.02 + unit(`${b.uscc}:e`) * 0.04)),
      employees: Math.max(20, Math.round(b.jobs * f)),
      rdYuan: Math.round((salesYuan * (0.015 + unit(`${b.uscc}:rd`) * 0.035)) / 1000) * 1000,
      createdAt: now,
      updatedAt: now,
    };
  });
}

/**
 * Demo data of 亩均 classes and annual figures of the demo enterprises; idempotent (runs at every demo start after the projects). Returns how many rows it
 * added (0 when already there).
 */
export async function seedDemoMu(
  db: Db,
  now: Date,
  _deps: { protector: FieldProtector; dataDir: string },
): Promise<{ added: number }> {
  const [existing] = await db.select({ n: count() }).from(muEvaluations);
  if ((existing?.n ?? 0) > 0) return { added: 0 };
  const producing = await db
    .select({
      uscc: projects.uscc,
      name: projects.builderName,
      landAreaM2: projects.landAreaM2,
      committedSalesYuan: projects.committedSalesYuan,
      committedJobs: projects.committedJobs,
      actualProductionOn: projects.actualProductionOn,
    })
    .from(projects)
    .where(
      and(
        isNull(projects.deletedAt),
        isNotNull(projects.uscc),
        inArray(projects.state, ['IN_PRODUCTION', 'AT_TARGET', 'POST_EVALUATED']),
      ),
    );
  const bases = new Map<string, Basis>();
  for (const p of producing) {
    if (!p.uscc || bases.has(p.uscc)) continue;
    const startYear = Number((p.actualProductionOn ?? '2022-01-01').slice(0, 4));
    bases.set(p.uscc, {
      uscc: p.uscc,
      name: p.name ?? '演示企业',
      // A leased plant (no land of its own) is measured on 40 亩.
      landMu: Math.max(10, (p.landAreaM2 || 40 * M2_PER_MU) / M2_PER_MU),
      salesYuan: p.committedSalesYuan ?? 300_000_000,
      jobs: p.committedJobs ?? 200,
      // Figures from the year production started (a part year); T until two full years after it.
      firstYear: startYear,
      tYears: [startYear, startYear + 1, startYear + 2],
    });
  }
  for (const e of DEMO_ENTERPRISES) {
    if (bases.has(e.uscc)) continue;
    bases.set(e.uscc, {
      uscc: e.uscc,
      name: e.name,
      landMu: 30 + Math.round(unit(`${e.uscc}:land`) * 150),
      salesYuan: Math.round(80 + unit(`${e.uscc}:sales`) * 900) * 1_000_000,
      jobs: 80 + Math.round(unit(`${e.uscc}:jobs`) * 600),
      firstYear: 2023,
      tYears: [],
    });
  }
  const rows = [...bases.values()].flatMap((b) => rowsOf(b, now));
  let added = 0;
  for (let i = 0; i < rows.length; i += 500) {
    const inserted = await db
      .insert(muEvaluations)
      .values(rows.slice(i, i + 500))
      .onConflictDoNothing()
      .returning({ id: muEvaluations.id });
    added += inserted.length;
  }
  return { added };
}
