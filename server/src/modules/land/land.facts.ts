import {
  assessLandList,
  effectiveEntry,
  isParcelAvailable,
  LAND_LIST_ITEM_CODES,
  type ParcelStatus,
} from '@groundbreak/domain';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { landSupplies, parcels, regions } from '../../db/schema/index';
import { planningPermitOf } from '../approvals/planning-permit';
import { createLandRepository, entriesOf } from './land.repository';

// The land facts the project gates read (domain.md §3.3): FILED → LAND_PREP needs a linked parcel that is
// available (储备 or 批而未供) and drawn (its red line); LAND_PREP → LAND_SUPPLIED needs the parcel's 用地清单
// complete, the supply contract, and the 建设用地规划许可证 number (on the project's approval item of that permit).

async function linkedParcel(db: Db, projectId: string) {
  const [row] = await db
    .select({ p: parcels, regionPath: regions.path })
    .from(parcels)
    .innerJoin(regions, eq(regions.id, parcels.regionId))
    .where(and(eq(parcels.projectId, projectId), isNull(parcels.deletedAt)))
    .orderBy(desc(parcels.updatedAt))
    .limit(1);
  return row;
}

async function supplyOf(db: Db, projectId: string) {
  const [row] = await db
    .select()
    .from(landSupplies)
    .where(and(eq(landSupplies.projectId, projectId), isNull(landSupplies.deletedAt)))
    .orderBy(desc(landSupplies.updatedAt))
    .limit(1);
  return row;
}

export async function parcelFact(db: Db, projectId: string) {
  const linked = await linkedParcel(db, projectId);
  const status = linked?.p.status as ParcelStatus | undefined;
  return {
    code: linked?.p.parcelNo ?? null,
    // Earmarked (still 储备 or 批而未供), or already supplied to this very project.
    available: status !== undefined && (isParcelAvailable(status) || status === 'supplied'),
    redLineMap: Boolean(linked?.p.geometry),
  };
}

/** Complete on the day the land was supplied (the list was handed over then), or today before supply. */
export async function landListFact(db: Db, projectId: string, today: string) {
  const linked = await linkedParcel(db, projectId);
  if (!linked) return { complete: false };
  const supply = await supplyOf(db, projectId);
  const asOf = supply?.contractOn ?? today;
  const { own, regional } = await createLandRepository(db).listOf(linked.p.id, linked.regionPath);
  const entries = entriesOf(own, regional);
  const effective = LAND_LIST_ITEM_CODES.flatMap((code) => {
    const e = effectiveEntry(entries.own.get(code), entries.regional.get(code), asOf);
    return e ? [e] : [];
  });
  return { complete: assessLandList(effective, asOf).complete };
}

export async function landContractFact(db: Db, projectId: string, hasContractFile: boolean) {
  const supply = await supplyOf(db, projectId);
  return { number: supply?.contractNo ?? null, signedOn: supply?.contractOn ?? null, file: hasContractFile };
}

export async function planningPermitFact(db: Db, projectId: string) {
  return { number: await planningPermitOf(db, projectId) };
}
