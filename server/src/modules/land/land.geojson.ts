import {
  LAND_SOURCE_LABELS,
  type LandSource,
  PARCEL_STATUS_LABELS,
  PARCEL_USE_LABELS,
  type ParcelFeature,
  type ParcelStatus,
  type ParcelUse,
  readParcelFeatures,
} from '@groundbreak/domain';
import { and, eq } from 'drizzle-orm';
import { type Clock, shanghaiDate } from '../../clock';
import type { Database } from '../../db/database';
import { type parcels, regions } from '../../db/schema/index';
import { AppError } from '../../errors';
import { regionWithinScope } from '../../lib/scope';
import type { AuditActor, AuditRecord, AuditRepository } from '../audit/audit.repository';
import type { Principal } from '../registry';
import type { LandRepository } from './land.repository';

// Parcel boundaries from a GIS export (GeoJSON, WGS84 or CGCS2000 longitude/latitude). A feature names its
// parcel by 地块编号: a known parcel in the caller's scope gets the polygon, an unknown number becomes a new
// parcel in the 板块 it names (or the one chosen for the file). The preview lists every feature; the commit
// writes all of them in one transaction, and is refused while any feature has a problem — the refusal
// names the feature by its position in the file and says why.

const KEYS = {
  parcelNo: ['parcelNo', 'parcel_no', '地块编号', 'DKBH', 'dkbh', '编号', 'code'],
  name: ['name', '地块名称', 'DKMC', 'dkmc', '名称'],
  region: ['regionName', '所属板块', '板块', '镇街', '乡镇'],
  use: ['use', '规划用途', '用途', 'YT'],
  status: ['status', '状态', '地块状态'],
  source: ['source', '土地来源', '来源'],
  location: ['location', '坐落', '位置'],
};

/** Statuses a new parcel may start in (later ones come from supply and the idle-land procedure). */
const START_STATUSES: readonly ParcelStatus[] = ['planned', 'approved_unsupplied', 'reserve'];
/** Features one file may carry: a district's ledger is a few thousand. */
export const GEOJSON_MAX_FEATURES = 20_000;

const clean = (v: unknown) => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');
const propertyOf = (properties: Record<string, unknown>, keys: readonly string[]) => {
  for (const key of keys) {
    const v = clean(properties[key]);
    if (v) return v;
  }
  return '';
};
const key = (text: string) => text.normalize('NFKC').replace(/\s|[()（）]/g, '');

/** A code or its label (用途 as the GIS layer writes it: "工业用地", "工业", or "industrial"). */
function choiceOf<T extends string>(labels: Record<T, string>, text: string): T | null {
  if (!text) return null;
  if (text in labels) return text as T;
  const wanted = key(text);
  const hit = (Object.entries(labels) as [T, string][]).find(
    ([, label]) => key(label) === wanted || key(label).startsWith(wanted),
  );
  return hit ? hit[0] : null;
}

export type GeojsonPreview = {
  features: number;
  problems: { index: number; reason: string }[];
  warnings: { index: number; message: string }[];
  rows: {
    index: number;
    parcelNo: string | null;
    name: string | null;
    action: 'create' | 'update' | 'error';
    areaM2: number;
    message: string | null;
  }[];
  committable: boolean;
};

type Planned = {
  feature: ParcelFeature;
  action: 'create' | 'update';
  parcelNo: string;
  name: string;
  existing: typeof parcels.$inferSelect | null;
  regionId: string | null;
  use: ParcelUse;
  status: ParcelStatus;
  source: LandSource;
  location: string | null;
};

export function createGeojsonImport(deps: {
  database: Database;
  land: LandRepository;
  audit: AuditRepository;
  clock: Clock;
}) {
  const { database, land, audit, clock } = deps;
  const db = database.db;

  async function plan(principal: Principal, text: string, defaultRegionId: string | undefined) {
    let doc: unknown;
    try {
      doc = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch {
      throw new AppError('VALIDATION_FAILED', '文件不是有效的 GeoJSON（JSON 格式错误）');
    }
    const read = readParcelFeatures(doc);
    const total =
      (doc as { features?: unknown[] })?.features?.length ?? (read.problems[0]?.index === -1 ? 0 : 1);
    if (total > GEOJSON_MAX_FEATURES) {
      throw new AppError('VALIDATION_FAILED', `一个文件最多 ${GEOJSON_MAX_FEATURES} 个地块，请分批导入`);
    }
    const problems = [...read.problems];
    const subareas = await db
      .select({ id: regions.id, name: regions.name, aliases: regions.aliases })
      .from(regions)
      .where(and(eq(regions.level, 'subarea'), regionWithinScope(principal, regions.id)));
    const regionByName = new Map<string, string>();
    for (const r of subareas) for (const n of [r.name, ...r.aliases]) regionByName.set(key(n), r.id);
    const inScope = new Set(subareas.map((r) => r.id));
    if (defaultRegionId && !inScope.has(defaultRegionId)) {
      throw new AppError('VALIDATION_FAILED', '所选板块不存在或不在您的数据范围内', {
        fields: [{ field: 'regionId', message: '所选板块不存在或不在您的数据范围内' }],
      });
    }
    const numbers = read.features.map((f) => propertyOf(f.properties, KEYS.parcelNo)).filter(Boolean);
    const existing = new Map((await land.findByNos(numbers)).map((p) => [p.parcelNo, p] as const));
    const seen = new Map<string, number>();
    const planned: Planned[] = [];
    for (const feature of read.features) {
      const refuse = (reason: string) => problems.push({ index: feature.index, reason });
      const parcelNo = propertyOf(feature.properties, KEYS.parcelNo);
      if (!parcelNo) {
        refuse('缺少地块编号（属性 地块编号 或 parcelNo）');
        continue;
      }
      if (parcelNo.length > 40) {
        refuse('地块编号超过 40 字');
        continue;
      }
      const earlier = seen.get(parcelNo);
      if (earlier !== undefined) {
        refuse(`地块编号 ${parcelNo} 与第 ${earlier + 1} 个要素重复`);
        continue;
      }
      seen.set(parcelNo, feature.index);
      const found = existing.get(parcelNo) ?? null;
      if (found && !inScope.has(found.regionId)) {
        refuse(`地块编号 ${parcelNo} 已属于您数据范围以外的板块`);
        continue;
      }
      const regionText = propertyOf(feature.properties, KEYS.region);
      const regionId = regionText ? (regionByName.get(key(regionText)) ?? null) : (defaultRegionId ?? null);
      if (!found && regionText && !regionId) {
        refuse(`板块“${regionText}”不存在或不在您的数据范围内`);
        continue;
      }
      if (!found && !regionId) {
        refuse('新地块须有所属板块（属性 所属板块，或导入时选择板块）');
        continue;
      }
      const useText = propertyOf(feature.properties, KEYS.use);
      const use = useText ? choiceOf(PARCEL_USE_LABELS, useText) : 'industrial';
      if (!use) {
        refuse(`规划用途“${useText}”无法识别`);
        continue;
      }
      const statusText = propertyOf(feature.properties, KEYS.status);
      const status = statusText ? choiceOf(PARCEL_STATUS_LABELS, statusText) : 'planned';
      if (!found && (!status || !START_STATUSES.includes(status))) {
        refuse(`新地块的状态须为 规划预留、批而未供 或 储备(净地)（文件中为“${statusText}”）`);
        continue;
      }
      const sourceText = propertyOf(feature.properties, KEYS.source);
      const source = sourceText ? choiceOf(LAND_SOURCE_LABELS, sourceText) : 'new';
      if (!source) {
        refuse(`土地来源“${sourceText}”无法识别`);
        continue;
      }
      const name = propertyOf(feature.properties, KEYS.name).slice(0, 100) || parcelNo;
      const location = propertyOf(feature.properties, KEYS.location).slice(0, 200) || null;
      planned.push({
        feature,
        action: found ? 'update' : 'create',
        parcelNo,
        name,
        existing: found,
        regionId: found ? found.regionId : regionId,
        use,
        status: (status ?? 'planned') as ParcelStatus,
        source,
        location,
      });
    }
    problems.sort((a, b) => a.index - b.index);
    const problemAt = new Map(problems.map((p) => [p.index, p.reason]));
    const plannedAt = new Map(planned.map((p) => [p.feature.index, p]));
    const featureAt = new Map(read.features.map((f) => [f.index, f]));
    const raw = (doc as { features?: unknown[] })?.features ?? [];
    const rawProperties = (index: number) => {
      const p = (raw[index] as { properties?: unknown } | undefined)?.properties;
      return (p && typeof p === 'object' ? p : {}) as Record<string, unknown>;
    };
    const rows: GeojsonPreview['rows'] = [];
    for (let index = 0; index < total; index++) {
      const p = plannedAt.get(index);
      const f = featureAt.get(index);
      rows.push({
        index,
        parcelNo: p?.parcelNo ?? (propertyOf(f?.properties ?? rawProperties(index), KEYS.parcelNo) || null),
        name: p?.name ?? (propertyOf(f?.properties ?? rawProperties(index), KEYS.name) || null),
        action: p ? p.action : 'error',
        areaM2: f?.areaM2 ?? 0,
        message: problemAt.get(index) ?? null,
      });
    }
    const preview: GeojsonPreview = {
      features: total,
      problems,
      warnings: read.warnings,
      rows,
      committable: problems.length === 0 && planned.length > 0,
    };
    return { preview, planned };
  }

  return {
    async run(
      principal: Principal,
      actor: AuditActor,
      input: { text: string; fileName: string; regionId?: string | undefined; commit: boolean },
    ) {
      if (!principal.actions.has('land.write')) {
        throw new AppError('FORBIDDEN', '地块台账由自然资源和规划部门维护');
      }
      const { preview, planned } = await plan(principal, input.text, input.regionId);
      if (!input.commit) return { preview, committed: null };
      if (!preview.committable) {
        const first = preview.problems
          .slice(0, 3)
          .map((p) => (p.index >= 0 ? `第 ${p.index + 1} 个要素：${p.reason}` : p.reason))
          .join('；');
        throw new AppError(
          'VALIDATION_FAILED',
          `文件有 ${preview.problems.length} 处问题，未导入任何地块：${first}`,
          {
            problems: preview.problems,
          },
        );
      }
      const now = clock.now();
      const importRecord = (objectId: string, p: Planned, change: 'create' | 'update'): AuditRecord => ({
        action: 'parcel.import',
        objectType: 'parcel',
        objectId,
        result: 'success',
        summary: {
          fileName: input.fileName,
          format: 'geojson',
          feature: p.feature.index,
          change,
          parcelNo: p.parcelNo,
          areaM2: p.feature.areaM2,
        },
      });
      const committed = await db.transaction(async (tx) => {
        let created = 0;
        let updated = 0;
        const ids: string[] = [];
        const records: AuditRecord[] = [];
        for (const p of planned) {
          const geometry = {
            geometry: p.feature.geometry,
            centreLon: p.feature.centre[0],
            centreLat: p.feature.centre[1],
          };
          if (p.existing) {
            const row = await land.update(tx, p.existing.id, p.existing.version, {
              ...geometry,
              updatedAt: now,
              updatedBy: principal.userId,
            });
            if (!row) throw new AppError('VERSION_CONFLICT', `地块 ${p.parcelNo} 在预览后被修改，请重新导入`);
            ids.push(row.id);
            records.push(importRecord(row.id, p, 'update'));
            updated++;
          } else {
            if (await land.numberTaken(p.parcelNo, undefined, tx)) {
              throw new AppError('CONFLICT', `地块编号 ${p.parcelNo} 在预览后已被登记，请重新导入`);
            }
            const row = await land.insert(tx, {
              ...geometry,
              parcelNo: p.parcelNo,
              name: p.name,
              regionId: p.regionId as string,
              location: p.location,
              areaM2: p.feature.areaM2,
              use: p.use,
              source: p.source,
              status: p.status,
              createdAt: now,
              updatedAt: now,
              createdBy: principal.userId,
              updatedBy: principal.userId,
            });
            ids.push(row.id);
            records.push(importRecord(row.id, p, 'create'));
            created++;
          }
        }
        await land.recountLists(tx, shanghaiDate(now), { ids });
        // One entry per parcel, so that each parcel's history says the file its polygon came from.
        await audit.appendMany(tx, actor, records, now);
        return { created, updated };
      });
      return { preview, committed };
    },
  };
}
