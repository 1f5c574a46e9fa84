import type {
  AssignedVia,
  Commitments,
  CreateLeadBody,
  DuplicateHint,
  InvestorOrigin,
  LEAD_SOURCES,
  LeadDetail,
  LeadListItem,
  ListResult,
  leadListQuery,
  poolListQuery,
  ScoreResult,
  SignBody,
  UpdateLeadBody,
} from '@groundbreak/contract';
import {
  DomainError,
  normaliseCompanyName,
  normaliseUscc,
  poolRuleMatches,
  type ScoreInputs,
  scoreLead,
} from '@groundbreak/domain';
import { and, asc, count, desc, eq, inArray, isNull, ne, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { shanghaiDate } from '../../clock';
import type { Db } from '../../db/database';
import {
  leadActivities,
  leadContacts,
  leadProfiles,
  orgs,
  projectCommitments,
  projectReviews,
  projectStateChanges,
  projects,
  regions,
  users,
} from '../../db/schema/index';
import { AppError, fromDomainError, notFound } from '../../errors';
import { versionConflict } from '../../lib/conflict';
import { chineseOrder, containsPattern, offsetOf, orderByOf } from '../../lib/paging';
import { regionWithinScope } from '../../lib/scope';
import { addDays } from '../../seed/demo-projects';
import type { AuditActor } from '../audit/audit.repository';
import { createAuditRepository } from '../audit/audit.repository';
import { projectsServiceOf } from '../projects/projects.context';
import { createProjectsRepository, type ProjectRow } from '../projects/projects.repository';
import type { ModuleContext, Principal } from '../registry';
import { reviewPassedOn } from './attraction.facts';
import { createAttractionSettings } from './attraction.settings';
import {
  districtOf,
  inPoolReach,
  LEAD_STATES,
  leadInScope,
  leadsFrom,
  liveLead,
  nextStepOnSql,
  poolInReach,
  regionRow,
  subareaOrgOf,
  toLeadListItem,
} from './leads.repository';

// The attraction pipeline's leads: registering (one path through the registry, duplicates flagged and
// never silently doubled), the pool with claiming, release and rule-based assignment, merging
// duplicates, the scorecard, the review (项目准入) and signing, which carries the commitments into the
// project and moves it to 已签约 through the registry's gate.

type Profile = typeof leadProfiles.$inferSelect;

const isLeadState = (state: string) => (LEAD_STATES as readonly string[]).includes(state);

export function createLeadsService(ctx: ModuleContext) {
  const { database, clock } = ctx;
  const db = database.db;
  const audit = createAuditRepository(db);
  const registry = projectsServiceOf(ctx);
  const repo = createProjectsRepository(db, ctx.protector);
  const settings = createAttractionSettings({ db, clock, audit });

  const isAdmin = (p: Principal) => p.actions.has('attraction.admin');
  const canWrite = (p: Principal) => p.actions.has('attraction.write');

  async function profileOf(projectId: string, reader: Db = db): Promise<Profile | undefined> {
    const [row] = await reader
      .select()
      .from(leadProfiles)
      .where(and(eq(leadProfiles.projectId, projectId), isNull(leadProfiles.deletedAt)));
    return row;
  }

  /** A project in the caller's scope (any state), or 404. */
  async function projectInScopeOrMissing(principal: Principal, id: string): Promise<ProjectRow> {
    const [row] = await db
      .select({ id: projects.id })
      .from(projects)
      .where(and(eq(projects.id, id), isNull(projects.deletedAt), leadInScope(principal)));
    if (!row) throw notFound('招商线索');
    const full = await repo.findRow(id);
    if (!full) throw notFound('招商线索');
    return full;
  }

  /** A live lead the caller may work (scope + attraction.write), or 404 / 409. */
  async function workable(
    principal: Principal,
    id: string,
  ): Promise<{ project: ProjectRow; profile?: Profile }> {
    const project = await projectInScopeOrMissing(principal, id);
    const profile = await profileOf(id);
    if (!isLeadState(project.state)) {
      throw new AppError('CONFLICT', `项目已处于「${stateLabel(project.state)}」，不再是招商线索`);
    }
    if (profile?.mergedIntoProjectId) throw new AppError('CONFLICT', '该线索已合并至其他线索');
    if (!canWrite(principal)) throw new AppError('FORBIDDEN', '您不能办理招商线索');
    return profile ? { project, profile } : { project };
  }

  function stateLabel(state: string): string {
    return (
      (
        { LEAD: '招商线索', NEGOTIATING: '在谈', SIGNED: '已签约', TERMINATED: '终止' } as Record<
          string,
          string
        >
      )[state] ?? state
    );
  }

  /** Where else the same investor is worked: only the 板块's name and the registration day. */
  async function duplicateHints(
    name: string | null | undefined,
    uscc: string | null | undefined,
    excludeId?: string,
    reader: Db = db,
  ): Promise<DuplicateHint[]> {
    const key = name ? normaliseCompanyName(name) : '';
    const code = normaliseUscc(uscc);
    const match: SQL[] = [];
    if (key) match.push(eq(leadProfiles.companyNameNorm, key));
    if (code) match.push(eq(leadProfiles.investorUscc, code));
    if (match.length === 0) return [];
    const rows = await reader
      .select({
        regionName: regions.name,
        inPool: leadProfiles.inPool,
        registeredOn: leadProfiles.registeredOn,
      })
      .from(leadProfiles)
      .innerJoin(projects, eq(projects.id, leadProfiles.projectId))
      .innerJoin(regions, eq(regions.id, projects.regionId))
      .where(
        and(
          or(...match),
          isNull(leadProfiles.deletedAt),
          isNull(leadProfiles.mergedIntoProjectId),
          isNull(projects.deletedAt),
          ne(projects.state, 'TERMINATED'),
          excludeId ? ne(projects.id, excludeId) : undefined,
        ),
      )
      .orderBy(asc(leadProfiles.registeredOn))
      .limit(20);
    return rows.map((r) => ({
      regionName: r.inPool ? `${r.regionName}（公海）` : r.regionName,
      registeredOn: r.registeredOn,
    }));
  }

  async function detail(principal: Principal, project: ProjectRow): Promise<LeadDetail> {
    const profile = await profileOf(project.id);
    const [region] = await db
      .select({ name: regions.name })
      .from(regions)
      .where(eq(regions.id, project.regionId));
    const [org] = project.responsibleOrgId
      ? await db.select({ name: orgs.name }).from(orgs).where(eq(orgs.id, project.responsibleOrgId))
      : [];
    const [ownerRow] = profile?.ownerUserId
      ? await db.select({ name: users.displayName }).from(users).where(eq(users.id, profile.ownerUserId))
      : [];
    const [registeredRegion] = profile
      ? await db
          .select({ name: regions.name })
          .from(regions)
          .where(eq(regions.id, profile.registeredRegionId))
      : [];
    const [mergedInto] = profile?.mergedIntoProjectId
      ? await db
          .select({ id: projects.id, name: projects.name })
          .from(projects)
          .where(eq(projects.id, profile.mergedIntoProjectId))
      : [];
    const [commitment] = await db
      .select()
      .from(projectCommitments)
      .where(and(eq(projectCommitments.projectId, project.id), isNull(projectCommitments.deletedAt)));
    const [review] = await db
      .select({
        id: projectReviews.id,
        meetingName: projectReviews.meetingName,
        meetingOn: projectReviews.meetingOn,
        result: projectReviews.result,
      })
      .from(projectReviews)
      .where(and(eq(projectReviews.projectId, project.id), isNull(projectReviews.deletedAt)))
      .orderBy(desc(projectReviews.meetingOn), desc(projectReviews.createdAt))
      .limit(1);
    const duplicates =
      profile && !profile.mergedIntoProjectId
        ? await duplicateHints(profile.companyName, profile.investorUscc, project.id)
        : [];
    const live = isLeadState(project.state) && !profile?.mergedIntoProjectId;
    const write = canWrite(principal) && live;
    const detailScore = profile?.scoreDetail as (ScoreResult & { inputs?: ScoreInputs }) | null | undefined;
    return {
      id: project.id,
      internalNo: project.internalNo,
      name: project.name,
      state: project.state as LeadDetail['state'],
      regionId: project.regionId,
      regionName: region?.name ?? '',
      industryChain: project.industryChain,
      totalInvestment: project.totalInvestment,
      responsibleOrgName: org?.name ?? null,
      projectVersion: project.version,
      profile: profile
        ? {
            companyName: profile.companyName,
            investorUscc: profile.investorUscc,
            investorGroup: profile.investorGroup,
            investorOrigin: profile.investorOrigin as InvestorOrigin | null,
            intendedProduct: profile.intendedProduct,
            estimatedLandMu: profile.estimatedLandMu,
            source: profile.source as (typeof LEAD_SOURCES)[number],
            ownerUserId: profile.ownerUserId,
            ownerName: ownerRow?.name ?? null,
            inPool: profile.inPool,
            pooledAt: profile.pooledAt?.toISOString() ?? null,
            assignedVia: (profile.assignedVia as AssignedVia | null) ?? null,
            assignedAt: profile.assignedAt?.toISOString() ?? null,
            registeredRegionName: registeredRegion?.name ?? '',
            registeredOn: profile.registeredOn,
            mergedInto: mergedInto ?? null,
            mergedAt: profile.mergedAt?.toISOString() ?? null,
            score: profile.score,
            grade: (profile.grade as 'A' | 'B' | 'C' | null) ?? null,
            scoreDetail: detailScore
              ? {
                  total: detailScore.total,
                  grade: detailScore.grade,
                  parts: detailScore.parts,
                  gradeExplanation: detailScore.gradeExplanation,
                }
              : null,
            scoreInputs: detailScore?.inputs ?? null,
            scoredAt: profile.scoredAt?.toISOString() ?? null,
            version: profile.version,
          }
        : null,
      possibleDuplicate: duplicates.length > 0,
      duplicates,
      commitments: commitment ? commitmentsOf(commitment) : null,
      latestReview: review ?? null,
      abilities: {
        edit: write,
        claim: live && Boolean(profile?.inPool) && canWrite(principal),
        release: live && Boolean(profile) && !profile?.inPool && canWrite(principal),
        merge: live && Boolean(profile) && isAdmin(principal),
        score: write && Boolean(profile),
        review: write,
        sign: write && project.state === 'NEGOTIATING',
      },
      isDemo: project.isDemo,
    };
  }

  function commitmentsOf(c: typeof projectCommitments.$inferSelect): Commitments {
    return {
      agreementNo: c.agreementNo,
      signedOn: c.signedOn,
      investmentYuan: c.investmentYuan,
      fixedAssetYuan: c.fixedAssetYuan,
      intensityWanPerMu: c.intensityWanPerMu,
      annualSalesYuan: c.annualSalesYuan,
      taxWanPerMu: c.taxWanPerMu,
      annualTaxYuan: c.annualTaxYuan,
      jobs: c.jobs,
      capacityValue: c.capacityValue,
      capacityUnit: c.capacityUnit,
      energyTce: c.energyTce,
      rdRatio: c.rdRatio,
      plotRatio: c.plotRatio,
      startBy: c.startBy,
      completionBy: c.completionBy,
      productionBy: c.productionBy,
      targetYear: c.targetYear,
    };
  }

  async function leadPage(where: SQL, query: { page: number; pageSize: number; sort?: string | undefined }) {
    const order = orderByOf(
      query.sort,
      {
        registeredOn: leadProfiles.registeredOn,
        nextStepOn: nextStepOnSql,
        totalInvestment: projects.totalInvestment,
        score: leadProfiles.score,
        name: chineseOrder(projects.name),
        updatedAt: projects.updatedAt,
      },
      desc(projects.createdAt),
      projects.id,
    );
    const [rows, [total]] = await Promise.all([
      leadsFrom(db)
        .where(where)
        .orderBy(...order)
        .limit(query.pageSize)
        .offset(offsetOf(query)),
      db
        .select({ n: count() })
        .from(projects)
        .leftJoin(leadProfiles, and(eq(leadProfiles.projectId, projects.id), isNull(leadProfiles.deletedAt)))
        .where(where),
    ]);
    return {
      items: rows.map(toLeadListItem),
      total: total?.n ?? 0,
      page: query.page,
      pageSize: query.pageSize,
    } satisfies ListResult<LeadListItem>;
  }

  function keywordCondition(keyword: string | undefined): SQL | undefined {
    if (!keyword) return undefined;
    const pattern = containsPattern(keyword);
    return sql`(${projects.name} ILIKE ${pattern} OR ${projects.investorName} ILIKE ${pattern}
      OR ${leadProfiles.companyName} ILIKE ${pattern} OR ${leadProfiles.intendedProduct} ILIKE ${pattern})`;
  }

  /** The region a new lead goes to, and whether into the pool. */
  async function placement(
    principal: Principal,
    body: CreateLeadBody,
  ): Promise<{ regionId: string; inPool: boolean }> {
    const admin = isAdmin(principal);
    if (admin && (body.inPool || !body.regionId)) {
      const anchor = body.regionId ?? principal.regionScopeIds[0];
      const district = anchor ? await districtOf(db, anchor) : null;
      if (!district) {
        throw new AppError('VALIDATION_FAILED', '无法确定线索公海所属的区', {
          fields: [{ field: 'regionId', message: '请选择所属板块' }],
        });
      }
      return { regionId: district.id, inPool: true };
    }
    const regionId = body.regionId ?? principal.regionScopeIds[0];
    const region = regionId ? await regionRow(db, regionId) : null;
    if (!regionId || !region || region.level !== 'subarea') {
      throw new AppError('VALIDATION_FAILED', '请选择线索所属的板块', {
        fields: [{ field: 'regionId', message: admin ? '请选择板块，或放入线索公海' : '请选择所属板块' }],
      });
    }
    return { regionId, inPool: false };
  }

  return {
    settings,
    duplicateHints,

    async list(principal: Principal, query: z.output<typeof leadListQuery>) {
      const today = shanghaiDate(clock.now());
      const where = and(
        liveLead(),
        leadInScope(principal),
        query.state ? eq(projects.state, query.state) : undefined,
        query.source
          ? sql`COALESCE(${leadProfiles.source}, ${projects.source}) = ${query.source}`
          : undefined,
        query.grade ? eq(leadProfiles.grade, query.grade) : undefined,
        query.regionId ? regionWithinScope(principal, projects.regionId, query.regionId) : undefined,
        query.industryChain ? eq(projects.industryChain, query.industryChain) : undefined,
        query.ownerUserId ? eq(leadProfiles.ownerUserId, query.ownerUserId) : undefined,
        query.nextStepDue !== undefined
          ? sql`${nextStepOnSql} <= ${addDays(today, query.nextStepDue)}`
          : undefined,
        keywordCondition(query.keyword),
      ) as SQL;
      return leadPage(where, query);
    },

    /** The pool (公海): the pool leads of the caller's district, for every holder of attraction.read. */
    async pool(principal: Principal, query: z.output<typeof poolListQuery>) {
      const where = and(
        liveLead(),
        eq(leadProfiles.inPool, true),
        poolInReach(principal),
        query.source ? eq(leadProfiles.source, query.source) : undefined,
        query.industryChain ? eq(projects.industryChain, query.industryChain) : undefined,
        keywordCondition(query.keyword),
      ) as SQL;
      const page = await leadPage(where, query);
      // The pool shows the investor and the project, not how a 板块 that let the lead go worked it.
      return {
        ...page,
        items: page.items.map((item) => ({
          ...item,
          ownerUserId: null,
          ownerName: null,
          nextStep: null,
          nextStepOn: null,
        })),
      };
    },

    async get(principal: Principal, id: string): Promise<LeadDetail> {
      return detail(principal, await projectInScopeOrMissing(principal, id));
    },

    async create(principal: Principal, actor: AuditActor, body: CreateLeadBody) {
      const now = clock.now();
      const today = shanghaiDate(now);
      const { regionId, inPool } = await placement(principal, body);
      const norm = normaliseCompanyName(body.companyName);
      if (!norm) {
        throw new AppError('VALIDATION_FAILED', '投资方企业名称无效', {
          fields: [{ field: 'companyName', message: '请填写投资方企业名称' }],
        });
      }
      const uscc = normaliseUscc(body.investorUscc);
      if (body.ownerUserId) await ownerMustExist(body.ownerUserId);
      const duplicates = await duplicateHints(body.companyName, uscc);
      const project = await registry.create(
        principal,
        actor,
        {
          name: body.name,
          regionId,
          state: 'LEAD',
          investorName: body.companyName,
          investorOrigin: body.investorOrigin,
          industryChain: body.industryChain,
          source: body.source,
          totalInvestment: body.totalInvestment ?? null,
          responsibleOrgId: body.responsibleOrgId ?? principal.orgId,
        },
        async (tx, row) => {
          await tx.insert(leadProfiles).values({
            projectId: row.id,
            companyName: body.companyName,
            companyNameNorm: norm,
            investorUscc: uscc,
            investorGroup: body.investorGroup ?? null,
            investorOrigin: body.investorOrigin,
            intendedProduct: body.intendedProduct ?? null,
            estimatedLandMu: body.estimatedLandMu ?? null,
            source: body.source,
            ownerUserId: body.ownerUserId ?? (inPool ? null : principal.userId),
            inPool,
            pooledAt: inPool ? now : null,
            assignedVia: inPool ? null : 'registered',
            assignedAt: inPool ? null : now,
            registeredRegionId: regionId,
            registeredOn: today,
            createdAt: now,
            updatedAt: now,
            createdBy: principal.userId,
            updatedBy: principal.userId,
          });
          await audit.append(
            tx,
            actor,
            {
              action: 'attraction.lead.create',
              objectType: 'project',
              objectId: row.id,
              result: 'success',
              summary: {
                companyName: body.companyName,
                source: body.source,
                inPool,
                ...(duplicates.length > 0 ? { possibleDuplicate: duplicates } : {}),
              },
            },
            now,
          );
        },
      );
      const row = await repo.findRow(project.id);
      if (!row) throw notFound('招商线索');
      return { lead: await detail(principal, row), duplicates };
    },

    async update(principal: Principal, actor: AuditActor, id: string, body: UpdateLeadBody) {
      const now = clock.now();
      const { project, profile } = await workable(principal, id);
      if (body.ownerUserId) await ownerMustExist(body.ownerUserId);
      const norm = normaliseCompanyName(body.companyName);
      if (!norm) {
        throw new AppError('VALIDATION_FAILED', '投资方企业名称无效', {
          fields: [{ field: 'companyName', message: '请填写投资方企业名称' }],
        });
      }
      const values = {
        companyName: body.companyName,
        companyNameNorm: norm,
        investorUscc: normaliseUscc(body.investorUscc),
        investorGroup: body.investorGroup ?? null,
        investorOrigin: body.investorOrigin ?? null,
        intendedProduct: body.intendedProduct ?? null,
        estimatedLandMu: body.estimatedLandMu ?? null,
        source: body.source,
        ownerUserId: body.ownerUserId ?? null,
      };
      const projectPatch: Record<string, unknown> = {};
      if (body.name !== undefined && body.name !== project.name) projectPatch.name = body.name;
      if (body.industryChain !== undefined && body.industryChain !== project.industryChain)
        projectPatch.industryChain = body.industryChain;
      if (body.totalInvestment !== undefined && body.totalInvestment !== project.totalInvestment)
        projectPatch.totalInvestment = body.totalInvestment;
      if (body.companyName !== project.investorName) projectPatch.investorName = body.companyName;
      if (body.source !== project.source) projectPatch.source = body.source;
      if (body.investorOrigin && body.investorOrigin !== project.investorOrigin)
        projectPatch.investorOrigin = body.investorOrigin;
      await db.transaction(async (tx) => {
        if (profile) {
          const [updated] = await tx
            .update(leadProfiles)
            .set({
              ...values,
              version: sql`${leadProfiles.version} + 1`,
              updatedAt: now,
              updatedBy: principal.userId,
            })
            .where(and(eq(leadProfiles.projectId, id), eq(leadProfiles.version, body.version)))
            .returning({ version: leadProfiles.version });
          if (!updated) throw await versionConflict(db, '招商线索', profile);
        } else {
          await tx.insert(leadProfiles).values({
            ...values,
            projectId: id,
            inPool: false,
            assignedVia: 'registered',
            registeredRegionId: project.regionId,
            registeredOn: shanghaiDate(project.createdAt),
            createdAt: now,
            updatedAt: now,
            createdBy: principal.userId,
            updatedBy: principal.userId,
          });
        }
        if (Object.keys(projectPatch).length > 0) {
          const version = body.projectVersion ?? project.version;
          const merged = { ...project, ...projectPatch } as ProjectRow;
          const search = registry.searchFields(merged);
          const updated = await repo.update(tx, id, version, {
            ...projectPatch,
            searchText: search.text,
            searchGrams: search.grams,
            updatedAt: now,
            updatedBy: principal.userId,
          });
          if (!updated) throw await versionConflict(db, '项目', project);
        }
        await audit.append(
          tx,
          actor,
          {
            action: 'attraction.lead.update',
            objectType: 'project',
            objectId: id,
            result: 'success',
            summary: { after: { ...values, ...projectPatch } },
          },
          now,
        );
      });
      return { lead: await detail(principal, (await repo.findRow(id)) as ProjectRow) };
    },

    /** A 板块 takes a pool lead: it becomes the 板块's (所属板块, 责任单位), out of the pool. */
    async claim(
      principal: Principal,
      actor: AuditActor,
      id: string,
      body: { version: number; regionId?: string | undefined },
    ) {
      const now = clock.now();
      const profile = await profileOf(id);
      const [project] = await db
        .select({
          id: projects.id,
          state: projects.state,
          regionId: projects.regionId,
          deletedAt: projects.deletedAt,
        })
        .from(projects)
        .where(eq(projects.id, id));
      // Another district's pool (the lead's district now, claimed since or not) is not there for this caller.
      const reach = project ? await inPoolReach(db, principal, project.regionId) : false;
      const live =
        project &&
        reach &&
        !project.deletedAt &&
        isLeadState(project.state) &&
        profile &&
        !profile.mergedIntoProjectId;
      if (!live || !profile || !canWrite(principal)) throw notFound('公海线索');
      if (!profile.inPool) {
        // Once in the pool and taken since: say so; a lead that never was in the pool stays invisible.
        if (profile.pooledAt) throw new AppError('CONFLICT', '该线索已被认领');
        throw notFound('公海线索');
      }
      if (profile.version !== body.version) throw await versionConflict(db, '招商线索', profile);
      const admin = isAdmin(principal);
      const regionId = body.regionId ?? (admin ? undefined : principal.regionScopeIds[0]);
      const region = regionId ? await regionRow(db, regionId) : null;
      if (!regionId || !region || region.level !== 'subarea') {
        throw new AppError('VALIDATION_FAILED', '请选择认领的板块', {
          fields: [{ field: 'regionId', message: '请选择板块' }],
        });
      }
      // The lead goes to a 板块 of the district whose pool it is in (its region is that district).
      const [under] = await db
        .select({ id: regions.id })
        .from(regions)
        .where(
          and(
            eq(regions.id, regionId),
            sql`${regions.path} LIKE (SELECT d.path FROM regions d JOIN projects p ON p.region_id = d.id WHERE p.id = ${id}) || '%'`,
          ),
        );
      if (!under) {
        throw new AppError('VALIDATION_FAILED', '只能认领到线索所属区的板块', {
          fields: [{ field: 'regionId', message: '请选择本区的板块' }],
        });
      }
      if (!admin && !principal.regionScopeIds.includes(regionId)) {
        const [inScope] = await db
          .select({ id: regions.id })
          .from(regions)
          .where(and(eq(regions.id, regionId), regionWithinScope(principal, regions.id)));
        if (!inScope) throw new AppError('FORBIDDEN', '只能认领到本板块');
      }
      const orgId = admin ? await subareaOrgOf(db, regionId) : principal.orgId;
      await this.place(
        actor,
        principal,
        id,
        regionId,
        orgId,
        admin && body.regionId ? 'manual' : 'claimed',
        now,
        body.version,
      );
      return { lead: await detail(principal, (await repo.findRow(id)) as ProjectRow) };
    },

    /** Moves a lead to a 板块 (claim, rule, manual) in one transaction; the profile version guards it. */
    async place(
      actor: AuditActor,
      by: { userId: string },
      id: string,
      regionId: string,
      orgId: string | null,
      via: AssignedVia,
      now: Date,
      profileVersion: number,
      tx0?: Db,
    ) {
      const write = async (tx: Db) => {
        const [updated] = await tx
          .update(leadProfiles)
          .set({
            inPool: false,
            assignedVia: via,
            assignedAt: now,
            // Whoever claims the lead works it; a rule or a manual placement leaves the 板块 to name one.
            ownerUserId: via === 'claimed' ? by.userId : null,
            version: sql`${leadProfiles.version} + 1`,
            updatedAt: now,
            updatedBy: by.userId,
          })
          .where(
            and(
              eq(leadProfiles.projectId, id),
              eq(leadProfiles.version, profileVersion),
              eq(leadProfiles.inPool, true),
            ),
          )
          .returning({ projectId: leadProfiles.projectId });
        if (!updated) throw new AppError('CONFLICT', '该线索已被认领');
        await tx
          .update(projects)
          .set({
            regionId,
            ...(orgId ? { responsibleOrgId: orgId } : {}),
            version: sql`${projects.version} + 1`,
            updatedAt: now,
            updatedBy: by.userId,
          })
          .where(eq(projects.id, id));
        await audit.append(
          tx,
          actor,
          {
            action: 'attraction.lead.assign',
            objectType: 'project',
            objectId: id,
            result: 'success',
            summary: { regionId, via },
          },
          now,
        );
      };
      if (tx0) await write(tx0);
      else await db.transaction(write);
    },

    /** Back to the pool: the district owns the lead again (admin, or the 板块 that holds it). */
    async release(
      principal: Principal,
      actor: AuditActor,
      id: string,
      body: { version: number; reason?: string | undefined },
    ) {
      const now = clock.now();
      const { project, profile } = await workable(principal, id);
      if (!profile) throw new AppError('CONFLICT', '请先完善线索档案');
      if (profile.inPool) throw new AppError('CONFLICT', '该线索已在公海中');
      if (profile.version !== body.version) throw await versionConflict(db, '招商线索', profile);
      const district = await districtOf(db, project.regionId);
      if (!district) throw new AppError('CONFLICT', '无法确定线索公海所属的区');
      await db.transaction(async (tx) => {
        const [updated] = await tx
          .update(leadProfiles)
          .set({
            inPool: true,
            pooledAt: now,
            assignedVia: null,
            assignedAt: null,
            // The pool's leads have no 负责人: the 板块 that let it go no longer works it.
            ownerUserId: null,
            version: sql`${leadProfiles.version} + 1`,
            updatedAt: now,
            updatedBy: principal.userId,
          })
          .where(and(eq(leadProfiles.projectId, id), eq(leadProfiles.version, body.version)))
          .returning({ projectId: leadProfiles.projectId });
        if (!updated) throw await versionConflict(db, '招商线索', profile);
        await tx
          .update(projects)
          .set({
            regionId: district.id,
            version: sql`${projects.version} + 1`,
            updatedAt: now,
            updatedBy: principal.userId,
          })
          .where(eq(projects.id, id));
        await audit.append(
          tx,
          actor,
          {
            action: 'attraction.lead.release',
            objectType: 'project',
            objectId: id,
            result: 'success',
            summary: { from: project.regionId, reason: body.reason ?? null },
          },
          now,
        );
      });
      const row = (await repo.findRow(id)) as ProjectRow;
      return { lead: await detail(principal, row) };
    },

    /** Runs the pool rules over every pool lead: the first matching rule sends it to its 板块. */
    async assign(principal: Principal, actor: AuditActor) {
      const now = clock.now();
      const { rules } = await settings.poolRules();
      const leads = await db
        .select({
          id: projects.id,
          name: projects.name,
          industryChain: projects.industryChain,
          source: leadProfiles.source,
          totalInvestment: projects.totalInvestment,
          version: leadProfiles.version,
          districtId: projects.regionId,
        })
        .from(projects)
        .innerJoin(leadProfiles, eq(leadProfiles.projectId, projects.id))
        .where(
          and(
            liveLead(),
            eq(leadProfiles.inPool, true),
            isNull(leadProfiles.deletedAt),
            poolInReach(principal),
          ),
        )
        .orderBy(asc(leadProfiles.registeredOn), asc(projects.id));
      const assigned: {
        id: string;
        name: string;
        regionId: string;
        regionName: string;
        ruleIndex: number;
      }[] = [];
      const orgOf = new Map<string, string | null>();
      // A rule sends a lead only to a 板块 of the district whose pool holds it.
      const involved = [...new Set([...rules.map((r) => r.regionId), ...leads.map((l) => l.districtId)])];
      const pathOf = new Map(
        (involved.length > 0
          ? await db
              .select({ id: regions.id, path: regions.path })
              .from(regions)
              .where(inArray(regions.id, involved))
          : []
        ).map((r) => [r.id, r.path]),
      );
      const within = (regionId: string, districtId: string) => {
        const [path, district] = [pathOf.get(regionId), pathOf.get(districtId)];
        return Boolean(path && district && path.startsWith(district));
      };
      await db.transaction(async (tx) => {
        for (const lead of leads) {
          const index = rules.findIndex(
            (r) => within(r.regionId, lead.districtId) && poolRuleMatches(r, lead),
          );
          if (index < 0) continue;
          const rule = rules[index];
          if (!rule) continue;
          if (!orgOf.has(rule.regionId)) orgOf.set(rule.regionId, await subareaOrgOf(db, rule.regionId));
          await this.place(
            actor,
            principal,
            lead.id,
            rule.regionId,
            orgOf.get(rule.regionId) ?? null,
            'rule',
            now,
            lead.version,
            tx,
          );
          assigned.push({
            id: lead.id,
            name: lead.name,
            regionId: rule.regionId,
            regionName: rule.regionName,
            ruleIndex: index,
          });
        }
      });
      return { assigned, remaining: leads.length - assigned.length };
    },

    /** Full candidates of the same investor (admins, who merge them). */
    async duplicates(principal: Principal, id: string) {
      const project = await projectInScopeOrMissing(principal, id);
      const profile = await profileOf(id);
      if (!profile) return { items: [] };
      const where = and(
        isNull(projects.deletedAt),
        ne(projects.state, 'TERMINATED'),
        ne(projects.id, project.id),
        isNull(leadProfiles.mergedIntoProjectId),
        leadInScope(principal),
        or(
          eq(leadProfiles.companyNameNorm, profile.companyNameNorm),
          profile.investorUscc ? eq(leadProfiles.investorUscc, profile.investorUscc) : sql`false`,
        ),
      ) as SQL;
      const rows = await leadsFrom(db).where(where).orderBy(asc(leadProfiles.registeredOn)).limit(50);
      const matches = await db
        .select({
          id: leadProfiles.projectId,
          norm: leadProfiles.companyNameNorm,
          uscc: leadProfiles.investorUscc,
        })
        .from(leadProfiles)
        .where(inArray(leadProfiles.projectId, rows.length > 0 ? rows.map((r) => r.id) : [id]));
      const by = new Map(matches.map((m) => [m.id, m]));
      return {
        items: rows.map((r) => {
          const m = by.get(r.id);
          const matchedBy: ('name' | 'uscc')[] = [];
          if (m?.norm === profile.companyNameNorm) matchedBy.push('name');
          if (profile.investorUscc && m?.uscc === profile.investorUscc) matchedBy.push('uscc');
          return { ...toLeadListItem(r), matchedBy };
        }),
      };
    },

    /** Merges this lead into another: terminated as a duplicate, its activities and contacts moved. */
    async merge(
      principal: Principal,
      actor: AuditActor,
      id: string,
      body: { intoId: string; version: number },
    ) {
      const now = clock.now();
      const today = shanghaiDate(now);
      if (body.intoId === id) {
        throw new AppError('VALIDATION_FAILED', '不能合并到自身', {
          fields: [{ field: 'intoId', message: '请选择另一条线索' }],
        });
      }
      const { project, profile } = await workable(principal, id);
      if (!profile) throw new AppError('CONFLICT', '请先完善线索档案');
      if (profile.version !== body.version) throw await versionConflict(db, '招商线索', profile);
      const into = await projectInScopeOrMissing(principal, body.intoId);
      const intoProfile = await profileOf(body.intoId);
      if (intoProfile?.mergedIntoProjectId || into.state === 'TERMINATED') {
        throw new AppError('CONFLICT', '目标线索已合并或已终止');
      }
      const reason = `重复线索，已合并至「${into.name}」（${into.internalNo}）`;
      await db.transaction(async (tx) => {
        const [updated] = await tx
          .update(leadProfiles)
          .set({
            mergedIntoProjectId: into.id,
            mergedAt: now,
            mergedBy: principal.userId,
            inPool: false,
            version: sql`${leadProfiles.version} + 1`,
            updatedAt: now,
            updatedBy: principal.userId,
          })
          .where(and(eq(leadProfiles.projectId, id), eq(leadProfiles.version, body.version)))
          .returning({ projectId: leadProfiles.projectId });
        if (!updated) throw await versionConflict(db, '招商线索', profile);
        const moved = await tx
          .update(leadActivities)
          .set({ projectId: into.id, updatedAt: now, updatedBy: principal.userId })
          .where(and(eq(leadActivities.projectId, id), isNull(leadActivities.deletedAt)))
          .returning({ id: leadActivities.id });
        const movedContacts = await tx
          .update(leadContacts)
          .set({ projectId: into.id, updatedAt: now, updatedBy: principal.userId })
          .where(and(eq(leadContacts.projectId, id), isNull(leadContacts.deletedAt)))
          .returning({ id: leadContacts.id });
        const terminated = await repo.update(tx, id, project.version, {
          state: 'TERMINATED',
          terminatedOn: today,
          terminateReason: reason,
          updatedAt: now,
          updatedBy: principal.userId,
        });
        if (!terminated) throw await versionConflict(db, '项目', project);
        await tx.insert(projectStateChanges).values({
          projectId: id,
          fromState: project.state,
          toState: 'TERMINATED',
          event: 'terminate',
          reason,
          actorId: principal.userId,
          actorName: principal.displayName,
          at: now,
        });
        await audit.append(
          tx,
          actor,
          {
            action: 'attraction.lead.merge',
            objectType: 'project',
            objectId: id,
            result: 'success',
            summary: {
              into: into.id,
              reason,
              activities: moved.length,
              contacts: movedContacts.length,
            },
          },
          now,
        );
      });
      return { lead: await detail(principal, into) };
    },

    async score(principal: Principal, actor: AuditActor, id: string, inputs: ScoreInputs, version: number) {
      const now = clock.now();
      const { profile } = await workable(principal, id);
      if (!profile) throw new AppError('CONFLICT', '请先完善线索档案（投资方、招商来源）再评分');
      if (profile.version !== version) throw await versionConflict(db, '招商线索', profile);
      const { config } = await settings.scorecard();
      let result: ScoreResult;
      try {
        result = scoreLead(config, inputs);
      } catch (e) {
        if (e instanceof DomainError) throw fromDomainError(e);
        throw e;
      }
      const known = new Set(config.criteria.map((c) => c.code));
      const kept = Object.fromEntries(Object.entries(inputs).filter(([k]) => known.has(k)));
      await db.transaction(async (tx) => {
        const [updated] = await tx
          .update(leadProfiles)
          .set({
            score: result.total,
            grade: result.grade,
            scoreDetail: { ...result, inputs: kept },
            scoredAt: now,
            scoredBy: principal.userId,
            version: sql`${leadProfiles.version} + 1`,
            updatedAt: now,
            updatedBy: principal.userId,
          })
          .where(and(eq(leadProfiles.projectId, id), eq(leadProfiles.version, version)))
          .returning({ projectId: leadProfiles.projectId });
        if (!updated) throw await versionConflict(db, '招商线索', profile);
        await audit.append(
          tx,
          actor,
          {
            action: 'attraction.lead.score',
            objectType: 'project',
            objectId: id,
            result: 'success',
            summary: { total: result.total, grade: result.grade, inputs: kept },
          },
          now,
        );
      });
      return { lead: await detail(principal, (await repo.findRow(id)) as ProjectRow) };
    },

    async reviews(principal: Principal, id: string) {
      await projectInScopeOrMissing(principal, id);
      const rows = await db
        .select({ review: projectReviews, by: users.displayName })
        .from(projectReviews)
        .leftJoin(users, eq(users.id, projectReviews.createdBy))
        .where(and(eq(projectReviews.projectId, id), isNull(projectReviews.deletedAt)))
        .orderBy(desc(projectReviews.meetingOn), desc(projectReviews.createdAt));
      return { items: rows.map((r) => reviewOf(r.review, r.by)) };
    },

    /** Records a review; the project's 准入 date follows the latest passed or conditional one. */
    async addReview(
      principal: Principal,
      actor: AuditActor,
      id: string,
      body: {
        meetingName: string;
        meetingOn: string;
        criteria: { code: string; label: string; passed: boolean; note?: string | null | undefined }[];
        result: 'passed' | 'conditional' | 'rejected';
        conditions?: string | null | undefined;
      },
    ) {
      const now = clock.now();
      const today = shanghaiDate(now);
      const { project } = await workable(principal, id);
      if (body.meetingOn > today) {
        throw new AppError('VALIDATION_FAILED', '评审日期不能晚于今天', {
          fields: [{ field: 'meetingOn', message: '评审日期不能晚于今天' }],
        });
      }
      const review = await db.transaction(async (tx) => {
        const [row] = await tx
          .insert(projectReviews)
          .values({
            projectId: id,
            meetingName: body.meetingName,
            meetingOn: body.meetingOn,
            criteria: body.criteria.map((c) => ({ ...c, note: c.note ?? null })),
            result: body.result,
            conditions: body.conditions ?? null,
            createdAt: now,
            updatedAt: now,
            createdBy: principal.userId,
            updatedBy: principal.userId,
          })
          .returning();
        if (!row) throw new Error('insert returned no row');
        const passedOn = await reviewPassedOn(tx, id);
        if (passedOn !== project.accessReviewPassedOn) {
          await tx
            .update(projects)
            .set({
              accessReviewPassedOn: passedOn,
              version: sql`${projects.version} + 1`,
              updatedAt: now,
              updatedBy: principal.userId,
            })
            .where(eq(projects.id, id));
        }
        await audit.append(
          tx,
          actor,
          {
            action: 'attraction.review',
            objectType: 'project',
            objectId: id,
            result: 'success',
            summary: { meetingName: body.meetingName, meetingOn: body.meetingOn, result: body.result },
          },
          now,
        );
        return row;
      });
      return { review: reviewOf(review, principal.displayName) };
    },

    /**
     * Signing: the commitments are recorded and copied onto the project, which then moves 在谈 → 已签约
     * through the registry's gate in the same transaction; an unmet gate writes nothing.
     */
    async sign(principal: Principal, actor: AuditActor, id: string, body: SignBody) {
      const now = clock.now();
      const { project } = await workable(principal, id);
      if (project.state !== 'NEGOTIATING') {
        throw new AppError('CONFLICT', '只有在谈的线索可以签约（请先推进到「在谈」）');
      }
      if (body.signedOn > shanghaiDate(now)) {
        throw new AppError('VALIDATION_FAILED', '签约日期不能晚于今天', {
          fields: [{ field: 'signedOn', message: '签约日期不能晚于今天' }],
        });
      }
      if (body.version !== project.version) throw await versionConflict(db, '项目', project);
      const c = body.commitments;
      const capacity =
        c.capacityValue != null ? `${c.capacityValue}${c.capacityUnit ?? ''}`.slice(0, 100) : undefined;
      await db.transaction(async (tx) => {
        const commitmentValues = {
          agreementNo: body.agreementNo ?? null,
          signedOn: body.signedOn,
          investmentYuan: c.investmentYuan,
          fixedAssetYuan: c.fixedAssetYuan ?? null,
          intensityWanPerMu: c.intensityWanPerMu,
          annualSalesYuan: c.annualSalesYuan ?? null,
          taxWanPerMu: c.taxWanPerMu ?? null,
          annualTaxYuan: c.annualTaxYuan ?? null,
          jobs: c.jobs ?? null,
          capacityValue: c.capacityValue ?? null,
          capacityUnit: c.capacityUnit ?? null,
          energyTce: c.energyTce ?? null,
          rdRatio: c.rdRatio ?? null,
          plotRatio: c.plotRatio ?? null,
          startBy: c.startBy,
          completionBy: c.completionBy,
          productionBy: c.productionBy ?? null,
          targetYear: c.targetYear ?? null,
          updatedAt: now,
          updatedBy: principal.userId,
        };
        await tx
          .insert(projectCommitments)
          .values({ projectId: id, ...commitmentValues, createdAt: now, createdBy: principal.userId })
          .onConflictDoUpdate({
            target: projectCommitments.projectId,
            set: { ...commitmentValues, version: sql`${projectCommitments.version} + 1`, deletedAt: null },
          });
        const updated = await repo.update(tx, id, body.version, {
          signedOn: body.signedOn,
          totalInvestment: c.investmentYuan,
          ...(c.fixedAssetYuan != null ? { fixedAssetInvestment: c.fixedAssetYuan } : {}),
          committedIntensityWanPerMu: c.intensityWanPerMu,
          ...(c.annualSalesYuan != null ? { committedSalesYuan: c.annualSalesYuan } : {}),
          ...(c.taxWanPerMu != null ? { committedTaxWanPerMu: c.taxWanPerMu } : {}),
          ...(c.jobs != null ? { committedJobs: c.jobs } : {}),
          ...(c.energyTce != null ? { committedEnergyTce: c.energyTce } : {}),
          ...(c.plotRatio != null ? { plotRatio: c.plotRatio } : {}),
          ...(capacity ? { designCapacity: capacity } : {}),
          plannedStartOn: c.startBy,
          plannedCompletionOn: c.completionBy,
          ...(c.productionBy ? { plannedProductionOn: c.productionBy } : {}),
          ...(c.targetYear ? { plannedTargetOn: `${c.targetYear}-12-31` } : {}),
          updatedAt: now,
          updatedBy: principal.userId,
        });
        if (!updated) throw await versionConflict(db, '项目', project);
        const moved = await registry.advanceWhenReady(
          actor,
          id,
          'SIGNED',
          `签约${body.agreementNo ? `（协议编号 ${body.agreementNo}）` : ''}`,
          { userId: principal.userId, name: principal.displayName },
          tx,
        );
        if (!moved.moved) {
          throw new AppError(
            'GATE_UNMET',
            `不满足进入「已签约」的条件：${moved.unmet.map((u) => u.message).join('；')}`,
            { to: 'SIGNED', unmet: moved.unmet, overridable: false },
          );
        }
        await audit.append(
          tx,
          actor,
          {
            action: 'attraction.sign',
            objectType: 'project',
            objectId: id,
            result: 'success',
            summary: {
              signedOn: body.signedOn,
              agreementNo: body.agreementNo ?? null,
              commitments: { ...c },
            },
          },
          now,
        );
      });
      return { lead: await detail(principal, (await repo.findRow(id)) as ProjectRow) };
    },
  };

  async function ownerMustExist(userId: string) {
    const [row] = await db.select({ id: users.id }).from(users).where(eq(users.id, userId));
    if (!row) {
      throw new AppError('VALIDATION_FAILED', '招商负责人不存在', {
        fields: [{ field: 'ownerUserId', message: '请选择招商负责人' }],
      });
    }
  }
}

function reviewOf(r: typeof projectReviews.$inferSelect, by: string | null) {
  return {
    id: r.id,
    projectId: r.projectId,
    meetingName: r.meetingName,
    meetingOn: r.meetingOn,
    criteria: r.criteria as { code: string; label: string; passed: boolean; note: string | null }[],
    result: r.result,
    conditions: r.conditions,
    createdByName: by,
    createdAt: r.createdAt.toISOString(),
  };
}

export type LeadsService = ReturnType<typeof createLeadsService>;
