import type { LAND_PROGRAMME_KINDS } from '@groundbreak/contract';
import type { ParcelStatus } from '@groundbreak/domain';
import { and, asc, count, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { Clock } from '../../clock';
import type { Database } from '../../db/database';
import { landProgrammes, parcels, regions } from '../../db/schema/index';
import { AppError, notFound } from '../../errors';
import { versionConflict } from '../../lib/conflict';
import { offsetOf } from '../../lib/paging';
import { regionWithinScope } from '../../lib/scope';
import type { AuditActor, AuditRepository } from '../audit/audit.repository';
import type { Principal } from '../registry';

// 成片开发方案 and 全域土地综合整治 (domain.md §10.4): programmes as documents (文号, approval, validity, the
// consolidation's new farmland and relocated construction land) linked to the parcels they cover. A
// programme belongs to a 板块 (or the district); its parcels must lie within it and within the caller's scope.

type Kind = (typeof LAND_PROGRAMME_KINDS)[number];
type Row = typeof landProgrammes.$inferSelect;
type Body = {
  name: string;
  docNo?: string | null | undefined;
  approvedOn?: string | null | undefined;
  validUntil?: string | null | undefined;
  newFarmlandM2?: number | null | undefined;
  relocatedLandM2?: number | null | undefined;
  parcelIds: string[];
};

export function createLandProgrammes(deps: { database: Database; audit: AuditRepository; clock: Clock }) {
  const { database, audit, clock } = deps;
  const db = database.db;

  async function present(principal: Principal, rows: { g: Row; regionName: string }[]) {
    const ids = [...new Set(rows.flatMap((r) => r.g.parcelIds))];
    const linked =
      ids.length === 0
        ? []
        : await db
            .select({
              id: parcels.id,
              parcelNo: parcels.parcelNo,
              name: parcels.name,
              status: parcels.status,
              areaM2: parcels.areaM2,
            })
            .from(parcels)
            .where(
              and(
                inArray(parcels.id, ids),
                isNull(parcels.deletedAt),
                regionWithinScope(principal, parcels.regionId),
              ),
            );
    const byId = new Map(linked.map((p) => [p.id, { ...p, status: p.status as ParcelStatus }]));
    return rows.map(({ g, regionName }) => {
      const own = g.parcelIds.flatMap((id) => {
        const p = byId.get(id);
        return p ? [p] : [];
      });
      return {
        id: g.id,
        kind: g.kind as Kind,
        name: g.name,
        regionId: g.regionId,
        regionName,
        docNo: g.docNo,
        approvedOn: g.approvedOn,
        validUntil: g.validUntil,
        newFarmlandM2: g.newFarmlandM2,
        relocatedLandM2: g.relocatedLandM2,
        parcels: own,
        areaM2: Math.round(own.reduce((s, p) => s + p.areaM2, 0)),
        isDemo: g.isDemo,
        version: g.version,
      };
    });
  }

  async function load(principal: Principal, id: string) {
    const [row] = await db
      .select({ g: landProgrammes, regionName: regions.name })
      .from(landProgrammes)
      .innerJoin(regions, eq(regions.id, landProgrammes.regionId))
      .where(
        and(
          eq(landProgrammes.id, id),
          isNull(landProgrammes.deletedAt),
          regionWithinScope(principal, landProgrammes.regionId),
        ),
      );
    if (!row) throw notFound('方案');
    return row;
  }

  /** The parcels must exist, lie in the programme's region and in the caller's scope. */
  async function checkParcels(principal: Principal, regionId: string, ids: string[]) {
    if (ids.length === 0) return;
    const [region] = await db.select({ path: regions.path }).from(regions).where(eq(regions.id, regionId));
    const found = await db
      .select({ id: parcels.id })
      .from(parcels)
      .innerJoin(regions, eq(regions.id, parcels.regionId))
      .where(
        and(
          inArray(parcels.id, ids),
          isNull(parcels.deletedAt),
          regionWithinScope(principal, parcels.regionId),
          sql`${regions.path} LIKE ${`${region?.path ?? '-'}%`}`,
        ),
      );
    if (found.length !== new Set(ids).size) {
      throw new AppError('VALIDATION_FAILED', '所选地块须在方案所属区域内且在您的数据范围内', {
        fields: [{ field: 'parcelIds', message: '所选地块须在方案所属区域内' }],
      });
    }
  }

  function requireWrite(principal: Principal) {
    if (!principal.actions.has('land.write')) throw new AppError('FORBIDDEN', '方案由自然资源和规划部门登记');
  }

  async function one(principal: Principal, id: string) {
    const [programme] = await present(principal, [await load(principal, id)]);
    if (!programme) throw notFound('方案');
    return programme;
  }

  return {
    async list(
      principal: Principal,
      q: { page: number; pageSize: number; kind?: Kind | undefined; regionId?: string | undefined },
    ) {
      const where: SQL[] = [
        isNull(landProgrammes.deletedAt),
        regionWithinScope(principal, landProgrammes.regionId),
      ];
      if (q.kind) where.push(eq(landProgrammes.kind, q.kind));
      if (q.regionId) where.push(eq(landProgrammes.regionId, q.regionId));
      const [rows, [total]] = await Promise.all([
        db
          .select({ g: landProgrammes, regionName: regions.name })
          .from(landProgrammes)
          .innerJoin(regions, eq(regions.id, landProgrammes.regionId))
          .where(and(...where))
          .orderBy(desc(landProgrammes.approvedOn), asc(landProgrammes.id))
          .limit(q.pageSize)
          .offset(offsetOf(q)),
        db
          .select({ n: count() })
          .from(landProgrammes)
          .where(and(...where)),
      ]);
      return {
        items: await present(principal, rows),
        total: total?.n ?? 0,
        page: q.page,
        pageSize: q.pageSize,
      };
    },

    async create(principal: Principal, actor: AuditActor, body: Body & { kind: Kind; regionId: string }) {
      requireWrite(principal);
      const [region] = await db
        .select({ id: regions.id })
        .from(regions)
        .where(and(eq(regions.id, body.regionId), regionWithinScope(principal, regions.id)));
      if (!region) {
        throw new AppError('VALIDATION_FAILED', '所属区域不存在或不在您的数据范围内', {
          fields: [{ field: 'regionId', message: '所属区域不存在或不在您的数据范围内' }],
        });
      }
      await checkParcels(principal, body.regionId, body.parcelIds);
      const now = clock.now();
      const id = await db.transaction(async (tx) => {
        const [row] = await tx
          .insert(landProgrammes)
          .values({
            ...body,
            parcelIds: [...new Set(body.parcelIds)],
            createdAt: now,
            updatedAt: now,
            createdBy: principal.userId,
            updatedBy: principal.userId,
          })
          .returning({ id: landProgrammes.id });
        if (!row) throw new Error('programme not inserted');
        await audit.append(
          tx,
          actor,
          {
            action: 'land_programme.create',
            objectType: 'land_programme',
            objectId: row.id,
            result: 'success',
            summary: { kind: body.kind, name: body.name, parcels: body.parcelIds.length },
          },
          now,
        );
        return row.id;
      });
      return one(principal, id);
    },

    async update(principal: Principal, actor: AuditActor, id: string, body: Body & { version: number }) {
      requireWrite(principal);
      const before = await load(principal, id);
      await checkParcels(principal, before.g.regionId, body.parcelIds);
      const now = clock.now();
      const { version, ...values } = body;
      await db.transaction(async (tx) => {
        const [row] = await tx
          .update(landProgrammes)
          .set({
            ...values,
            parcelIds: [...new Set(values.parcelIds)],
            updatedAt: now,
            updatedBy: principal.userId,
            version: sql`${landProgrammes.version} + 1`,
          })
          .where(
            and(
              eq(landProgrammes.id, id),
              eq(landProgrammes.version, version),
              isNull(landProgrammes.deletedAt),
            ),
          )
          .returning({ id: landProgrammes.id });
        if (!row) throw await versionConflict(db, '方案', before.g);
        await audit.append(
          tx,
          actor,
          {
            action: 'land_programme.update',
            objectType: 'land_programme',
            objectId: id,
            result: 'success',
            summary: { name: values.name, parcels: values.parcelIds.length },
          },
          now,
        );
      });
      return one(principal, id);
    },
  };
}
