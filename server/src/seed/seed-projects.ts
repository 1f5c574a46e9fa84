import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ATTACHMENT_KIND_LABELS } from '@groundbreak/contract';
import { type AttachmentKind, GATE_DOCUMENTS } from '@groundbreak/domain';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { shanghaiDate } from '../clock';
import type { Db } from '../db/database';
import {
  annualPlanItems,
  annualPlans,
  attachments,
  enterprises,
  orgs,
  projectLibraries,
  projectStateChanges,
  projects,
  projectYearPlans,
  regions,
  targets,
  users,
} from '../db/schema/index';
import type { FieldProtector } from '../lib/crypto/field-protector';
import { watchLand } from '../modules/land/land.idle';
import { filesRoot } from '../modules/projects/attachments.service';
import { freezePlanItems } from '../modules/projects/plans.service';
import { type ProjectValues, protectProjectValues } from '../modules/projects/projects.repository';
import { seedDemoLand } from './demo-land';
import { type FixedProject, type GeneratedProject, generateProjects, type SubareaRef } from './demo-projects';
import { seedDemoTracking } from './demo-tracking';

// The Wujin demo registry: the three real projects of domain.md §13.2 with their public facts, and
// generated ones around them, with library entries, yearly plans, approved annual plans and targets.

const YI = 100_000_000;

export const REAL_PROJECTS: FixedProject[] = [
  {
    subareaCode: 'WJ-GXQ',
    name: '常州燕龙汽车车身轻量化零部件生产项目',
    builderName: '常州燕龙汽车零部件有限公司',
    uscc: '91320412MAEUHUXQ7A',
    chain: '智能电动汽车',
    industryCode: 'C36',
    totalInvestment: 15 * YI,
    landAreaM2: Math.round((120 * 10_000) / 15),
    noLand: false,
    timeline: {
      LEAD: '2024-06-12',
      NEGOTIATING: '2024-07-20',
      SIGNED: '2024-10-28',
      FILED: '2024-12-30',
      LAND_PREP: '2025-01-15',
      LAND_SUPPLIED: '2025-06-26',
      APPROVING: '2025-06-26',
      STARTED: '2025-06-26',
      COMPLETED: '2027-06-30',
    },
    values: {
      investorName: '燕龙（集团）有限公司',
      constructionNature: 'new',
      scaleContent:
        '一期投资3.5亿元，新建钢结构厂房，建设1条热成型生产线（A/B柱、防撞梁，单线10万台(套)/月、30秒/件），规划5条；引进进口设备54台套、国产设备479台套，形成年产600万件热成型零部件生产能力',
      designCapacity: '年产600万件热成型零部件',
      equipmentInvestment: 4 * YI,
      plannedStartOn: '2025-06-26',
      plannedCompletionOn: '2027-06-30',
      plannedProductionOn: '2027-08-31',
      landReadyStart: true,
      fourPermitsOn: '2025-06-26',
      progressText: '基础短柱浇筑中，钢结构厂房计划8月底完成',
    },
    from: { landReadyStart: 'STARTED', fourPermitsOn: 'STARTED', progressText: 'STARTED' },
  },
  {
    subareaCode: 'WJ-GXQ',
    name: '江苏道金智能制造科技股份有限公司粉体智能产线制造项目',
    builderName: '江苏道金智能制造科技股份有限公司',
    uscc: '91320412MAEEGUJ64N',
    chain: '高端装备',
    industryCode: 'C35',
    totalInvestment: 3 * YI,
    landAreaM2: 26_000,
    noLand: false,
    timeline: {
      LEAD: '2024-03-02',
      NEGOTIATING: '2024-04-10',
      SIGNED: '2024-08-16',
      FILED: '2024-11-20',
      LAND_PREP: '2024-12-05',
      LAND_SUPPLIED: '2025-04-18',
      APPROVING: '2025-04-25',
      STARTED: '2025-05-20',
      COMPLETED: '2026-09-30',
    },
    values: {
      investorName: '江苏道金智能制造科技股份有限公司',
      constructionNature: 'new',
      scaleContent: '新建厂房3.1万平方米以上，形成年产正极产线20条、负极产线30条、上料系统10套的生产能力',
      designCapacity: '年产正极产线20条、负极产线30条、上料系统10套',
      floorAreaM2: 31_200,
      plannedStartOn: '2025-05-20',
      plannedCompletionOn: '2026-09-30',
      plannedProductionOn: '2026-10-31',
      progressText: '主体结构施工',
    },
    from: { progressText: 'STARTED', floorAreaM2: 'APPROVING' },
  },
  {
    subareaCode: 'WJ-GXQ',
    name: '常诚车业（常州）有限公司年产150万套新能源汽车用智能视觉系统车灯智能制造项目',
    builderName: '常诚车业（常州）有限公司',
    uscc: '91320412MA5RGFLK6K',
    chain: '智能电动汽车',
    industryCode: 'C36',
    totalInvestment: 5 * YI,
    landAreaM2: 0,
    noLand: true,
    timeline: {
      LEAD: '2024-02-18',
      NEGOTIATING: '2024-03-20',
      SIGNED: '2024-07-09',
      FILED: '2024-10-15',
      APPROVING: '2024-11-20',
      STARTED: '2025-03-18',
      COMPLETED: '2026-03-31',
    },
    values: {
      investorName: '常诚车业（常州）有限公司',
      constructionNature: 'new',
      scaleContent:
        '租赁标准厂房，购置智能视觉车灯生产线，形成年产150万套新能源汽车用智能视觉系统车灯生产能力',
      designCapacity: '年产150万套智能视觉系统车灯',
      plannedStartOn: '2025-03-18',
      plannedCompletionOn: '2026-03-31',
      plannedProductionOn: '2026-04-30',
      progressText: '设备安装调试（2025年11月）',
    },
    from: { progressText: 'STARTED' },
  },
];

/** 区重点 new-entry targets per 板块 for a year, summing to the district's 230 [A: split]. */
const DISTRICT_LIBRARY_TARGETS: Record<string, number> = {
  'WJ-GXQ': 46,
  'WJ-XTH': 36,
  '320412100': 24,
  'WJ-NTZ': 18,
  'WJ-LYZ': 18,
  'WJ-XYZ': 16,
  'WJ-QHZ': 18,
  'WJ-LJZ': 20,
  'WJ-JZZ': 16,
  'WJ-HLZ': 18,
};

export type DemoProjectsResult = { projects: number; libraries: number };

/** Photos and maps are images; every other demo document is a PDF. */
const IMAGE_KINDS: ReadonlySet<AttachmentKind> = new Set(['parcel_red_line_map', 'start_photo']);
// A 1×1 PNG.
const DEMO_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** Writes the demo documents of one project under DATA_DIR/files/demo and returns their rows. */
function demoAttachments(dataDir: string, g: GeneratedProject, projectId: string) {
  // The documents each move it made asked for (domain's GATE_DOCUMENTS), dated on that move.
  const wanted = g.stateChanges.flatMap((c) =>
    c.event === 'advance'
      ? (GATE_DOCUMENTS[`${c.fromState}>${c.toState}`] ?? []).map((kind) => ({ kind, on: c.on }))
      : [],
  );
  const dir = path.join(filesRoot(dataDir), 'demo');
  fs.mkdirSync(dir, { recursive: true });
  return wanted.map(({ kind, on }) => {
    const id = uuidv7();
    const image = IMAGE_KINDS.has(kind);
    const fileName = `${ATTACHMENT_KIND_LABELS[kind].replaceAll('/', '、')}（演示）.${image ? 'png' : 'pdf'}`;
    const content = image
      ? DEMO_PNG
      : Buffer.from(`%PDF-1.4\n% Groundbreak demo document ${kind} ${projectId}\n%%EOF\n`);
    fs.writeFileSync(path.join(dir, id), content);
    return {
      id,
      projectId,
      kind,
      fileName,
      contentType: image ? 'image/png' : 'application/pdf',
      sizeBytes: content.length,
      sha256: crypto.createHash('sha256').update(content).digest('hex'),
      storageKey: `demo/${id}`,
      uploadedByName: '演示数据',
      uploadedAt: new Date(`${on}T11:00:00+08:00`),
    };
  });
}

/** Loads the demo registry once (a database that already holds demo projects is left as it is). */
export async function seedDemoProjects(
  db: Db,
  now: Date,
  options: { protector: FieldProtector; dataDir?: string | undefined },
): Promise<DemoProjectsResult> {
  const [existing] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(projects)
    .where(eq(projects.isDemo, true));
  if ((existing?.n ?? 0) > 0) return { projects: existing?.n ?? 0, libraries: 0 };
  const today = shanghaiDate(now);
  const [district] = await db.select().from(regions).where(eq(regions.code, '320412'));
  if (!district) throw new Error('reference data missing: 320412');
  const subareaRows = await db
    .select({ id: regions.id, code: regions.code })
    .from(regions)
    .where(and(eq(regions.parentId, district.id), eq(regions.level, 'subarea'), isNull(regions.deletedAt)));
  const orgRows = await db.select({ id: orgs.id, code: orgs.code }).from(orgs);
  const orgOf = (code: string) =>
    orgRows.find((o) => o.code === `${code}-ADM`)?.id ??
    orgRows.find((o) => o.code === `${code}-GOV`)?.id ??
    null;
  const subareas: SubareaRef[] = subareaRows
    .filter((r) => r.code in DISTRICT_LIBRARY_TARGETS)
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((r) => ({ ...r, orgId: orgOf(r.code) }));
  const [leader] = await db
    .select({ id: users.id })
    .from(users)
    .where(sql`${users.roles} @> ARRAY['leader']::text[]`)
    .limit(1);
  const generated = generateProjects({
    today,
    count: 297,
    seed: 20250331,
    subareas,
    division: '320412',
    internalNoPrefix: 'WJ',
    leaderUserId: leader?.id ?? null,
    seedFigures: true,
    fixed: REAL_PROJECTS,
  });
  return db.transaction(async (tx) => {
    const result = await insertGenerated(tx, generated, now, options);
    await seedPlansAndTargets(tx, district.id, subareas, today, now);
    // The land ledger follows the projects (their parcels and supplies), then the day's idle watch.
    await seedDemoLand(tx, generated, subareas, today, now);
    await watchLand(tx, today, now);
    // Then what was reported month by month since 2024, and the problems raised on the way.
    await seedDemoTracking(tx, generated, today, now);
    return result;
  });
}

/** Inserts generated projects with their enterprises, entries, yearly plans and state timelines. */
export async function insertGenerated(
  tx: Db,
  generated: GeneratedProject[],
  now: Date,
  options: { protector: FieldProtector; batch?: number; dataDir?: string | undefined },
): Promise<DemoProjectsResult> {
  const batch = options.batch ?? 200;
  const wanted = generated.flatMap((g) => (g.enterprise ? [g.enterprise] : []));
  for (let i = 0; i < wanted.length; i += batch) {
    await tx
      .insert(enterprises)
      .values(wanted.slice(i, i + batch).map((e) => ({ ...e, isDemo: true, createdAt: now, updatedAt: now })))
      .onConflictDoNothing();
  }
  const usccs = [...new Set(wanted.map((e) => e.uscc))];
  const enterpriseId = new Map<string, string>();
  for (let i = 0; i < usccs.length; i += 5000) {
    const rows = await tx
      .select({ id: enterprises.id, uscc: enterprises.uscc })
      .from(enterprises)
      .where(inArray(enterprises.uscc, usccs.slice(i, i + 5000)));
    for (const r of rows) enterpriseId.set(r.uscc, r.id);
  }
  let libraries = 0;
  for (let i = 0; i < generated.length; i += batch) {
    const slice = generated.slice(i, i + batch);
    const inserted = await tx
      .insert(projects)
      .values(
        await Promise.all(
          slice.map((g) =>
            // The phone is encrypted like any project's: demo data is stored as real data is.
            protectProjectValues(options.protector, {
              ...(g.values as ProjectValues & typeof projects.$inferInsert),
              enterpriseId: g.values.uscc ? (enterpriseId.get(g.values.uscc as string) ?? null) : null,
            }),
          ),
        ),
      )
      .returning({ id: projects.id });
    const libs = slice.flatMap((g, k) =>
      g.libraries.map((l) => ({
        ...l,
        projectId: inserted[k]?.id as string,
        decidedAt: l.enteredOn ? new Date(`${l.enteredOn}T10:00:00+08:00`) : null,
        returnReason: l.status === 'returned' ? '前期手续不全，请补充备案证后重新申报' : null,
        createdAt: now,
        updatedAt: now,
      })),
    );
    if (libs.length > 0) await tx.insert(projectLibraries).values(libs);
    if (options.dataDir) {
      const files = slice.flatMap((g, k) =>
        demoAttachments(options.dataDir as string, g, inserted[k]?.id as string),
      );
      if (files.length > 0) await tx.insert(attachments).values(files);
    }
    libraries += libs.length;
    const plans = slice.flatMap((g, k) =>
      g.yearPlans.map((p) => ({ ...p, projectId: inserted[k]?.id as string, updatedAt: now })),
    );
    if (plans.length > 0) await tx.insert(projectYearPlans).values(plans);
    const changes = slice.flatMap((g, k) =>
      g.stateChanges.map((c) => ({
        projectId: inserted[k]?.id as string,
        fromState: c.fromState,
        toState: c.toState,
        event: c.event,
        reason:
          c.event === 'suspend'
            ? '企业资金安排调整，暂缓建设'
            : c.event === 'terminate'
              ? '投资方战略调整'
              : null,
        actorName: '演示数据',
        at: new Date(`${c.on}T15:00:00+08:00`),
      })),
    );
    if (changes.length > 0) await tx.insert(projectStateChanges).values(changes);
  }
  return { projects: generated.length, libraries };
}

/** Approved annual plans (2025 and the current year, once their approval date has passed) and targets. */
async function seedPlansAndTargets(
  tx: Db,
  districtId: string,
  subareas: SubareaRef[],
  today: string,
  now: Date,
) {
  const currentYear = Number(today.slice(0, 4));
  const years = [...new Set([2025, currentYear])].filter((y) => y <= currentYear);
  for (const year of years) {
    const approvedOn = `${year}-02-20`;
    if (approvedOn <= today) {
      const items = await freezePlanItems(tx, year, districtId);
      const [plan] = await tx
        .insert(annualPlans)
        .values({
          year,
          version: 1,
          status: 'approved',
          note: `${year}年重大项目年度计划（演示数据）`,
          approvedAt: new Date(`${approvedOn}T10:00:00+08:00`),
          approvedByName: '区重大项目办(演示)',
          regionId: districtId,
        })
        .returning({ id: annualPlans.id });
      if (plan && items.length > 0) {
        await tx.insert(annualPlanItems).values(items.map((it) => ({ ...it, planId: plan.id })));
      }
    }
    const scale = year === 2025 ? 1 : 1.05;
    const rows: { regionId: string; metric: string; value: number }[] = [
      { regionId: districtId, metric: 'library_district', value: Math.round(230 * scale) },
      { regionId: districtId, metric: 'library_city', value: Math.round(40 * scale) },
      { regionId: districtId, metric: 'library_province', value: 11 },
      { regionId: districtId, metric: 'new_starts', value: Math.round(60 * scale) },
      { regionId: districtId, metric: 'completions', value: Math.round(40 * scale) },
      { regionId: districtId, metric: 'annual_investment', value: Math.round(320 * scale) * YI },
      ...subareas.map((s) => ({
        regionId: s.id,
        metric: 'library_district',
        value: Math.round((DISTRICT_LIBRARY_TARGETS[s.code] ?? 0) * scale),
      })),
      ...subareas.map((s) => ({ regionId: s.id, metric: 'new_starts', value: Math.round(6 * scale) })),
      // Land (亩): 批而未供消化 and 存量盘活 per 板块, the parks asked for more.
      ...subareas.map((s) => ({
        regionId: s.id,
        metric: 'land_digestion',
        value: Math.round((s.code === 'WJ-GXQ' || s.code === 'WJ-XTH' ? 600 : 450) * scale),
      })),
      ...subareas.map((s) => ({
        regionId: s.id,
        metric: 'land_revitalisation',
        value: Math.round((s.code === 'WJ-GXQ' || s.code === 'WJ-XTH' ? 300 : 200) * scale),
      })),
    ];
    await tx
      .insert(targets)
      .values(rows.map((r) => ({ ...r, year, createdAt: now, updatedAt: now })))
      .onConflictDoNothing();
  }
}
