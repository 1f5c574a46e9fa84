import type { Readable } from 'node:stream';
import type { Parcel } from '@groundbreak/contract';
import {
  assessLandList,
  canMoveParcel,
  effectiveEntry,
  isParcelAvailable,
  LAND_LIST_ITEM_CODES,
  LAND_LIST_ITEMS,
  type LandListItemCode,
  type LandListStatus,
  mayRecordListItem,
  PARCEL_STATUS_LABELS,
  PARCEL_TRANSITIONS,
  type ParcelStatus,
} from '@groundbreak/domain';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { type Clock, shanghaiDate } from '../../clock';
import type { Database, Db } from '../../db/database';
import {
  landSupplies,
  parcels,
  projectLandDemands,
  regionalAssessments,
  regions,
} from '../../db/schema/index';
import { AppError, notFound } from '../../errors';
import { versionConflict } from '../../lib/conflict';
import { planningPermitOf, recordPlanningPermit } from '../approvals/planning-permit';
import type { AuditActor, AuditRepository } from '../audit/audit.repository';
import type { AttachmentsService } from '../projects/attachments.service';
import type { ProjectsService } from '../projects/projects.service';
import type { ReferenceRepository } from '../reference/reference.repository';
import type { Principal } from '../registry';
import { entriesOf, type LandRepository, type ParcelRow } from './land.repository';

// Parcels, their 用地清单 and regional assessments, and the supply that gives a parcel to a project (moving
// the project on when its gate is met). Matching and idle land live beside this, in land.matching.ts and
// land.idle.ts.

type Deps = {
  database: Database;
  land: LandRepository;
  projects: ProjectsService;
  reference: ReferenceRepository;
  audit: AuditRepository;
  clock: Clock;
  /** Files the 出让合同 on the supply's project. */
  attachments?: AttachmentsService;
};

export type FieldError = { field: string; message: string };

const has = (p: Principal, action: Parameters<Principal['actions']['has']>[0]) => p.actions.has(action);

function refuse(errors: FieldError[]): never {
  throw new AppError('VALIDATION_FAILED', errors.map((e) => e.message).join('；'), { fields: errors });
}

/** Date-order and range checks of a parcel's fields (what the form shows under each field). */
function checkParcelFields(v: Partial<ParcelRow>): FieldError[] {
  const errors: FieldError[] = [];
  if (v.plotRatioMin != null && v.plotRatioMax != null && v.plotRatioMin > v.plotRatioMax) {
    errors.push({ field: 'plotRatioMax', message: '容积率上限不能低于下限' });
  }
  if (v.conversionApprovedOn && v.conversionValidUntil && v.conversionValidUntil < v.conversionApprovedOn) {
    errors.push({ field: 'conversionValidUntil', message: '批文有效期不能早于批准日期' });
  }
  if (v.developedAreaM2 != null && v.areaM2 != null && v.developedAreaM2 > v.areaM2) {
    errors.push({ field: 'developedAreaM2', message: '已开发面积不能大于地块面积' });
  }
  return errors;
}

export function createLandService(deps: Deps) {
  const { database, land, projects, reference, audit, clock } = deps;
  const db = database.db;
  const today = () => shanghaiDate(clock.now());

  async function load(principal: Principal, id: string) {
    const row = await land.findInScope(principal, id);
    if (!row) throw notFound('地块');
    return row;
  }

  async function listRows(parcel: ParcelRow, regionPath: string, principal: Principal) {
    const { own, regional } = await land.listOf(parcel.id, regionPath);
    const entries = entriesOf(own, regional);
    const day = today();
    const effective = LAND_LIST_ITEM_CODES.flatMap((code) => {
      const e = effectiveEntry(entries.own.get(code), entries.regional.get(code), day);
      return e ? [e] : [];
    });
    const summary = assessLandList(effective, day);
    const items = LAND_LIST_ITEMS.map((item) => {
      const ownRow = own.find((o) => o.code === item.code);
      const regionalEntry = entries.regional.get(item.code);
      const e = effectiveEntry(entries.own.get(item.code), regionalEntry, day);
      const regionalRow =
        e?.source === 'regional' ? regional.find((r) => r.id === regionalEntry?.id) : undefined;
      const shown = regionalRow ?? ownRow;
      return {
        code: item.code,
        label: item.label,
        department: item.department,
        status: (shown?.status ?? null) as LandListStatus | null,
        docNo: shown?.docNo ?? null,
        approvedOn: shown?.approvedOn ?? null,
        validUntil: shown?.validUntil ?? null,
        conclusion: shown?.conclusion ?? null,
        source: (e ? e.source : 'none') as 'parcel' | 'regional' | 'none',
        regionalAssessmentId: regionalRow?.id ?? null,
        satisfied: !summary.open.includes(item.code) && !summary.expired.includes(item.code),
        expired: summary.expired.includes(item.code),
        expiringSoon: summary.expiringSoon.includes(item.code),
        canEdit:
          has(principal, 'land.list') &&
          mayRecordListItem(item.code, principal.orgKind, has(principal, 'land.write')),
        version: ownRow?.version ?? 0,
      };
    });
    return { items, summary };
  }

  async function present(
    principal: Principal,
    row: NonNullable<Awaited<ReturnType<typeof load>>>,
  ): Promise<Parcel> {
    const p = row.p;
    const { summary } = await listRows(p, row.regionPath, principal);
    const write = has(principal, 'land.write');
    const status = p.status as ParcelStatus;
    return {
      id: p.id,
      parcelNo: p.parcelNo,
      unitCode: p.unitCode,
      name: p.name,
      regionId: p.regionId,
      regionName: row.regionName,
      location: p.location,
      boundary: p.boundary,
      areaM2: p.areaM2,
      use: p.use as Parcel['use'],
      source: p.source as Parcel['source'],
      status,
      plotRatioMin: p.plotRatioMin,
      plotRatioMax: p.plotRatioMax,
      buildingCoverageMin: p.buildingCoverageMin,
      greenRatioMax: p.greenRatioMax,
      heightLimitM: p.heightLimitM,
      intensityMinWanPerMu: p.intensityMinWanPerMu,
      taxMinWanPerMu: p.taxMinWanPerMu,
      industries: p.industries,
      conversionBatch: p.conversionBatch,
      conversionApprovalNo: p.conversionApprovalNo,
      conversionApprovedOn: p.conversionApprovedOn,
      conversionAuthority: p.conversionAuthority,
      conversionValidUntil: p.conversionValidUntil,
      readyOn: p.readyOn,
      developedAreaM2: p.developedAreaM2,
      investedYuan: p.investedYuan,
      lastProgressOn: p.lastProgressOn,
      approvedUnsupplied: row.approvedUnsupplied,
      hasGeometry: p.geometry !== null,
      centre: p.centreLon !== null && p.centreLat !== null ? [p.centreLon, p.centreLat] : null,
      projectId: p.projectId,
      projectName: row.projectName,
      projectState: (row.projectState ?? null) as Parcel['projectState'],
      idleLight: p.idleLight as Parcel['idleLight'],
      idleDays: p.idleDays,
      idleReason: p.idleReason,
      idleCheckedOn: p.idleCheckedOn,
      list: summary,
      // Supply is recorded on its own tab, never by a bare status move.
      nextStatuses: write ? PARCEL_TRANSITIONS[status].filter((s) => s !== 'supplied') : [],
      abilities: {
        edit: write,
        move: write,
        supply: write && (isParcelAvailable(status) || status === 'supplied'),
        idleCase:
          write && ['supplied', 'under_construction', 'underused', 'suspected_idle', 'idle'].includes(status),
      },
      isDemo: p.isDemo,
      version: p.version,
      updatedAt: p.updatedAt.toISOString(),
    };
  }

  async function conflictOrMissing(id: string): Promise<AppError> {
    const [current] = await db.select().from(parcels).where(eq(parcels.id, id));
    return current && !current.deletedAt ? versionConflict(db, '地块', current) : notFound('地块');
  }

  function requireWrite(principal: Principal) {
    if (!has(principal, 'land.write')) throw new AppError('FORBIDDEN', '地块台账由自然资源和规划部门维护');
  }

  async function checkRegion(principal: Principal, regionId: string): Promise<FieldError[]> {
    if (!(await reference.isRegionInScope(principal, regionId))) {
      return [{ field: 'regionId', message: '所属板块不存在或不在您的数据范围内' }];
    }
    const [row] = await db.select({ level: regions.level }).from(regions).where(eq(regions.id, regionId));
    return row?.level === 'subarea' ? [] : [{ field: 'regionId', message: '地块须归属一个板块' }];
  }

  return {
    load,
    present,
    listRows,

    async get(principal: Principal, id: string): Promise<Parcel> {
      return present(principal, await load(principal, id));
    },

    async create(
      principal: Principal,
      actor: AuditActor,
      body: Partial<typeof parcels.$inferInsert> & {
        parcelNo: string;
        name: string;
        regionId: string;
        areaM2: number;
        use: string;
        source: string;
        status: ParcelStatus;
      },
    ): Promise<Parcel> {
      requireWrite(principal);
      const now = clock.now();
      const errors = [...(await checkRegion(principal, body.regionId)), ...checkParcelFields(body)];
      if (await land.numberTaken(body.parcelNo))
        errors.push({ field: 'parcelNo', message: '该地块编号已存在' });
      if (body.status === 'approved_unsupplied' && !body.conversionApprovalNo) {
        errors.push({ field: 'conversionApprovalNo', message: '批而未供地块须填写农转用/征收批准文号' });
      }
      if (errors.length > 0) refuse(errors);
      const row = await db.transaction(async (tx) => {
        const inserted = await land.insert(tx, {
          ...body,
          createdAt: now,
          updatedAt: now,
          createdBy: principal.userId,
          updatedBy: principal.userId,
        });
        await land.recountLists(tx, shanghaiDate(now), { ids: [inserted.id] });
        await audit.append(
          tx,
          actor,
          {
            action: 'parcel.create',
            objectType: 'parcel',
            objectId: inserted.id,
            result: 'success',
            summary: {
              after: { parcelNo: body.parcelNo, name: body.name, areaM2: body.areaM2, status: body.status },
            },
          },
          now,
        );
        return inserted;
      });
      return this.get(principal, row.id);
    },

    async update(
      principal: Principal,
      actor: AuditActor,
      id: string,
      body: Partial<typeof parcels.$inferInsert> & { version: number },
    ): Promise<Parcel> {
      requireWrite(principal);
      const now = clock.now();
      const before = (await load(principal, id)).p;
      const { version, ...values } = body;
      for (const key of Object.keys(values) as (keyof typeof values)[]) {
        if (JSON.stringify(values[key]) === JSON.stringify(before[key as keyof ParcelRow]))
          delete values[key];
      }
      const merged = { ...before, ...values };
      const errors = checkParcelFields(merged);
      if (values.regionId) errors.push(...(await checkRegion(principal, values.regionId)));
      if (values.parcelNo && (await land.numberTaken(values.parcelNo, id))) {
        errors.push({ field: 'parcelNo', message: '该地块编号已存在' });
      }
      if (errors.length > 0) refuse(errors);
      if (Object.keys(values).length === 0 && version === before.version) return this.get(principal, id);
      await db.transaction(async (tx) => {
        const updated = await land.update(tx, id, version, {
          ...values,
          updatedAt: now,
          updatedBy: principal.userId,
        });
        if (!updated) throw await conflictOrMissing(id);
        if ('regionId' in values) await land.recountLists(tx, shanghaiDate(now), { ids: [id] });
        await audit.append(
          tx,
          actor,
          {
            action: 'parcel.update',
            objectType: 'parcel',
            objectId: id,
            result: 'success',
            summary: {
              before: Object.fromEntries(Object.keys(values).map((k) => [k, before[k as keyof ParcelRow]])),
              after: values,
            },
          },
          now,
        );
      });
      return this.get(principal, id);
    },

    /** A status move by hand (§10.2); supply has its own record, the idle procedure its own case. */
    async move(
      principal: Principal,
      actor: AuditActor,
      id: string,
      body: { to: ParcelStatus; version: number; reason?: string | undefined },
    ): Promise<Parcel> {
      requireWrite(principal);
      const now = clock.now();
      const row = (await load(principal, id)).p;
      const from = row.status as ParcelStatus;
      if (body.to === 'supplied') {
        throw new AppError('CONFLICT', '供地须在“出让”页登记出让（划拨）记录');
      }
      if (!canMoveParcel(from, body.to)) {
        throw new AppError(
          'ILLEGAL_TRANSITION',
          `地块不能从「${PARCEL_STATUS_LABELS[from]}」变为「${PARCEL_STATUS_LABELS[body.to]}」`,
        );
      }
      if (body.to === 'approved_unsupplied' && !row.conversionApprovalNo) {
        refuse([{ field: 'conversionApprovalNo', message: '请先填写农转用/征收批准文号' }]);
      }
      await db.transaction(async (tx) => {
        const updated = await land.update(tx, id, body.version, {
          status: body.to,
          updatedAt: now,
          updatedBy: principal.userId,
        });
        if (!updated) throw await conflictOrMissing(id);
        await audit.append(
          tx,
          actor,
          {
            action: 'parcel.transition',
            objectType: 'parcel',
            objectId: id,
            result: 'success',
            summary: { from, to: body.to, reason: body.reason ?? null },
          },
          now,
        );
      });
      return this.get(principal, id);
    },

    async putListItem(
      principal: Principal,
      actor: AuditActor,
      id: string,
      code: LandListItemCode,
      body: {
        status: LandListStatus;
        docNo?: string | null | undefined;
        approvedOn?: string | null | undefined;
        validUntil?: string | null | undefined;
        conclusion?: string | null | undefined;
        version: number;
      },
    ) {
      const row = await load(principal, id);
      if (
        !has(principal, 'land.list') ||
        !mayRecordListItem(code, principal.orgKind, has(principal, 'land.write'))
      ) {
        throw new AppError('FORBIDDEN', '该事项由其主管部门（或自然资源和规划部门）填写');
      }
      const errors: FieldError[] = [];
      if (body.status === 'approved') {
        if (!body.docNo) errors.push({ field: 'docNo', message: '已批复须填写批复文号' });
        if (!body.approvedOn) errors.push({ field: 'approvedOn', message: '已批复须填写批复日期' });
      }
      if (body.approvedOn && body.validUntil && body.validUntil < body.approvedOn) {
        errors.push({ field: 'validUntil', message: '有效期不能早于批复日期' });
      }
      if (body.approvedOn && body.approvedOn > today()) {
        errors.push({ field: 'approvedOn', message: '批复日期不能晚于今天' });
      }
      if (errors.length > 0) refuse(errors);
      const now = clock.now();
      await db.transaction(async (tx) => {
        const ok = await land.putListItem(tx, id, code, body.version, {
          status: body.status,
          docNo: body.docNo ?? null,
          approvedOn: body.approvedOn ?? null,
          validUntil: body.validUntil ?? null,
          conclusion: body.conclusion ?? null,
          updatedAt: now,
          updatedBy: principal.userId,
        });
        if (!ok) {
          throw new AppError('VERSION_CONFLICT', '该事项已被他人修改，请刷新后再保存');
        }
        await land.recountLists(tx, shanghaiDate(now), { ids: [id] });
        await audit.append(
          tx,
          actor,
          {
            action: 'parcel.list_item',
            objectType: 'parcel',
            objectId: id,
            result: 'success',
            summary: {
              code,
              status: body.status,
              docNo: body.docNo ?? null,
              validUntil: body.validUntil ?? null,
            },
          },
          now,
        );
        // The list may have been the last thing the project's move to 已供地 waited for.
        if (row.p.projectId) await advanceSupplied(tx, actor, row.p.projectId, principal);
      });
      return listRows(row.p, row.regionPath, principal);
    },

    async putAssessment(
      principal: Principal,
      actor: AuditActor,
      id: string | null,
      body: {
        regionId?: string;
        code?: LandListItemCode;
        name: string;
        status: LandListStatus;
        docNo?: string | null | undefined;
        approvedOn?: string | null | undefined;
        validUntil?: string | null | undefined;
        conclusion?: string | null | undefined;
        version?: number;
      },
    ) {
      const now = clock.now();
      const existing = id ? await land.assessmentInScope(principal, id) : undefined;
      if (id && !existing) throw notFound('区域评估');
      const code = (existing?.a.code ?? body.code) as LandListItemCode;
      if (
        !has(principal, 'land.list') ||
        !mayRecordListItem(code, principal.orgKind, has(principal, 'land.write'))
      ) {
        throw new AppError('FORBIDDEN', '区域评估由其主管部门（或自然资源和规划部门）登记');
      }
      const errors: FieldError[] = [];
      const regionId = existing?.a.regionId ?? (body.regionId as string);
      if (!existing && !(await reference.isRegionInScope(principal, regionId))) {
        errors.push({ field: 'regionId', message: '区域不存在或不在您的数据范围内' });
      }
      if (body.status === 'approved' && (!body.docNo || !body.approvedOn)) {
        errors.push({ field: 'docNo', message: '已批复须填写批复文号和批复日期' });
      }
      if (body.approvedOn && body.validUntil && body.validUntil < body.approvedOn) {
        errors.push({ field: 'validUntil', message: '有效期不能早于批复日期' });
      }
      if (errors.length > 0) refuse(errors);
      const values = {
        name: body.name,
        status: body.status,
        docNo: body.docNo ?? null,
        approvedOn: body.approvedOn ?? null,
        validUntil: body.validUntil ?? null,
        conclusion: body.conclusion ?? null,
        updatedAt: now,
        updatedBy: principal.userId,
      };
      const saved = await db.transaction(async (tx) => {
        let row: typeof regionalAssessments.$inferSelect | undefined;
        if (existing) {
          [row] = await tx
            .update(regionalAssessments)
            .set({ ...values, version: sql`${regionalAssessments.version} + 1` })
            .where(
              and(
                eq(regionalAssessments.id, existing.a.id),
                eq(regionalAssessments.version, body.version ?? 0),
              ),
            )
            .returning();
          if (!row) throw await versionConflict(db, '区域评估', existing.a);
        } else {
          [row] = await tx
            .insert(regionalAssessments)
            .values({ ...values, regionId, code, createdAt: now, createdBy: principal.userId })
            .returning();
        }
        if (!row) throw new Error('assessment not saved');
        const [region] = await tx
          .select({ path: regions.path })
          .from(regions)
          .where(eq(regions.id, regionId));
        await land.recountLists(tx, shanghaiDate(now), { underPath: region?.path ?? '/none/' });
        await audit.append(
          tx,
          actor,
          {
            action: existing ? 'regional_assessment.update' : 'regional_assessment.create',
            objectType: 'regional_assessment',
            objectId: row.id,
            result: 'success',
            summary: {
              code,
              regionId,
              status: body.status,
              docNo: body.docNo ?? null,
              validUntil: body.validUntil ?? null,
            },
          },
          now,
        );
        return row;
      });
      return saved.id;
    },

    async assessments(
      principal: Principal,
      f: {
        page: number;
        pageSize: number;
        sort?: string | undefined;
        regionId?: string | undefined;
        id?: string;
      },
    ) {
      const page = await land.assessments(principal, f);
      return {
        items: page.rows.map(({ a, regionName, parcels: covered }) => ({
          id: a.id,
          regionId: a.regionId,
          regionName,
          code: a.code as LandListItemCode,
          name: a.name,
          status: a.status as LandListStatus,
          docNo: a.docNo,
          approvedOn: a.approvedOn,
          validUntil: a.validUntil,
          conclusion: a.conclusion,
          parcels: covered,
          canEdit:
            has(principal, 'land.list') &&
            mayRecordListItem(a.code as LandListItemCode, principal.orgKind, has(principal, 'land.write')),
          isDemo: a.isDemo,
          version: a.version,
        })),
        total: page.total,
        page: f.page,
        pageSize: f.pageSize,
      };
    },

    async assessment(principal: Principal, id: string) {
      const [found] = (await this.assessments(principal, { page: 1, pageSize: 20, id })).items;
      if (!found) throw notFound('区域评估');
      return found;
    },

    async supply(principal: Principal, id: string) {
      const row = await load(principal, id);
      const supply = await land.supplyOf(id);
      const projectId = supply?.projectId ?? row.p.projectId;
      const gate = projectId ? await gateOf(projectId, principal) : null;
      return {
        supply: supply ? await presentSupply(supply) : null,
        unmet: gate?.unmet ?? [],
        projectState: gate?.state ?? null,
      };
    },

    /**
     * Records (or corrects) the supply of a parcel to a project. The parcel becomes 已供未开工 once the
     * contract is signed; the project moves 供地准备 → 已供地 as soon as its gate is met.
     */
    async putSupply(
      principal: Principal,
      actor: AuditActor,
      id: string,
      body: {
        projectId: string;
        method: string;
        announcedOn?: string | null | undefined;
        dealOn?: string | null | undefined;
        priceYuan?: number | null | undefined;
        grantee?: string | null | undefined;
        contractNo?: string | null | undefined;
        contractOn?: string | null | undefined;
        agreedStartOn?: string | null | undefined;
        agreedCompletionOn?: string | null | undefined;
        planningPermitNo?: string | null | undefined;
        planningPermitNoWas?: string | null | undefined;
        version: number;
      },
    ) {
      requireWrite(principal);
      const now = clock.now();
      const row = await load(principal, id);
      const status = row.p.status as ParcelStatus;
      const project = await projects.load(principal, body.projectId).catch(() => undefined);
      const errors: FieldError[] = [];
      if (!project) errors.push({ field: 'projectId', message: '项目不存在或不在您的数据范围内' });
      if (row.p.projectId && row.p.projectId !== body.projectId) {
        errors.push({ field: 'projectId', message: `该地块已为“${row.projectName}”预留` });
      }
      if (!isParcelAvailable(status) && status !== 'supplied') {
        errors.push({ field: 'projectId', message: `地块处于「${PARCEL_STATUS_LABELS[status]}」，不能供地` });
      }
      const order: [keyof typeof body, keyof typeof body, string][] = [
        ['announcedOn', 'dealOn', '成交日期不能早于公告日期'],
        ['dealOn', 'contractOn', '合同签订日期不能早于成交日期'],
        ['agreedStartOn', 'agreedCompletionOn', '约定竣工日期不能早于约定动工日期'],
        ['contractOn', 'agreedStartOn', '约定动工日期不能早于合同签订日期'],
      ];
      for (const [a, b, message] of order) {
        const first = body[a] as string | null | undefined;
        const second = body[b] as string | null | undefined;
        if (first && second && second < first) errors.push({ field: b, message });
      }
      if (body.contractOn && body.contractOn > today()) {
        errors.push({ field: 'contractOn', message: '合同签订日期不能晚于今天' });
      }
      if (errors.length > 0) refuse(errors);
      const existing = await land.supplyOf(id);
      if ((existing?.version ?? 0) !== body.version) {
        throw new AppError('VERSION_CONFLICT', '出让记录已被他人修改，请刷新后再保存');
      }
      // The permit number is the project's LAND_PLAN_PERMIT approval item's, not the supply record's.
      const { version: _v, planningPermitNo, planningPermitNoWas, ...fields } = body;
      await db.transaction(async (tx) => {
        if (existing) {
          const written = await tx
            .update(landSupplies)
            .set({ ...fields, version: existing.version + 1, updatedAt: now, updatedBy: principal.userId })
            .where(and(eq(landSupplies.id, existing.id), eq(landSupplies.version, existing.version)))
            .returning({ id: landSupplies.id });
          if (written.length === 0) {
            throw new AppError('VERSION_CONFLICT', '出让记录已被他人修改，请刷新后再保存');
          }
        } else {
          await tx.insert(landSupplies).values({
            ...fields,
            parcelId: id,
            createdAt: now,
            updatedAt: now,
            createdBy: principal.userId,
            updatedBy: principal.userId,
          });
        }
        if (planningPermitNo !== undefined) {
          await recordPlanningPermit(tx, {
            projectId: body.projectId,
            number: planningPermitNo,
            ...(planningPermitNoWas !== undefined ? { was: planningPermitNoWas } : {}),
            on: fields.contractOn ?? null,
            userId: principal.userId,
            now,
            today: today(),
          });
        }
        const contracted = Boolean(fields.contractNo && fields.contractOn);
        await tx
          .update(parcels)
          .set({
            projectId: body.projectId,
            ...(contracted && isParcelAvailable(status) ? { status: 'supplied' } : {}),
            updatedAt: now,
            updatedBy: principal.userId,
            version: sql`${parcels.version} + 1`,
          })
          .where(eq(parcels.id, id));
        await audit.append(
          tx,
          actor,
          {
            action: existing ? 'land.supply_update' : 'land.supply',
            objectType: 'parcel',
            objectId: id,
            result: 'success',
            summary: {
              projectId: body.projectId,
              method: fields.method,
              contractNo: fields.contractNo ?? null,
              contractOn: fields.contractOn ?? null,
              priceYuan: fields.priceYuan ?? null,
              // Recorded on the project's 建设用地规划许可证 item (its single source).
              ...(planningPermitNo !== undefined ? { planningPermitNo } : {}),
            },
          },
          now,
        );
        await advanceSupplied(tx, actor, body.projectId, principal);
      });
      return this.supply(principal, id);
    },

    /**
     * Files the signed 出让合同 on the supply's project (the gate to 已供地 asks for it) and moves the project
     * on if that was all it waited for.
     */
    async uploadContract(
      principal: Principal,
      actor: AuditActor,
      id: string,
      file: { fileName: string; stream: Readable },
    ) {
      requireWrite(principal);
      await load(principal, id);
      const supply = await land.supplyOf(id);
      if (!supply) throw new AppError('CONFLICT', '请先登记出让记录，再上传出让合同');
      if (!deps.attachments) throw new Error('attachments not configured');
      await deps.attachments.upload(principal, actor, supply.projectId, 'land_contract', file, {
        landContract: true,
      });
      await db.transaction((tx) => advanceSupplied(tx, actor, supply.projectId, principal));
      return this.supply(principal, id);
    },

    async demand(principal: Principal, projectId: string) {
      const project = await projects.load(principal, projectId);
      const abilities = (await projects.present(principal, project)).abilities;
      const demand = await land.demandOf(projectId);
      const parcel = await land.parcelOfProject(projectId);
      return {
        demand: demand
          ? {
              projectId,
              areaM2: demand.areaM2,
              use: demand.use as NonNullable<Parcel['use']>,
              plotRatioNeeded: demand.plotRatioNeeded,
              preferredRegionId: demand.preferredRegionId,
              wantedOn: demand.wantedOn,
              note: demand.note,
              version: demand.version,
            }
          : null,
        parcel: parcel
          ? {
              id: parcel.id,
              parcelNo: parcel.parcelNo,
              name: parcel.name,
              status: parcel.status as ParcelStatus,
              listDone: parcel.listDone,
              listTotal: LAND_LIST_ITEM_CODES.length,
            }
          : null,
        canEdit: abilities.edit,
        canPick: abilities.move && !parcel && ['SIGNED', 'FILED'].includes(project.state),
      };
    },

    async putDemand(
      principal: Principal,
      actor: AuditActor,
      projectId: string,
      body: {
        areaM2: number;
        use: string;
        plotRatioNeeded?: number | null | undefined;
        preferredRegionId?: string | null | undefined;
        wantedOn?: string | null | undefined;
        note?: string | null | undefined;
        version: number;
      },
    ) {
      const project = await projects.load(principal, projectId);
      if (!(await projects.present(principal, project)).abilities.edit) {
        throw new AppError('FORBIDDEN', '您不能修改该项目的用地需求');
      }
      if (body.preferredRegionId && !(await reference.isRegionInScope(principal, body.preferredRegionId))) {
        refuse([{ field: 'preferredRegionId', message: '意向板块不在您的数据范围内' }]);
      }
      const now = clock.now();
      const current = await land.demandOf(projectId);
      if ((current?.version ?? 0) !== body.version) {
        throw new AppError('VERSION_CONFLICT', '用地需求已被他人修改，请刷新后再保存');
      }
      const { version: _v, ...fields } = body;
      const values = {
        ...fields,
        plotRatioNeeded: fields.plotRatioNeeded ?? null,
        preferredRegionId: fields.preferredRegionId ?? null,
        wantedOn: fields.wantedOn ?? null,
        note: fields.note ?? null,
        updatedAt: now,
        updatedBy: principal.userId,
      };
      await db.transaction(async (tx) => {
        if (current) {
          await tx
            .update(projectLandDemands)
            .set({ ...values, version: current.version + 1 })
            .where(eq(projectLandDemands.projectId, projectId));
        } else {
          await tx.insert(projectLandDemands).values({ ...values, projectId });
        }
        await audit.append(
          tx,
          actor,
          {
            action: 'project.land_demand',
            objectType: 'project',
            objectId: projectId,
            result: 'success',
            summary: { before: current ? { areaM2: current.areaM2, use: current.use } : null, after: fields },
          },
          now,
        );
      });
      return this.demand(principal, projectId);
    },

    /**
     * Earmarks a parcel for a project (地等项目 → 供地准备): the parcel must be available and in the
     * caller's scope; a FILED project then moves to 供地准备 through its gate. Nothing changes when the gate
     * refuses.
     */
    async pick(
      principal: Principal,
      actor: AuditActor,
      projectId: string,
      body: { parcelId: string; version: number },
    ) {
      const project = await projects.load(principal, projectId);
      const presented = await projects.present(principal, project);
      if (!presented.abilities.move) throw new AppError('FORBIDDEN', '您不能为该项目选择地块');
      if (project.version !== body.version) throw await versionConflict(db, '项目', project);
      const parcel = await load(principal, body.parcelId);
      if (!isParcelAvailable(parcel.p.status as ParcelStatus) || parcel.p.projectId) {
        throw new AppError('CONFLICT', '该地块已不可供（已预留给其他项目或不在储备/批而未供状态）');
      }
      if (await land.parcelOfProject(projectId)) throw new AppError('CONFLICT', '该项目已有地块');
      const now = clock.now();
      // The earmark and the project's move to 供地准备 are one write: a gate the parcel does not meet (no
      // red line yet) refuses both.
      await db.transaction(async (tx) => {
        const updated = await tx
          .update(parcels)
          .set({
            projectId,
            updatedAt: now,
            updatedBy: principal.userId,
            version: sql`${parcels.version} + 1`,
          })
          .where(and(eq(parcels.id, body.parcelId), isNull(parcels.projectId), isNull(parcels.deletedAt)))
          .returning({ id: parcels.id });
        if (updated.length === 0) throw new AppError('CONFLICT', '该地块刚被预留给其他项目');
        await audit.append(
          tx,
          actor,
          {
            action: 'parcel.earmark',
            objectType: 'parcel',
            objectId: body.parcelId,
            result: 'success',
            summary: { projectId, parcelNo: parcel.p.parcelNo },
          },
          now,
        );
        if (project.state !== 'FILED') return;
        const moved = await projects.advanceWhenReady(
          actor,
          projectId,
          'LAND_PREP',
          `选定地块 ${parcel.p.parcelNo}`,
          { userId: principal.userId, name: principal.displayName },
          tx,
        );
        if (!moved.moved) {
          throw new AppError(
            'GATE_UNMET',
            `不满足进入「供地准备」的条件：${moved.unmet.map((c) => c.message).join('；')}`,
            { to: 'LAND_PREP', unmet: moved.unmet, overridable: false },
          );
        }
      });
      return this.demand(principal, projectId);
    },
  };

  /** What the project's move to 已供地 lacks, and its state (no audit actor needed to ask). */
  async function gateOf(projectId: string, principal: Principal) {
    const project = await projects.load(principal, projectId).catch(() => undefined);
    if (!project) return null;
    if (project.state !== 'LAND_PREP')
      return { state: project.state as Parcel['projectState'] & string, unmet: [] };
    const probe = await projects.checkGate(project, 'LAND_SUPPLIED');
    return { state: project.state as NonNullable<Parcel['projectState']>, unmet: probe };
  }

  /**
   * Moves the project on when its gates are met, in the supply's transaction: a 已立项 project given land
   * directly passes 供地准备 on its way; 供地准备 → 已供地 needs the list, the contract and the permit.
   */
  async function advanceSupplied(tx: Db, actor: AuditActor, projectId: string, principal: Principal) {
    const by = { userId: principal.userId, name: principal.displayName };
    const stateOf = async () =>
      (await tx.execute<{ state: string }>(sql`SELECT state FROM projects WHERE id = ${projectId}`)).rows[0]
        ?.state;
    if ((await stateOf()) === 'FILED') {
      await projects.advanceWhenReady(
        actor,
        projectId,
        'LAND_PREP',
        '登记出让记录（地块已为项目预留）',
        by,
        tx,
      );
    }
    if ((await stateOf()) !== 'LAND_PREP') return;
    await projects.advanceWhenReady(
      actor,
      projectId,
      'LAND_SUPPLIED',
      '供地完成（出让合同、用地清单、规划许可齐备），自动推进',
      by,
      tx,
    );
  }

  async function presentSupply(s: typeof landSupplies.$inferSelect) {
    const [project] = await db
      .execute<{ name: string }>(sql`SELECT name FROM projects WHERE id = ${s.projectId}`)
      .then((r) => r.rows);
    return {
      id: s.id,
      parcelId: s.parcelId,
      projectId: s.projectId,
      projectName: project?.name ?? '',
      method: s.method as 'listing',
      announcedOn: s.announcedOn,
      dealOn: s.dealOn,
      priceYuan: s.priceYuan,
      grantee: s.grantee,
      contractNo: s.contractNo,
      contractOn: s.contractOn,
      agreedStartOn: s.agreedStartOn,
      agreedCompletionOn: s.agreedCompletionOn,
      planningPermitNo: await planningPermitOf(db, s.projectId),
      version: s.version,
      updatedAt: s.updatedAt.toISOString(),
    };
  }
}

export type LandService = ReturnType<typeof createLandService>;
