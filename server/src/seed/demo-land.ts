import {
  LAND_LIST_ITEMS,
  type LandListItemCode,
  type ParcelGeometry,
  type ParcelStatus,
  polygonAreaM2,
} from '@groundbreak/domain';
import { inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/database';
import {
  idleCases,
  landProgrammes,
  landSupplies,
  parcelListItems,
  parcels,
  projectLandDemands,
  projects,
  regionalAssessments,
} from '../db/schema/index';
import { recordPlanningPermit } from '../modules/approvals/planning-permit';
import { OUTLINES } from '../modules/land/outlines';
import { addDays, between, type GeneratedProject, pick, type Rng, seededRandom } from './demo-projects';

// The demo land ledger: every demo project past 供地准备 gets its parcel (earmarked, supplied, under
// construction or built, as its state says) with a complete 用地清单 and its supply record; some 70 more
// parcels wait in the 板块 (储备 with nearly complete lists, 批而未供, 规划预留, a few recovered), so that
// matching, the map and the balance have something to show. Polygons are placed inside the 板块 outlines
// shipped with the app, never overlapping; two regional assessments cover the two parks; three idle-land
// cases stand at different stages. Signed and filed projects that need land get a land demand.

type Position = [number, number];
type Box = { minLon: number; minLat: number; maxLon: number; maxLat: number };

const ROADS = [
  '长汀路',
  '西湖路',
  '龙潭路',
  '凤林路',
  '常武路',
  '武宜路',
  '人民路',
  '阳湖路',
  '延政路',
  '花园街',
  '南湖路',
  '武南路',
  '东方路',
  '夏城路',
  '淹城路',
  '海湖路',
];
const SIDES = ['东', '南', '西', '北'];
const FREE_PARCELS = 72;
/** Metres per degree of latitude; of longitude at Wujin's latitude (31.6°). */
const M_PER_DEG_LAT = 110_900;
const M_PER_DEG_LON = 94_850;

function inside(point: Position, ring: Position[]): boolean {
  let hit = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as Position;
    const [xj, yj] = ring[j] as Position;
    if (yi > point[1] !== yj > point[1] && point[0] < ((xj - xi) * (point[1] - yi)) / (yj - yi) + xi)
      hit = !hit;
  }
  return hit;
}

const overlaps = (a: Box, b: Box) =>
  a.minLon < b.maxLon && b.minLon < a.maxLon && a.minLat < b.maxLat && b.minLat < a.maxLat;

/** Places rectangles of a given area inside a 板块's outline, apart from each other and from its edge. */
function placer(rng: Rng) {
  const rings = new Map<string, Position[]>();
  for (const f of OUTLINES.features) {
    if (f.properties.kind === 'subarea')
      rings.set(f.properties.code, f.geometry.coordinates[0] as Position[]);
  }
  const placed: Box[] = [];
  return (
    code: string,
    areaM2: number,
    near?: Position,
  ): { geometry: ParcelGeometry; centre: Position } | null => {
    const ring = rings.get(code);
    if (!ring) return null;
    const lons = ring.map((p) => p[0]);
    const lats = ring.map((p) => p[1]);
    const ratio = 0.6 + rng() * 0.9; // width : height
    const widthM = Math.sqrt(areaM2 * ratio);
    const heightM = areaM2 / widthM;
    const w = widthM / M_PER_DEG_LON;
    const h = heightM / M_PER_DEG_LAT;
    const gap = 0.0006;
    for (let attempt = 0; attempt < 1000; attempt++) {
      // Parcels cluster around the 板块's industrial area (near a given point, spreading as it fills up),
      // else anywhere inside.
      const spread = 0.05 + attempt * 0.0002;
      const close = near && attempt < 500;
      const lon = close
        ? near[0] + (rng() - 0.5) * spread
        : Math.min(...lons) + rng() * (Math.max(...lons) - Math.min(...lons));
      const lat = close
        ? near[1] + (rng() - 0.5) * spread * 0.8
        : Math.min(...lats) + rng() * (Math.max(...lats) - Math.min(...lats));
      const box = { minLon: lon - w / 2, maxLon: lon + w / 2, minLat: lat - h / 2, maxLat: lat + h / 2 };
      const corners: Position[] = [
        [box.minLon - gap, box.minLat - gap],
        [box.maxLon + gap, box.minLat - gap],
        [box.maxLon + gap, box.maxLat + gap],
        [box.minLon - gap, box.maxLat + gap],
      ];
      if (!corners.every((c) => inside(c, ring))) continue;
      const padded = { ...box, minLon: box.minLon - gap, maxLon: box.maxLon + gap };
      if (placed.some((b) => overlaps(b, padded))) continue;
      placed.push(padded);
      const r = (v: number) => Math.round(v * 1e6) / 1e6;
      const outer: Position[] = [
        [r(box.minLon), r(box.minLat)],
        [r(box.maxLon), r(box.minLat)],
        [r(box.maxLon), r(box.maxLat)],
        [r(box.minLon), r(box.maxLat)],
      ];
      return {
        geometry: { type: 'Polygon', coordinates: [[...outer, outer[0] as Position]] },
        centre: [r(lon), r(lat)],
      };
    }
    return null;
  };
}

/** Where each 板块's industrial cluster sits. */
function seats(): Map<string, Position> {
  const out = new Map<string, Position>();
  for (const f of OUTLINES.features) {
    // The industrial area lies a little south-east of the seat (and leaves the 板块's name readable).
    const seat = f.properties.seat;
    if (seat) out.set(f.properties.code, [seat[0] + 0.016, seat[1] - 0.014]);
  }
  return out;
}

type ListRow = typeof parcelListItems.$inferInsert;

/** A complete list as of `on`: most items approved shortly before, the rest not applicable. */
function completeList(
  rng: Rng,
  parcelId: string,
  on: string,
  skip: ReadonlySet<string> = new Set(),
): ListRow[] {
  return LAND_LIST_ITEMS.filter((item) => !skip.has(item.code)).map((item) => {
    const applies = rng() < 0.55;
    const approvedOn = addDays(on, -between(rng, 5, 120));
    return applies
      ? {
          parcelId,
          code: item.code,
          status: 'approved',
          docNo: `武${item.department.slice(0, 2)}〔${approvedOn.slice(0, 4)}〕${between(rng, 10, 180)}号`,
          approvedOn,
          validUntil: item.kind === 'assessment' ? addDays(approvedOn, 365 * between(rng, 2, 5)) : null,
          conclusion: '符合要求',
        }
      : { parcelId, code: item.code, status: 'not_applicable', conclusion: '经核实不涉及' };
  });
}

export type DemoLandResult = { parcels: number; supplies: number; idleCases: number };

/**
 * Loads the demo land ledger for freshly inserted demo projects (by internal number). `today` is the day
 * the demo is built; the idle watch that runs after it lights the parcels whose agreed start has passed.
 */
export async function seedDemoLand(
  tx: Db,
  generated: GeneratedProject[],
  subareas: { id: string; code: string }[],
  today: string,
  now: Date,
): Promise<DemoLandResult> {
  const rng = seededRandom(20251205);
  const place = placer(rng);
  const seatOf = seats();
  const regionCode = new Map(subareas.map((s) => [s.id, s.code]));
  const numbers = generated.map((g) => g.values.internalNo as string);
  const ids = new Map<string, string>();
  for (let i = 0; i < numbers.length; i += 5000) {
    const rows = await tx
      .select({ id: projects.id, internalNo: projects.internalNo })
      .from(projects)
      .where(inArray(projects.internalNo, numbers.slice(i, i + 5000)));
    for (const r of rows) ids.set(r.internalNo, r.id);
  }
  const counters = new Map<string, number>();
  const parcelNoFor = (year: string) => {
    const n = (counters.get(year) ?? 0) + 1;
    counters.set(year, n);
    return `WJ${year}-${String(n).padStart(3, '0')}`;
  };
  const nameFor = () => `${pick(rng, ROADS)}${pick(rng, SIDES)}侧地块`;
  const parcelRows: (typeof parcels.$inferInsert)[] = [];
  const lists: ListRow[] = [];
  const supplies: (typeof landSupplies.$inferInsert)[] = [];
  const permits: Array<[string, { planningPermitNo: string; contractOn: string }]> = [];
  const demands: (typeof projectLandDemands.$inferInsert)[] = [];
  const coordinates: { id: string; lon: number; lat: number }[] = [];
  const base = { isDemo: true, createdAt: now, updatedAt: now };

  for (const g of generated) {
    const v = g.values;
    const projectId = ids.get(v.internalNo as string);
    if (!projectId) continue;
    const code = regionCode.get(v.regionId as string) ?? '';
    const needsLand = v.landUse === 'new_land' || v.landUse === 'stock_land';
    const state = v.state as string;
    const industrial = v.projectType === 'industrial';
    const areaM2 = Math.max(6_000, Number(v.landAreaM2) || between(rng, 15_000, 60_000));

    // Signed and filed projects that need land say how much: matching ranks parcels for them.
    if (needsLand && !g.land && (state === 'SIGNED' || state === 'FILED')) {
      // Large projects take their land in phases: the demand is this phase's.
      const phase = Math.min(areaM2, between(rng, 20, 110) * 666.67);
      demands.push({
        projectId,
        areaM2: Math.round(phase),
        use: industrial ? 'industrial' : 'commercial',
        plotRatioNeeded: industrial ? pick(rng, [1.2, 1.5, 1.8, 2.0]) : null,
        preferredRegionId: v.regionId as string,
        wantedOn: addDays(today, between(rng, 60, 300)),
        note: phase < areaM2 ? `分期供地，本期需求约 ${Math.round(phase / 666.67)} 亩` : null,
        updatedAt: now,
      });
    }
    if (!needsLand || !g.land) {
      // Projects without a parcel of their own still show on the map, at a plausible spot in their 板块.
      const spot = place(code, 4_000, seatOf.get(code));
      if (spot) coordinates.push({ id: projectId, lon: spot.centre[0], lat: spot.centre[1] });
      continue;
    }
    const spot = place(code, areaM2, seatOf.get(code));
    if (!spot) continue;
    const supply = g.land.supply;
    const status: ParcelStatus = !supply
      ? pick(rng, ['reserve', 'reserve', 'approved_unsupplied'] as const)
      : ['COMPLETED', 'IN_PRODUCTION', 'AT_TARGET', 'POST_EVALUATED'].includes(state)
        ? 'built'
        : state === 'STARTED'
          ? 'under_construction'
          : 'supplied';
    const isNew = v.landUse === 'new_land';
    const approvedOn = addDays(g.land.pickedOn, -between(rng, 120, 540));
    const id = crypto.randomUUID();
    parcelRows.push({
      ...base,
      id,
      parcelNo: parcelNoFor(g.land.pickedOn.slice(0, 4)),
      name: nameFor(),
      regionId: v.regionId as string,
      location: (v.location as string | null) ?? null,
      geometry: spot.geometry,
      centreLon: spot.centre[0],
      centreLat: spot.centre[1],
      areaM2: Math.round(polygonAreaM2(spot.geometry)),
      use: industrial ? 'industrial' : 'commercial',
      source: isNew ? 'new' : pick(rng, ['stock', 'inefficient'] as const),
      status,
      plotRatioMin: industrial ? 1.2 : 1.0,
      plotRatioMax: industrial ? 3.0 : 2.5,
      buildingCoverageMin: industrial ? 0.4 : null,
      greenRatioMax: industrial ? 0.15 : null,
      heightLimitM: industrial ? 50 : 60,
      intensityMinWanPerMu: industrial ? 400 : null,
      taxMinWanPerMu: industrial ? 30 : null,
      industries: [],
      conversionBatch: isNew
        ? `武进区${approvedOn.slice(0, 4)}年度第${between(rng, 1, 12)}批次城镇建设用地`
        : null,
      conversionApprovalNo: isNew ? `苏政地〔${approvedOn.slice(0, 4)}〕${between(rng, 100, 2400)}号` : null,
      conversionApprovedOn: isNew ? approvedOn : null,
      conversionAuthority: isNew ? '江苏省人民政府' : null,
      conversionValidUntil: isNew ? addDays(approvedOn, 730) : null,
      readyOn: addDays(g.land.pickedOn, -between(rng, 10, 90)),
      projectId,
      developedAreaM2: status === 'built' ? Math.round(areaM2 * 0.9) : null,
    });
    if (supply) {
      lists.push(...completeList(rng, id, supply.listCompletedOn));
      const started = state === 'STARTED' || status === 'built';
      // Most agreed starts fall about half a year after the contract; a few slipped badly (idle-land demo).
      const agreedStartOn = addDays(
        supply.contractOn,
        started ? between(rng, 60, 200) : between(rng, 150, 420),
      );
      permits.push([projectId, supply]);
      supplies.push({
        ...base,
        parcelId: id,
        projectId,
        method: isNew ? pick(rng, ['listing', 'listing', 'auction'] as const) : 'agreement',
        announcedOn: addDays(supply.contractOn, -between(rng, 25, 40)),
        dealOn: addDays(supply.contractOn, -between(rng, 3, 15)),
        priceYuan: Math.round((areaM2 / 666.67) * between(rng, 18, 45)) * 10_000,
        grantee: v.builderName as string,
        contractNo: supply.contractNo,
        contractOn: supply.contractOn,
        agreedStartOn,
        agreedCompletionOn: addDays(agreedStartOn, 730),
      });
    } else {
      // Picked, not supplied yet: the list is close to complete, a few items still in hand.
      const open = new Set(
        LAND_LIST_ITEMS.filter(() => rng() < 0.15)
          .slice(0, 3)
          .map((i) => i.code),
      );
      lists.push(...completeList(rng, id, today, open));
      for (const code of open) lists.push({ parcelId: id, code, status: 'in_progress' });
    }
  }

  // Parcels waiting for projects: 储备 with lists nearly complete, 批而未供 at various points, 规划预留, recovered.
  for (let i = 0; i < FREE_PARCELS; i++) {
    const region = subareas[i % subareas.length] as { id: string; code: string };
    const roll = rng();
    const status: ParcelStatus =
      roll < 0.4 ? 'reserve' : roll < 0.78 ? 'approved_unsupplied' : roll < 0.95 ? 'planned' : 'recovered';
    const areaM2 = between(rng, 8, 150) * 666.67;
    const spot = place(region.code, areaM2, rng() < 0.7 ? seatOf.get(region.code) : undefined);
    if (!spot) continue;
    const id = crypto.randomUUID();
    const year = addDays(today, -between(rng, 30, 700)).slice(0, 4);
    const approved = status !== 'planned';
    const approvedOn = addDays(today, -between(rng, 60, 800));
    const industrial = rng() < 0.8;
    parcelRows.push({
      ...base,
      id,
      parcelNo: parcelNoFor(year),
      name: nameFor(),
      regionId: region.id,
      location: null,
      geometry: spot.geometry,
      centreLon: spot.centre[0],
      centreLat: spot.centre[1],
      areaM2: Math.round(polygonAreaM2(spot.geometry)),
      use: industrial
        ? pick(rng, ['industrial', 'industrial', 'industrial', 'm0', 'warehouse'] as const)
        : 'commercial',
      source:
        status === 'recovered' ? 'stock' : pick(rng, ['new', 'new', 'new', 'stock', 'inefficient'] as const),
      status,
      plotRatioMin: industrial ? pick(rng, [1.0, 1.2, 1.5]) : 1.0,
      plotRatioMax: industrial ? pick(rng, [2.0, 2.5, 3.0]) : 2.5,
      buildingCoverageMin: industrial ? 0.4 : null,
      greenRatioMax: industrial ? 0.15 : null,
      heightLimitM: pick(rng, [24, 40, 50, 60]),
      intensityMinWanPerMu: industrial ? pick(rng, [350, 400, 500]) : null,
      taxMinWanPerMu: industrial ? pick(rng, [25, 30, 40]) : null,
      industries:
        rng() < 0.5 ? [pick(rng, ['新能源', '智能电动汽车', '高端装备', '新材料(石墨烯)', '生物医药'])] : [],
      conversionBatch: approved
        ? `武进区${approvedOn.slice(0, 4)}年度第${between(rng, 1, 12)}批次城镇建设用地`
        : null,
      conversionApprovalNo: approved
        ? `苏政地〔${approvedOn.slice(0, 4)}〕${between(rng, 100, 2400)}号`
        : null,
      conversionApprovedOn: approved ? approvedOn : null,
      conversionAuthority: approved ? '江苏省人民政府' : null,
      conversionValidUntil: approved ? addDays(approvedOn, 730) : null,
      readyOn: status === 'reserve' ? addDays(today, -between(rng, 0, 200)) : null,
    });
    if (status === 'reserve') {
      // Nearly complete: 0–4 items still open, so that some parcels are ready today and some almost.
      const complete = rng() < 0.45;
      const open = new Set(
        LAND_LIST_ITEMS.filter(() => !complete && rng() < 0.12)
          .slice(0, 4)
          .map((item) => item.code),
      );
      lists.push(...completeList(rng, id, today, open));
      for (const code of open)
        lists.push({ parcelId: id, code, status: pick(rng, ['in_progress', 'not_started']) });
    } else if (status === 'approved_unsupplied') {
      const started = LAND_LIST_ITEMS.filter(() => rng() < 0.5).map((item) => item.code);
      const done = completeList(rng, id, today).filter((row) =>
        started.includes(row.code as LandListItemCode),
      );
      lists.push(...done);
    }
  }

  for (let i = 0; i < parcelRows.length; i += 200)
    await tx.insert(parcels).values(parcelRows.slice(i, i + 200));
  for (let i = 0; i < lists.length; i += 500) {
    await tx.insert(parcelListItems).values(lists.slice(i, i + 500).map((l) => ({ ...l, updatedAt: now })));
  }
  for (let i = 0; i < supplies.length; i += 200)
    await tx.insert(landSupplies).values(supplies.slice(i, i + 200));
  // Each supplied project's 建设用地规划许可证, issued with the contract, on its approval item.
  for (const [projectId, supply] of permits) {
    await recordPlanningPermit(tx, {
      projectId,
      number: supply.planningPermitNo,
      on: supply.contractOn,
      userId: null,
      now,
      today,
    });
  }
  if (demands.length > 0) await tx.insert(projectLandDemands).values(demands);
  for (const c of coordinates) {
    await tx.execute(
      sql`UPDATE projects SET longitude = ${c.lon}, latitude = ${c.lat} WHERE id = ${c.id}::uuid`,
    );
  }

  // The two parks' regional assessments (区域评估): one record each, standing for every parcel inside.
  const park = (code: string) => subareas.find((s) => s.code === code)?.id;
  const gxq = park('WJ-GXQ');
  const xth = park('WJ-XTH');
  const assessments = [
    gxq && {
      regionId: gxq,
      code: 'GEOHAZ',
      name: '武进国家高新区地质灾害危险性区域评估',
      docNo: '常自然资武〔2024〕37号',
      approvedOn: '2024-05-20',
      validUntil: '2029-05-19',
    },
    xth && {
      regionId: xth,
      code: 'MINERAL',
      name: '常州西太湖科技产业园压覆重要矿产资源区域评估',
      docNo: '常自然资武〔2024〕52号',
      approvedOn: '2024-07-08',
      validUntil: addDays(today, 45), // due for renewal soon: the list flags it
    },
  ].filter(Boolean) as (typeof regionalAssessments.$inferInsert)[];
  if (assessments.length > 0) {
    await tx
      .insert(regionalAssessments)
      .values(
        assessments.map((a) => ({ ...a, ...base, status: 'approved', conclusion: '区域内地块共享评估结论' })),
      );
  }

  // Idle land: three supplied parcels whose projects never started, at three stages of the procedure.
  const stale = supplies
    .filter((s) => {
      const p = parcelRows.find((r) => r.id === s.parcelId);
      return p?.status === 'supplied' && (s.agreedStartOn ?? today) < addDays(today, -200);
    })
    .slice(0, 3);
  const cases: (typeof idleCases.$inferInsert)[] = [];
  const stages = [
    { stage: 'investigation', noticeOn: addDays(today, -12) },
    {
      stage: 'plan',
      cause: 'enterprise',
      disposal: 'fee',
      noticeOn: addDays(today, -95),
      determinationNo: `武闲认〔${today.slice(0, 4)}〕3号`,
      determinedOn: addDays(today, -50),
      plan: '按土地出让价款的 20% 征缴土地闲置费，责令 6 个月内动工',
    },
    {
      stage: 'closed',
      cause: 'government',
      disposal: 'extension',
      noticeOn: addDays(today, -260),
      determinationNo: `武闲认〔${today.slice(0, 4)}〕1号`,
      determinedOn: addDays(today, -220),
      plan: '因配套道路未按期交付，延长动工期限一年',
      decisionNo: `武闲决〔${today.slice(0, 4)}〕1号`,
      decidedOn: addDays(today, -200),
      deadlineOn: addDays(today, 165),
      result: '已签订补充协议，约定动工日期顺延一年',
      closedOn: addDays(today, -190),
    },
  ];
  stale.forEach((s, k) => {
    const stage = stages[k];
    if (stage) cases.push({ ...base, parcelId: s.parcelId as string, ...stage });
  });
  if (cases.length > 0) await tx.insert(idleCases).values(cases);
  if (cases[1]) {
    await tx.execute(sql`UPDATE parcels SET status = 'idle' WHERE id = ${cases[1].parcelId}::uuid`);
  }
  if (cases[2]) {
    // The extension moved the agreed start: the supply says so.
    await tx.execute(
      sql`UPDATE land_supplies SET agreed_start_on = ${addDays(today, 165)}::date WHERE parcel_id = ${cases[2].parcelId}::uuid`,
    );
  }

  // A 成片开发方案 and a 全域土地综合整治 programme, with their parcels.
  const inRegion = (code: string) =>
    parcelRows.filter((p) => regionCode.get(p.regionId) === code).map((p) => p.id as string);
  await tx.insert(landProgrammes).values([
    {
      ...base,
      kind: 'contiguous_development',
      name: '武进国家高新区南区土地征收成片开发方案（2024—2026年）',
      regionId: gxq ?? (subareas[0]?.id as string),
      docNo: '苏政复〔2024〕18号',
      approvedOn: '2024-04-12',
      validUntil: '2026-12-31',
      parcelIds: inRegion('WJ-GXQ').slice(0, 12),
    },
    {
      ...base,
      kind: 'consolidation',
      name: '雪堰镇全域土地综合整治试点',
      regionId: park('WJ-XYZ') ?? (subareas[0]?.id as string),
      docNo: '苏自然资函〔2023〕611号',
      approvedOn: '2023-09-01',
      validUntil: '2026-09-01',
      parcelIds: inRegion('WJ-XYZ').slice(0, 6),
      newFarmlandM2: 412_000,
      relocatedLandM2: 186_000,
    },
  ]);
  return { parcels: parcelRows.length, supplies: supplies.length, idleCases: cases.length };
}
