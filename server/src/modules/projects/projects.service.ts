import type { Project, ProjectFields, TransitionBody } from '@groundbreak/contract';
import {
  checkDateOrder,
  checkProjectCode,
  checkUscc,
  deriveYearCategory,
  ENTERPRISE_EDITABLE_FIELDS,
  factsNeeded,
  forwardTargets,
  isMajorAttraction,
  isTerminal,
  isValidPhone,
  type LandUse,
  type LibraryLevel,
  maskPhone,
  maskPhonesInText,
  missingRequiredFields,
  mustBelongToSubarea,
  needsLand,
  normalizeProjectCode,
  PROJECT_CODE_MESSAGES,
  PROJECT_FIELD_LABELS,
  PROJECT_STATE_LABELS,
  type ProjectFieldKey,
  type ProjectState,
  REQUIRED_FROM,
  type SuspendReason,
  stageIndex,
  type TransitionEvent,
  transition,
} from '@groundbreak/domain';
import { searchDocument } from '@groundbreak/domain/search';
import { and, asc, eq, isNull, max } from 'drizzle-orm';
import { type Clock, shanghaiDate } from '../../clock';
import type { Database, Db } from '../../db/database';
import { orgs, projectStateChanges, projects, projectYearPlans } from '../../db/schema/index';
import { AppError, notFound } from '../../errors';
import { versionConflict } from '../../lib/conflict';
import type { AuditActor, AuditRepository } from '../audit/audit.repository';
import type { ReferenceRepository } from '../reference/reference.repository';
import type { Principal } from '../registry';
import { attachmentKindsOf, collectGateFacts } from './gate-facts';
import type { ProjectRow, ProjectsRepository, ProjectValues } from './projects.repository';

type Deps = {
  database: Database;
  projects: ProjectsRepository;
  reference: ReferenceRepository;
  audit: AuditRepository;
  clock: Clock;
  /** Prefix of internal numbers (WJ-2025-0001) [A]. */
  internalNoPrefix: string;
};

export type FieldError = { field: string; message: string };

/**
 * What a record check needs to know beyond the record. The service asks the database row by row; a
 * sheet import answers from maps it loaded once for the whole file.
 */
export type RecordLookups = {
  codeTaken(code: string, exceptId: string | undefined): Promise<boolean>;
  regionInScope(regionId: string): Promise<boolean>;
  regionLevel(regionId: string): Promise<string | undefined>;
  orgExists(orgId: string): Promise<boolean>;
  leaderExists(userId: string): Promise<boolean>;
  topYearPlan(projectId: string): Promise<number | null>;
};
type Patch = Partial<ProjectFields> & { projectCode?: string | null; contactPhone?: string | null };

const isEnterpriseUser = (p: Principal) => p.roles.length === 1 && p.roles[0] === 'enterprise';
const has = (p: Principal, action: Parameters<Principal['actions']['has']>[0]) => p.actions.has(action);

export function abilitiesOf(principal: Principal, row: ProjectRow) {
  const state = row.state as ProjectState;
  const admin = has(principal, 'registry.admin');
  const registry = has(principal, 'registry.write');
  const write = has(principal, 'project.write');
  const enterprise = isEnterpriseUser(principal);
  const live = state !== 'TERMINATED';
  return {
    edit: write && (live || admin),
    editableFields: enterprise ? [...ENTERPRISE_EDITABLE_FIELDS, 'contactPhone'] : null,
    editProjectCode: admin || (write && !enterprise && !row.projectCode),
    move: registry && !isTerminal(state),
    override: admin,
    terminate: admin && !isTerminal(state),
    delete: admin || (registry && stageIndex(state) >= 0 && stageIndex(state) < stageIndex('FILED')),
    applyLibrary: registry && live,
    decideLibrary: admin,
    upload: write && live,
    revealPhone: has(principal, 'personal.reveal'),
  };
}

/** The forward moves offered on the page: the land path decides the fork after FILED. */
function nextStatesOf(row: ProjectRow): ProjectState[] {
  const state = row.state as ProjectState;
  if (state === 'SUSPENDED' || state === 'TERMINATED') return [];
  const landUse = row.landUse as LandUse | null;
  return forwardTargets(state).filter((to) => {
    if (state !== 'FILED' || landUse === null) return true;
    return needsLand(landUse) ? to === 'LAND_PREP' : to === 'APPROVING';
  });
}

function searchFields(p: {
  name: string;
  projectCode: string | null;
  builderName: string | null;
  uscc: string | null;
  investorName: string | null;
  internalNo: string;
}) {
  return searchDocument([p.name, p.projectCode, p.builderName, p.uscc, p.investorName, p.internalNo], p.name);
}

export const EDITABLE_COLUMNS = [
  'name',
  'regionId',
  'investorName',
  'investorOrigin',
  'industryChain',
  'responsibleOrgId',
  'source',
  'builderName',
  'uscc',
  'legalRepresentative',
  'contactName',
  'contactPhone',
  'location',
  'longitude',
  'latitude',
  'constructionNature',
  'landUse',
  'projectType',
  'industryCode',
  'strategicEmerging',
  'totalInvestment',
  'fixedAssetInvestment',
  'equipmentInvestment',
  'foreignInvestmentUsdWan',
  'registeredCapital',
  'landAreaM2',
  'floorAreaM2',
  'plotRatio',
  'buildingCoverage',
  'greenRatio',
  'scaleContent',
  'designCapacity',
  'committedIntensityWanPerMu',
  'committedSalesYuan',
  'committedTaxWanPerMu',
  'committedJobs',
  'committedEnergyTce',
  'signedOn',
  'accessReviewPassedOn',
  'filedOn',
  'plannedStartOn',
  'actualStartOn',
  'plannedCompletionOn',
  'actualCompletionOn',
  'plannedProductionOn',
  'actualProductionOn',
  'plannedTargetOn',
  'capacityReachedOn',
  'landReadyStart',
  'fourPermitsOn',
  'progressText',
  'leaderUserId',
  'specialistUserId',
  'inStats',
  'inStatsOn',
  'approvalStartedOn',
  'constructionPermitNo',
  'constructionPermitOn',
  'postEvaluationApprovedOn',
  'projectCode',
] as const satisfies readonly (keyof ProjectRow)[];
export type Column = (typeof EDITABLE_COLUMNS)[number];

/** Empty strings become null so that "required" means the same thing everywhere. */
export function clean(patch: Patch): Partial<Record<Column, unknown>> {
  const out: Partial<Record<Column, unknown>> = {};
  for (const key of EDITABLE_COLUMNS) {
    if (!(key in patch)) continue;
    const value = (patch as Record<string, unknown>)[key];
    out[key] = typeof value === 'string' && value.trim() === '' ? null : value;
  }
  if (typeof out.uscc === 'string') out.uscc = out.uscc.trim().toUpperCase();
  if (typeof out.projectCode === 'string') out.projectCode = normalizeProjectCode(out.projectCode);
  if (typeof out.contactPhone === 'string') out.contactPhone = out.contactPhone.replace(/\s/g, '');
  return out;
}

const label = (field: string) => PROJECT_FIELD_LABELS[field as ProjectFieldKey] ?? field;

export function createProjectsService(deps: Deps) {
  const { database, projects: repo, reference, audit, clock } = deps;
  const db = database.db;

  function lookupsFor(principal: Principal): RecordLookups {
    return {
      codeTaken: (code, exceptId) => repo.codeTaken(db, code, exceptId),
      regionInScope: (regionId) => reference.isRegionInScope(principal, regionId),
      regionLevel: (regionId) => repo.regionLevel(regionId),
      orgExists: async (orgId) =>
        (await db.select({ id: orgs.id }).from(orgs).where(eq(orgs.id, orgId))).length > 0,
      leaderExists: (userId) => repo.userExists(userId, 'leader'),
      topYearPlan: async (projectId) => {
        const [row] = await db
          .select({ top: max(projectYearPlans.plannedInvestment) })
          .from(projectYearPlans)
          .where(eq(projectYearPlans.projectId, projectId));
        return row?.top ?? null;
      },
    };
  }

  /**
   * The problems a save would bring: a changed field that is invalid, a date order the change breaks, a
   * required field the change empties (on creation: every field required in the starting state). Gaps
   * the record already had do not block a save — they block the next move, which lists them.
   */
  async function validate(
    principal: Principal,
    merged: ProjectRow,
    changed: Partial<Record<Column, unknown>>,
    today: string,
    isNew = false,
    lookups: RecordLookups = lookupsFor(principal),
  ): Promise<FieldError[]> {
    const errors: FieldError[] = [];
    const state = merged.state as ProjectState;
    const touched = (field: string) => isNew || field in changed;
    if (merged.uscc && touched('uscc')) {
      const check = checkUscc(merged.uscc);
      if (!check.valid) {
        errors.push({
          field: 'uscc',
          message:
            check.reason === 'USCC_FORMAT'
              ? '统一社会信用代码应为 18 位，由数字和大写字母组成（不含 I、O、S、V、Z）'
              : '统一社会信用代码校验位不正确，请核对是否有输错的字符',
        });
      }
    }
    if (merged.contactPhone && touched('contactPhone') && !isValidPhone(merged.contactPhone)) {
      errors.push({
        field: 'contactPhone',
        message: '联系电话应为 11 位手机号或带区号的固话（如 0519-86123456）',
      });
    }
    if (merged.projectCode && touched('projectCode')) {
      const problem = checkProjectCode(merged.projectCode, today);
      if (problem) errors.push({ field: 'projectCode', message: PROJECT_CODE_MESSAGES[problem] });
      else if (await lookups.codeTaken(merged.projectCode, merged.id || undefined)) {
        errors.push({ field: 'projectCode', message: '该项目代码已被另一个项目使用' });
      }
    }
    for (const p of checkDateOrder(merged).filter((d) => touched(d.field) || touched(d.after))) {
      errors.push({ field: p.field, message: `${label(p.field)}不能早于${label(p.after)}` });
    }
    for (const field of missingRequiredFields(
      { ...merged, landUse: merged.landUse as LandUse | null },
      state,
    ).filter(touched)) {
      errors.push({
        field,
        message: `${label(field)}未填写（${PROJECT_STATE_LABELS[REQUIRED_FROM[field] ?? state]}起必填）`,
      });
    }
    if ('regionId' in changed) {
      if (!(await lookups.regionInScope(merged.regionId))) {
        errors.push({ field: 'regionId', message: '所属板块不存在或不在您的数据范围内' });
      } else if (mustBelongToSubarea(state) && (await lookups.regionLevel(merged.regionId)) !== 'subarea') {
        errors.push({ field: 'regionId', message: '已签约的项目必须归属一个板块（线索可暂归区级公共池）' });
      }
    }
    if (
      'responsibleOrgId' in changed &&
      merged.responsibleOrgId &&
      !(await lookups.orgExists(merged.responsibleOrgId))
    ) {
      errors.push({ field: 'responsibleOrgId', message: '责任单位不存在' });
    }
    if (
      'leaderUserId' in changed &&
      merged.leaderUserId &&
      !(await lookups.leaderExists(merged.leaderUserId))
    ) {
      errors.push({ field: 'leaderUserId', message: '责任领导须为区领导账号' });
    }
    if ('totalInvestment' in changed && merged.totalInvestment !== null && merged.id) {
      const top = await lookups.topYearPlan(merged.id);
      if (top && top > merged.totalInvestment) {
        errors.push({ field: 'totalInvestment', message: '总投资不能低于已申报的年度计划投资' });
      }
    }
    return errors;
  }

  function refuse(errors: FieldError[]): never {
    throw new AppError('VALIDATION_FAILED', errors.map((e) => e.message).join('；'), { fields: errors });
  }

  /** The 建设单位 as an enterprise record: matched by USCC, registered in the project's 板块 when new. */
  async function linkEnterprise(
    tx: Db,
    actor: AuditActor,
    principal: Principal,
    values: { uscc: string | null; builderName: string | null; regionId: string },
    now: Date,
  ): Promise<string | null> {
    if (!values.uscc || !checkUscc(values.uscc).valid) return null;
    const found = await reference.findEnterpriseByUscc(values.uscc);
    if (found) return found.id;
    if (!values.builderName) return null;
    const created = await reference.insertEnterprise(tx, {
      uscc: values.uscc,
      name: values.builderName,
      regionId: values.regionId,
      createdAt: now,
      updatedAt: now,
      createdBy: principal.userId,
      updatedBy: principal.userId,
    });
    await audit.append(
      tx,
      actor,
      {
        action: 'enterprise.create',
        objectType: 'enterprise',
        objectId: created.id,
        result: 'success',
        summary: { after: { uscc: created.uscc, name: created.name }, via: 'project' },
      },
      now,
    );
    return created.id;
  }

  async function present(principal: Principal, row: ProjectRow): Promise<Project> {
    const names = await repo.namesFor(row);
    const today = shanghaiDate(clock.now());
    const year = Number(today.slice(0, 4));
    const {
      searchText: _t,
      searchGrams: _g,
      deletedAt: _d,
      createdBy: _c,
      updatedBy: _u,
      contactPhone,
      ...rest
    } = row;
    return {
      ...rest,
      state: row.state as ProjectState,
      suspendedFromState: row.suspendedFromState as ProjectState | null,
      suspendReasonCategory: row.suspendReasonCategory as SuspendReason | null,
      investorOrigin: row.investorOrigin as Project['investorOrigin'],
      source: row.source as Project['source'],
      constructionNature: row.constructionNature as Project['constructionNature'],
      landUse: row.landUse as Project['landUse'],
      projectType: row.projectType as Project['projectType'],
      industryCode: row.industryCode as Project['industryCode'],
      levels: row.levels as LibraryLevel[],
      contactPhoneMasked: contactPhone ? maskPhone(contactPhone) : null,
      yearCategory: deriveYearCategory(row, year),
      majorAttraction: isMajorAttraction(row.totalInvestment, row.foreignInvestmentUsdWan),
      nextStates: nextStatesOf(row),
      abilities: abilitiesOf(principal, row),
      ...names,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    };
  }

  async function load(principal: Principal, id: string): Promise<ProjectRow> {
    const row = await repo.findInScope(principal, id);
    if (!row) throw notFound('项目');
    return row;
  }

  async function conflictOrMissing(id: string): Promise<AppError> {
    const current = await repo.findRow(id);
    return current && !current.deletedAt ? versionConflict(db, '项目', current) : notFound('项目');
  }

  return {
    present,
    load,
    /** The record check of create and update, for writers that save many records at once (imports). */
    checkRecord: validate,
    searchFields,

    async get(principal: Principal, id: string): Promise<Project> {
      return present(principal, await load(principal, id));
    },

    async create(
      principal: Principal,
      actor: AuditActor,
      body: Patch & { name: string; regionId: string; state: 'LEAD' | 'NEGOTIATING' },
      /** What another module records with the new project, in the same transaction (a lead's profile). */
      alongside?: (tx: Db, row: ProjectRow) => Promise<void>,
    ): Promise<Project> {
      const now = clock.now();
      const today = shanghaiDate(now);
      const values = clean(body);
      const draft = {
        ...Object.fromEntries(EDITABLE_COLUMNS.map((c) => [c, null])),
        strategicEmerging: false,
        landReadyStart: false,
        inStats: false,
        ...values,
        id: '',
        state: body.state,
      } as unknown as ProjectRow;
      const errors = await validate(principal, draft, { ...values, regionId: body.regionId }, today, true);
      if (errors.length > 0) refuse(errors);
      if (body.state === 'NEGOTIATING') {
        // Registered in negotiation: the LEAD → NEGOTIATING gate applies as if the lead had been moved.
        const facts = await collectGateFacts(
          { project: draft, files: new Set(), db, today },
          factsNeeded('LEAD', 'NEGOTIATING'),
        );
        const result = transition('LEAD', { type: 'advance', to: 'NEGOTIATING' }, facts);
        if (!result.ok && !result.illegal) {
          throw new AppError(
            'GATE_UNMET',
            `不满足进入「在谈」的条件：${result.unmet.map((c) => c.message).join('；')}`,
            { to: 'NEGOTIATING', unmet: result.unmet, overridable: false },
          );
        }
      }
      const row = await db.transaction(async (tx) => {
        const internalNo = await repo.nextInternalNo(tx, deps.internalNoPrefix, Number(today.slice(0, 4)));
        const enterpriseId = await linkEnterprise(
          tx,
          actor,
          principal,
          { uscc: draft.uscc, builderName: draft.builderName, regionId: draft.regionId },
          now,
        );
        const search = searchFields({ ...draft, internalNo });
        const inserted = await repo.insert(tx, {
          ...(values as ProjectValues),
          name: body.name,
          regionId: body.regionId,
          internalNo,
          state: body.state,
          enterpriseId,
          searchText: search.text,
          searchGrams: search.grams,
          createdAt: now,
          updatedAt: now,
          createdBy: principal.userId,
          updatedBy: principal.userId,
        });
        await tx.insert(projectStateChanges).values({
          projectId: inserted.id,
          fromState: null,
          toState: body.state,
          event: 'create',
          actorId: principal.userId,
          actorName: principal.displayName,
          at: now,
        });
        await audit.append(
          tx,
          actor,
          {
            action: 'project.create',
            objectType: 'project',
            objectId: inserted.id,
            result: 'success',
            summary: { after: { internalNo, ...values } },
          },
          now,
        );
        await alongside?.(tx, inserted);
        return inserted;
      });
      return present(principal, row);
    },

    async update(
      principal: Principal,
      actor: AuditActor,
      id: string,
      body: Patch & { version: number; projectCodeReason?: string | undefined },
    ): Promise<Project> {
      const now = clock.now();
      const today = shanghaiDate(now);
      const before = await load(principal, id);
      const abilities = abilitiesOf(principal, before);
      if (!abilities.edit) throw new AppError('FORBIDDEN', '您不能修改该项目');
      const { version, projectCodeReason, ...patch } = body;
      const values = clean(patch);
      // Only what actually changes counts, so that a form re-sending unchanged fields is not refused.
      for (const key of Object.keys(values) as Column[]) {
        if (values[key] === before[key]) delete values[key];
      }
      if (abilities.editableFields) {
        const allowed = new Set<string>(abilities.editableFields);
        const refused = Object.keys(values).filter((k) => !allowed.has(k));
        if (refused.length > 0) {
          throw new AppError('FORBIDDEN', `企业用户不能修改：${refused.map(label).join('、')}`, {
            fields: refused.map((field) => ({ field, message: '企业用户不能修改此项' })),
          });
        }
      }
      const codeChange = 'projectCode' in values && before.projectCode !== null;
      if ('projectCode' in values && !abilities.editProjectCode) {
        throw new AppError('FORBIDDEN', '项目代码一经填写，只有区发改可以变更', {
          fields: [{ field: 'projectCode', message: '只有区发改可以变更已填写的项目代码' }],
        });
      }
      if (codeChange && !projectCodeReason) {
        refuse([{ field: 'projectCodeReason', message: '变更项目代码须填写原因' }]);
      }
      const merged = { ...before, ...values } as ProjectRow;
      const errors = await validate(principal, merged, values, today);
      if (errors.length > 0) refuse(errors);
      if (Object.keys(values).length === 0 && version === before.version) return present(principal, before);
      const after = await db.transaction(async (tx) => {
        let enterpriseId = before.enterpriseId;
        if ('uscc' in values || 'builderName' in values || !enterpriseId) {
          enterpriseId = await linkEnterprise(
            tx,
            actor,
            principal,
            { uscc: merged.uscc, builderName: merged.builderName, regionId: merged.regionId },
            now,
          );
        }
        const search = searchFields(merged);
        const updated = await repo.update(tx, id, version, {
          ...(values as ProjectValues),
          enterpriseId,
          searchText: search.text,
          searchGrams: search.grams,
          updatedAt: now,
          updatedBy: principal.userId,
        });
        if (!updated) throw await conflictOrMissing(id);
        const changedBefore = Object.fromEntries(Object.keys(values).map((k) => [k, before[k as Column]]));
        await audit.append(
          tx,
          actor,
          {
            action: 'project.update',
            objectType: 'project',
            objectId: id,
            result: 'success',
            summary: { before: changedBefore, after: values },
          },
          now,
        );
        if (codeChange) {
          await audit.append(
            tx,
            actor,
            {
              action: 'project.code_change',
              objectType: 'project',
              objectId: id,
              result: 'success',
              summary: { before: before.projectCode, after: values.projectCode, reason: projectCodeReason },
            },
            now,
          );
        }
        return updated;
      });
      return present(principal, after);
    },

    async move(principal: Principal, actor: AuditActor, id: string, body: TransitionBody): Promise<Project> {
      const now = clock.now();
      const today = shanghaiDate(now);
      const row = await load(principal, id);
      const abilities = abilitiesOf(principal, row);
      if (body.type === 'terminate' ? !abilities.terminate : !abilities.move) {
        throw new AppError(
          'FORBIDDEN',
          body.type === 'terminate' ? '终止项目须由区发改办理' : '您不能变更该项目的状态',
        );
      }
      if (body.version !== row.version) throw await versionConflict(db, '项目', row);
      const state = row.state as ProjectState;
      const event: TransitionEvent =
        body.type === 'advance'
          ? { type: 'advance', to: body.to }
          : body.type === 'suspend'
            ? {
                type: 'suspend',
                reasonCategory: body.reasonCategory,
                reason: body.reason,
                expectedResumeOn: body.expectedResumeOn,
              }
            : body.type === 'resume'
              ? { type: 'resume', savedState: row.suspendedFromState as ProjectState | null }
              : { type: 'terminate', reason: body.reason };
      const facts = await collectGateFacts({
        project: row,
        files: await attachmentKindsOf(db, id),
        db,
        today,
      });
      const result = transition(state, event, facts);
      if (!result.ok && result.illegal) throw new AppError('ILLEGAL_TRANSITION', result.message);
      const wantsOverride = (body.type === 'advance' || body.type === 'resume') && body.override;
      let overridden = false;
      let unmet: { code: string; message: string }[] = [];
      if (!result.ok) {
        unmet = result.unmet.map(({ code, message }) => ({ code, message }));
        const overridable = body.type === 'advance' || body.type === 'resume';
        if (!wantsOverride || !overridable) {
          throw new AppError(
            'GATE_UNMET',
            `不满足进入「${PROJECT_STATE_LABELS[result.to]}」的条件：${unmet.map((c) => c.message).join('；')}`,
            { to: result.to, unmet, overridable: overridable && abilities.override },
          );
        }
        if (!abilities.override) throw new AppError('FORBIDDEN', '只有区发改可以越过关口');
        const reason = 'reason' in body ? (body.reason ?? '').trim() : '';
        if (reason.length < 4) {
          refuse([{ field: 'reason', message: '越过关口须写明理由（至少 4 个字）' }]);
        }
        overridden = true;
      }
      const to = result.to;
      const reason =
        body.type === 'suspend' || body.type === 'terminate'
          ? body.reason
          : (('reason' in body ? body.reason : undefined) ?? null);
      const values: ProjectValues =
        body.type === 'suspend'
          ? {
              state: to,
              suspendedFromState: state,
              suspendReasonCategory: body.reasonCategory,
              suspendReason: body.reason,
              suspendedOn: today,
              expectedResumeOn: body.expectedResumeOn,
            }
          : body.type === 'resume'
            ? {
                state: to,
                suspendedFromState: null,
                suspendReasonCategory: null,
                suspendReason: null,
                suspendedOn: null,
                expectedResumeOn: null,
              }
            : body.type === 'terminate'
              ? { state: to, terminatedOn: today, terminateReason: body.reason }
              : { state: to };
      const after = await db.transaction(async (tx) => {
        const updated = await repo.update(tx, id, body.version, {
          ...values,
          updatedAt: now,
          updatedBy: principal.userId,
        });
        if (!updated) throw await conflictOrMissing(id);
        await tx.insert(projectStateChanges).values({
          projectId: id,
          fromState: state,
          toState: to,
          event: body.type,
          reason,
          overridden,
          unmet: overridden ? unmet : [],
          actorId: principal.userId,
          actorName: principal.displayName,
          at: now,
        });
        await audit.append(
          tx,
          actor,
          {
            action: overridden ? 'project.override' : 'project.transition',
            objectType: 'project',
            objectId: id,
            result: 'success',
            summary: { from: state, to, event: body.type, reason, ...(overridden ? { unmet } : {}) },
          },
          now,
        );
        return updated;
      });
      return present(principal, after);
    },

    /** What stands between a project and `to` now (empty when the gate would pass). */
    async checkGate(row: ProjectRow, to: ProjectState): Promise<{ code: string; message: string }[]> {
      const facts = await collectGateFacts({
        project: row,
        files: await attachmentKindsOf(db, row.id),
        db,
        today: shanghaiDate(clock.now()),
      });
      const result = transition(row.state as ProjectState, { type: 'advance', to }, facts);
      if (result.ok) return [];
      return result.illegal
        ? [{ code: 'STATE', message: result.message }]
        : result.unmet.map(({ code, message }) => ({ code, message }));
    },

    /**
     * Moves a project one step forward when facts another module just recorded satisfy the gate (never an
     * override): the land module's supply record moves a project 供地准备 → 已供地. The caller has checked
     * its own object's scope. Returns what is still unmet when the gate does not pass.
     */
    async advanceWhenReady(
      actor: AuditActor,
      id: string,
      to: ProjectState,
      reason: string,
      by: { userId: string; name: string },
      /** The caller's transaction: the facts are read and the move written in it (else a new one). */
      within?: Db,
    ): Promise<{ moved: boolean; state: ProjectState; unmet: { code: string; message: string }[] }> {
      const now = clock.now();
      const reader = within ?? db;
      const row = await repo.findRow(id, reader);
      if (!row || row.deletedAt) throw notFound('项目');
      const state = row.state as ProjectState;
      if (state === to) return { moved: false, state, unmet: [] };
      const facts = await collectGateFacts({
        project: row,
        files: await attachmentKindsOf(reader, id),
        db: reader,
        today: shanghaiDate(now),
      });
      const result = transition(state, { type: 'advance', to }, facts);
      if (!result.ok) {
        return {
          moved: false,
          state,
          unmet: result.illegal
            ? [
                {
                  code: 'STATE',
                  message: `项目处于「${PROJECT_STATE_LABELS[state]}」，不能进入「${PROJECT_STATE_LABELS[to]}」`,
                },
              ]
            : result.unmet.map(({ code, message }) => ({ code, message })),
        };
      }
      const write = async (tx: Db) => {
        const updated = await repo.update(tx, id, row.version, {
          state: to,
          updatedAt: now,
          updatedBy: by.userId,
        });
        if (!updated) throw await conflictOrMissing(id);
        await tx.insert(projectStateChanges).values({
          projectId: id,
          fromState: state,
          toState: to,
          event: 'advance',
          reason,
          actorId: by.userId,
          actorName: by.name,
          at: now,
        });
        await audit.append(
          tx,
          actor,
          {
            action: 'project.transition',
            objectType: 'project',
            objectId: id,
            result: 'success',
            summary: { from: state, to, event: 'advance', reason, automatic: true },
          },
          now,
        );
      };
      if (within) await write(within);
      else await db.transaction(write);
      return { moved: true, state: to, unmet: [] };
    },

    async stateHistory(principal: Principal, id: string) {
      await load(principal, id);
      const rows = await db
        .select()
        .from(projectStateChanges)
        .where(eq(projectStateChanges.projectId, id))
        .orderBy(asc(projectStateChanges.at), asc(projectStateChanges.id));
      return rows.map((r) => ({
        id: r.id,
        fromState: r.fromState as ProjectState | null,
        toState: r.toState as ProjectState,
        event: r.event as 'create' | 'advance' | 'suspend' | 'resume' | 'terminate',
        reason: r.reason,
        overridden: r.overridden,
        unmet: r.unmet as { code: string; message: string }[],
        actorName: r.actorName,
        at: r.at.toISOString(),
      }));
    },

    /** Soft delete: the row stays for the audit trail; its 项目代码 becomes free for another project. */
    async remove(
      principal: Principal,
      actor: AuditActor,
      id: string,
      body: { version: number; reason: string },
    ) {
      const now = clock.now();
      const row = await load(principal, id);
      if (!abilitiesOf(principal, row).delete) {
        throw new AppError('FORBIDDEN', '立项后的项目只能由区发改删除；请考虑"终止"');
      }
      await db.transaction(async (tx) => {
        const updated = await repo.update(tx, id, body.version, {
          deletedAt: now,
          updatedAt: now,
          updatedBy: principal.userId,
        });
        if (!updated) throw await conflictOrMissing(id);
        await audit.append(
          tx,
          actor,
          {
            action: 'project.delete',
            objectType: 'project',
            objectId: id,
            result: 'success',
            summary: {
              internalNo: row.internalNo,
              name: row.name,
              projectCode: row.projectCode,
              reason: body.reason,
            },
          },
          now,
        );
      });
    },

    /**
     * Whether an export may carry phones in full: only for a holder of personal.reveal who says why.
     * Masked otherwise. Throws when full numbers were asked for and may not be given.
     */
    grantExport(principal: Principal, options: { fullPhones: boolean; reason?: string | undefined }) {
      const reason = options.reason?.trim() ?? '';
      if (options.fullPhones) {
        if (!has(principal, 'personal.reveal')) throw new AppError('FORBIDDEN', '您不能导出完整联系电话');
        if (reason.length < 2) refuse([{ field: 'reason', message: '导出完整联系电话须填写原因' }]);
      }
      return { fullPhones: options.fullPhones, reason };
    },

    /** Records an export that has started (what left the system, for whom, and why if in full). */
    async auditExport(
      actor: AuditActor,
      grant: { fullPhones: boolean; reason: string },
      filter: Record<string, unknown>,
    ): Promise<void> {
      await db.transaction((tx) =>
        audit.append(
          tx,
          actor,
          {
            action: 'project.export',
            objectType: 'project',
            result: 'success',
            summary: {
              // A search by phone number is kept masked, like every phone in the log.
              filter: JSON.parse(maskPhonesInText(JSON.stringify(filter))),
              fullPhones: grant.fullPhones,
              ...(grant.fullPhones ? { reason: grant.reason } : {}),
            },
          },
          clock.now(),
        ),
      );
    },

    async revealPhone(principal: Principal, actor: AuditActor, id: string, reason: string) {
      const row = await load(principal, id);
      if (!abilitiesOf(principal, row).revealPhone) throw new AppError('FORBIDDEN', '您不能查看完整联系电话');
      await db.transaction(async (tx) => {
        await audit.append(
          tx,
          actor,
          {
            action: 'project.reveal_phone',
            objectType: 'project',
            objectId: id,
            result: 'success',
            summary: { reason },
          },
          clock.now(),
        );
      });
      return { contactPhone: row.contactPhone };
    },

    async yearPlans(principal: Principal, id: string) {
      await load(principal, id);
      return db
        .select({
          year: projectYearPlans.year,
          plannedInvestment: projectYearPlans.plannedInvestment,
          version: projectYearPlans.version,
        })
        .from(projectYearPlans)
        .where(eq(projectYearPlans.projectId, id))
        .orderBy(asc(projectYearPlans.year));
    },

    /** Declares a year's 年度计划投资 (version 0 creates it); never above the total investment. */
    async putYearPlan(
      principal: Principal,
      actor: AuditActor,
      id: string,
      year: number,
      body: { plannedInvestment: number; version: number },
    ) {
      const now = clock.now();
      const row = await load(principal, id);
      if (!has(principal, 'registry.write') || row.state === 'TERMINATED') {
        throw new AppError('FORBIDDEN', '您不能申报该项目的年度计划');
      }
      if (row.totalInvestment !== null && body.plannedInvestment > row.totalInvestment) {
        refuse([{ field: 'plannedInvestment', message: '年度计划投资不能超过总投资' }]);
      }
      await db.transaction(async (tx) => {
        const [current] = await tx
          .select()
          .from(projectYearPlans)
          .where(and(eq(projectYearPlans.projectId, id), eq(projectYearPlans.year, year)));
        if ((current?.version ?? 0) !== body.version) {
          throw new AppError('VERSION_CONFLICT', '该年度计划已被他人修改，请载入最新版本后再保存', {
            version: current?.version ?? 0,
          });
        }
        if (current) {
          await tx
            .update(projectYearPlans)
            .set({
              plannedInvestment: body.plannedInvestment,
              version: current.version + 1,
              updatedAt: now,
              updatedBy: principal.userId,
            })
            .where(and(eq(projectYearPlans.projectId, id), eq(projectYearPlans.year, year)));
        } else {
          await tx.insert(projectYearPlans).values({
            projectId: id,
            year,
            plannedInvestment: body.plannedInvestment,
            updatedAt: now,
            updatedBy: principal.userId,
          });
        }
        await audit.append(
          tx,
          actor,
          {
            action: 'project.year_plan',
            objectType: 'project',
            objectId: id,
            result: 'success',
            summary: { year, before: current?.plannedInvestment ?? null, after: body.plannedInvestment },
          },
          now,
        );
      });
      return this.yearPlans(principal, id);
    },

    async notDeleted(id: string): Promise<boolean> {
      const [row] = await db
        .select({ id: projects.id })
        .from(projects)
        .where(and(eq(projects.id, id), isNull(projects.deletedAt)));
      return row !== undefined;
    },
  };
}

export type ProjectsService = ReturnType<typeof createProjectsService>;
