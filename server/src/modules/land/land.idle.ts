import {
  assessIdle,
  assessUnderUse,
  DISPOSALS_BY_CAUSE,
  IDLE_CASE_STAGE_LABELS,
  type IdleCaseStage,
  type IdleCause,
  type IdleDisposal,
  idleFeeYuan,
  nextIdleStage,
} from '@groundbreak/domain';
import { and, eq, sql } from 'drizzle-orm';
import { type Clock, shanghaiDate } from '../../clock';
import type { Database, Db } from '../../db/database';
import { idleCases, parcels } from '../../db/schema/index';
import { AppError, notFound } from '../../errors';
import type { JobDefinition } from '../../jobs/runner';
import { versionConflict } from '../../lib/conflict';
import {
  type AuditActor,
  type AuditRepository,
  createAuditRepository,
  SYSTEM_ACTOR,
} from '../audit/audit.repository';
import { createNotificationsRepository } from '../notifications/notifications.repository';
import type { Principal } from '../registry';
import { createLandRepository, type LandRepository } from './land.repository';
import { idleThresholdsOf, readLandRules } from './land.rules';

// 闲置土地 (domain.md §10.3): the daily job that watches supplied land (黄 from 300 days past the agreed
// start, 疑似闲置 from 365 [A]; 用而不足 below the planning conditions) and keeps parcel statuses in step with
// their projects; and the disposal case, 调查 → 认定 → 处置方案 → 决定 → 执行, kept by 自然资源和规划.

type IdleCase = typeof idleCases.$inferSelect;
type CaseRow = { c: IdleCase; p: typeof parcels.$inferSelect; regionName: string; priceYuan: number | null };

export function presentIdleCase(row: CaseRow) {
  return {
    id: row.c.id,
    parcelId: row.p.id,
    parcelNo: row.p.parcelNo,
    parcelName: row.p.name,
    regionName: row.regionName,
    stage: row.c.stage as IdleCaseStage,
    cause: row.c.cause as IdleCause | null,
    disposal: row.c.disposal as IdleDisposal | null,
    noticeOn: row.c.noticeOn,
    determinationNo: row.c.determinationNo,
    determinedOn: row.c.determinedOn,
    plan: row.c.plan,
    decisionNo: row.c.decisionNo,
    decidedOn: row.c.decidedOn,
    feeYuan: row.c.feeYuan,
    suggestedFeeYuan: row.priceYuan !== null ? idleFeeYuan(row.priceYuan) : null,
    deadlineOn: row.c.deadlineOn,
    result: row.c.result,
    closedOn: row.c.closedOn,
    isDemo: row.c.isDemo,
    version: row.c.version,
    updatedAt: row.c.updatedAt.toISOString(),
  };
}

/** Parcel statuses a closed case leaves: recovered land goes back to the government; the rest waits for a start. */
function statusAfter(disposal: IdleDisposal | null): 'recovered' | 'supplied' {
  return disposal === 'recovery_free' || disposal === 'recovery_paid' || disposal === 'swap'
    ? 'recovered'
    : 'supplied';
}

export function createIdleCases(deps: {
  database: Database;
  land: LandRepository;
  audit: AuditRepository;
  clock: Clock;
}) {
  const { database, land, audit, clock } = deps;
  const db = database.db;

  async function load(principal: Principal, id: string, tx: Db = db) {
    const row = await land.idleCaseInScope(principal, id, tx);
    if (!row) throw notFound('闲置土地处置案件');
    return row;
  }

  function requireWrite(principal: Principal) {
    if (!principal.actions.has('land.write'))
      throw new AppError('FORBIDDEN', '闲置土地处置由自然资源和规划部门办理');
  }

  return {
    async get(principal: Principal, id: string) {
      return presentIdleCase(await load(principal, id));
    },

    /** Opens a case (调查: the notice to the land user, who explains within 30 days). */
    async open(
      principal: Principal,
      actor: AuditActor,
      parcelId: string,
      body: { noticeOn: string; note?: string | undefined },
    ) {
      requireWrite(principal);
      const parcel = await land.findInScope(principal, parcelId);
      if (!parcel) throw notFound('地块');
      const status = parcel.p.status;
      if (!['supplied', 'under_construction', 'underused', 'suspected_idle', 'idle'].includes(status)) {
        throw new AppError('CONFLICT', '只有已供应的地块可以启动闲置土地调查');
      }
      if (await land.openIdleCaseOf(parcelId))
        throw new AppError('CONFLICT', '该地块已有未结的闲置土地处置案件');
      if (body.noticeOn > shanghaiDate(clock.now())) {
        throw new AppError('VALIDATION_FAILED', '调查通知日期不能晚于今天', {
          fields: [{ field: 'noticeOn', message: '不能晚于今天' }],
        });
      }
      const now = clock.now();
      const id = await db.transaction(async (tx) => {
        const [row] = await tx
          .insert(idleCases)
          .values({
            parcelId,
            stage: 'investigation',
            noticeOn: body.noticeOn,
            plan: body.note ?? null,
            createdAt: now,
            updatedAt: now,
            createdBy: principal.userId,
            updatedBy: principal.userId,
          })
          .returning({ id: idleCases.id });
        if (!row) throw new Error('case not opened');
        await audit.append(
          tx,
          actor,
          {
            action: 'idle_case.open',
            objectType: 'parcel',
            objectId: parcelId,
            result: 'success',
            summary: { caseId: row.id, noticeOn: body.noticeOn },
          },
          now,
        );
        return row.id;
      });
      return this.get(principal, id);
    },

    /**
     * The next step of the procedure, with what it records: 认定 the cause and the 认定书; 处置方案 a
     * disposal that fits the cause; 决定 the decision (the fee defaults to 20% of the land price); 执行 → 结案
     * the result. Determination makes the parcel 已认定闲置; closing frees it or returns it to the government.
     */
    async advance(
      principal: Principal,
      actor: AuditActor,
      id: string,
      body: {
        version: number;
        cause?: IdleCause | undefined;
        disposal?: IdleDisposal | undefined;
        determinationNo?: string | undefined;
        determinedOn?: string | undefined;
        plan?: string | undefined;
        decisionNo?: string | undefined;
        decidedOn?: string | undefined;
        feeYuan?: number | undefined;
        deadlineOn?: string | undefined;
        result?: string | undefined;
      },
    ) {
      requireWrite(principal);
      const row = await load(principal, id);
      const stage = row.c.stage as IdleCaseStage;
      const next = nextIdleStage(stage);
      if (!next) throw new AppError('CONFLICT', '案件已结案');
      if (row.c.version !== body.version) throw await versionConflict(db, '闲置土地处置案件', row.c);
      const errors: { field: string; message: string }[] = [];
      const need = (field: keyof typeof body, message: string) => {
        if (body[field] === undefined || body[field] === '') errors.push({ field, message });
      };
      const today = shanghaiDate(clock.now());
      const values: Partial<IdleCase> = {};
      if (next === 'determination') {
        need('cause', '请选择闲置原因（企业原因或政府原因）');
        need('determinationNo', '请填写闲置土地认定书文号');
        need('determinedOn', '请填写认定日期');
        Object.assign(values, {
          cause: body.cause,
          determinationNo: body.determinationNo,
          determinedOn: body.determinedOn,
        });
      } else if (next === 'plan') {
        need('disposal', '请选择处置方式');
        need('plan', '请填写处置方案');
        const cause = row.c.cause as IdleCause;
        if (body.disposal && !DISPOSALS_BY_CAUSE[cause].includes(body.disposal)) {
          errors.push({
            field: 'disposal',
            message:
              cause === 'enterprise'
                ? '企业原因闲置只能征缴闲置费或无偿收回'
                : '政府原因闲置不能征缴闲置费或无偿收回',
          });
        }
        Object.assign(values, { disposal: body.disposal, plan: body.plan });
      } else if (next === 'decision') {
        need('decisionNo', '请填写处置决定书文号');
        need('decidedOn', '请填写决定日期');
        need('deadlineOn', '请填写执行期限');
        const fee =
          row.c.disposal === 'fee'
            ? (body.feeYuan ?? (row.priceYuan !== null ? idleFeeYuan(row.priceYuan) : undefined))
            : undefined;
        if (row.c.disposal === 'fee' && fee === undefined)
          errors.push({ field: 'feeYuan', message: '请填写闲置费金额' });
        Object.assign(values, {
          decisionNo: body.decisionNo,
          decidedOn: body.decidedOn,
          deadlineOn: body.deadlineOn,
          feeYuan: fee ?? null,
        });
      } else if (next === 'closed') {
        need('result', '请填写执行结果');
        Object.assign(values, { result: body.result, closedOn: today });
      }
      for (const field of ['determinedOn', 'decidedOn'] as const) {
        const v = body[field];
        if (v && v > today) errors.push({ field, message: '日期不能晚于今天' });
      }
      if (errors.length > 0) {
        throw new AppError('VALIDATION_FAILED', errors.map((e) => e.message).join('；'), { fields: errors });
      }
      const now = clock.now();
      await db.transaction(async (tx) => {
        const [updated] = await tx
          .update(idleCases)
          .set({
            ...values,
            stage: next,
            updatedAt: now,
            updatedBy: principal.userId,
            version: sql`${idleCases.version} + 1`,
          })
          .where(and(eq(idleCases.id, id), eq(idleCases.version, body.version)))
          .returning({ id: idleCases.id });
        if (!updated) throw await versionConflict(db, '闲置土地处置案件', row.c);
        const parcelStatus =
          next === 'determination'
            ? 'idle'
            : next === 'closed'
              ? statusAfter(row.c.disposal as IdleDisposal | null)
              : null;
        if (parcelStatus) {
          await tx
            .update(parcels)
            .set({
              status: parcelStatus,
              ...(parcelStatus === 'recovered' ? { projectId: null } : {}),
              ...(next === 'closed' ? { idleLight: 'none', idleReason: null } : {}),
              updatedAt: now,
              updatedBy: principal.userId,
              version: sql`${parcels.version} + 1`,
            })
            .where(eq(parcels.id, row.p.id));
        }
        await audit.append(
          tx,
          actor,
          {
            action: 'idle_case.advance',
            objectType: 'parcel',
            objectId: row.p.id,
            result: 'success',
            summary: {
              caseId: id,
              from: IDLE_CASE_STAGE_LABELS[stage],
              to: IDLE_CASE_STAGE_LABELS[next],
              ...values,
            },
          },
          now,
        );
      });
      return this.get(principal, id);
    },
  };
}

export type IdleCases = ReturnType<typeof createIdleCases>;

/**
 * The daily watch: recounts every parcel's 用地清单 (results expire), follows projects (started → 已开工,
 * completed → 已建成), lights supplied land by the 53号令 tests, marks 疑似闲置 and 用而不足, and tells
 * 自然资源和规划 of each parcel that became 疑似闲置.
 */
export const idleLandJob: JobDefinition = {
  name: 'land.idle-watch',
  description:
    '地块闲置预警与用而不足（约定动工日期起默认 300 天黄灯、365 天疑似闲置，可在土地规则中调整），重算用地清单完成度',
  schedule: '40 2 * * *',
  run: ({ database, asOf, now }) => database.db.transaction((tx) => watchLand(tx, asOf, now)),
};

/** The watch in the caller's transaction (the job's, or the demo seed's right after loading). */
export async function watchLand(tx: Db, asOf: string, now: Date) {
  {
    const land = createLandRepository(tx);
    const thresholds = idleThresholdsOf(await readLandRules(tx));
    {
      await land.recountLists(tx, asOf);
      await tx.execute(sql`
        UPDATE parcels p SET status = 'under_construction', updated_at = ${now}, version = p.version + 1
          FROM projects j WHERE j.id = p.project_id AND p.deleted_at IS NULL AND p.status = 'supplied'
           AND j.actual_start_on IS NOT NULL AND j.actual_start_on <= ${asOf}::date`);
      await tx.execute(sql`
        UPDATE parcels p SET status = 'built', updated_at = ${now}, version = p.version + 1
          FROM projects j WHERE j.id = p.project_id AND p.deleted_at IS NULL AND p.status = 'under_construction'
           AND j.actual_completion_on IS NOT NULL AND j.actual_completion_on <= ${asOf}::date`);
      const watched = (
        await tx.execute<{
          id: string;
          parcel_no: string;
          name: string;
          status: string;
          area_m2: number;
          developed_area_m2: number | null;
          invested_yuan: string | null;
          last_progress_on: string | null;
          plot_ratio_min: number | null;
          intensity_min_wan_per_mu: number | null;
          agreed_start_on: string | null;
          actual_start_on: string | null;
          fixed_asset_investment: string | null;
          floor_area_m2: number | null;
          idle_light: string;
          region_id: string;
        }>(sql`
          SELECT p.id::text, p.parcel_no, p.name, p.status, p.area_m2, p.developed_area_m2, p.invested_yuan::text,
                 p.last_progress_on::text, p.plot_ratio_min, p.intensity_min_wan_per_mu, p.idle_light, p.region_id::text,
                 s.agreed_start_on::text, j.actual_start_on::text, j.fixed_asset_investment::text, j.floor_area_m2
            FROM parcels p
            JOIN land_supplies s ON s.parcel_id = p.id AND s.deleted_at IS NULL
            LEFT JOIN projects j ON j.id = s.project_id
           WHERE p.deleted_at IS NULL
             AND p.status IN ('supplied','under_construction','underused','suspected_idle','built')`)
      ).rows;
      const becameSuspected: typeof watched = [];
      let changed = 0;
      for (const w of watched) {
        const idle = assessIdle(
          {
            agreedStartOn: w.agreed_start_on,
            actualStartOn: w.actual_start_on,
            areaM2: w.area_m2,
            developedAreaM2: w.developed_area_m2,
            investedYuan: w.invested_yuan === null ? null : Number(w.invested_yuan),
            totalInvestmentYuan: w.fixed_asset_investment === null ? null : Number(w.fixed_asset_investment),
            lastProgressOn: w.last_progress_on,
          },
          asOf,
          thresholds,
        );
        let status = w.status;
        if (idle.light === 'suspected' && (status === 'supplied' || status === 'under_construction')) {
          status = 'suspected_idle';
          becameSuspected.push(w);
        }
        if (status === 'built') {
          const under = assessUnderUse({
            areaM2: w.area_m2,
            plotRatioMin: w.plot_ratio_min,
            intensityMinWanPerMu: w.intensity_min_wan_per_mu,
            floorAreaM2: w.floor_area_m2,
            fixedAssetInvestmentYuan:
              w.fixed_asset_investment === null ? null : Number(w.fixed_asset_investment),
          });
          if (under.underused) status = 'underused';
        }
        const light = status === 'built' ? 'none' : idle.light;
        await tx.execute(sql`
          UPDATE parcels SET idle_light = ${light}, idle_days = ${idle.daysSinceAgreedStart}, idle_reason = ${idle.reason},
                 idle_checked_on = ${asOf}::date,
                 status = ${status}, version = CASE WHEN status <> ${status} THEN version + 1 ELSE version END,
                 updated_at = CASE WHEN status <> ${status} THEN ${now} ELSE updated_at END
           WHERE id = ${w.id}::uuid`);
        if (status !== w.status) changed++;
      }
      if (becameSuspected.length > 0) {
        await createAuditRepository(tx).appendMany(
          tx,
          SYSTEM_ACTOR,
          becameSuspected.map((w) => ({
            action: 'parcel.transition',
            objectType: 'parcel',
            objectId: w.id,
            result: 'success' as const,
            summary: { from: w.status, to: 'suspected_idle', reason: 'idle-watch', asOf },
          })),
          now,
        );
        const recipients = (
          await tx.execute<{ id: string }>(sql`
            SELECT u.id::text FROM users u JOIN orgs o ON o.id = u.org_id
             WHERE u.deleted_at IS NULL AND u.status = 'active' AND o.kind = 'natural_resources'
               AND 'dept_operator' = ANY(u.roles)`)
        ).rows;
        await createNotificationsRepository(tx).insertMany(
          recipients.flatMap((r) =>
            becameSuspected.map((w) => ({
              recipientId: r.id,
              module: 'land',
              title: `疑似闲置：${w.name}（${w.parcel_no}）`,
              body: `超过约定动工日期 ${w.agreed_start_on ? shanghaiDayDiff(w.agreed_start_on, asOf) : ''} 天未动工，请启动闲置土地调查`,
              link: `/land/parcels/${w.id}`,
            })),
          ),
          now,
          tx,
        );
      }
      return {
        rows: watched.length,
        message: `检查 ${watched.length} 宗已供地块，${becameSuspected.length} 宗转为疑似闲置，${changed} 宗状态变化`,
      };
    }
  }
}

function shanghaiDayDiff(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** For tests and the bench: run the watch for one day without the runner. */
export async function watchIdleLand(database: Database, asOf: string, clock: Clock) {
  return idleLandJob.run({
    database,
    asOf,
    now: clock.now(),
    log: { info: () => undefined, error: () => undefined },
    dataDir: '',
  } as Parameters<JobDefinition['run']>[0]);
}
