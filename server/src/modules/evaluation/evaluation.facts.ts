import type { GateFacts } from '@groundbreak/domain';
import { and, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { shanghaiDate } from '../../clock';
import type { Db } from '../../db/database';
import { completionApplications, evaluationRectifications, evaluations } from '../../db/schema/index';

// The facts of the completion and post-evaluation gates, as this module records them (gate-facts.ts reads
// them through these functions).

/**
 * STARTED → COMPLETED: the 竣工即发证 application issued with the joint acceptance's and the filing's
 * numbers; the completion date from the project, else the day of the joint acceptance.
 */
export async function acceptanceFilingFact(
  db: Db,
  projectId: string,
  actualCompletionOn: string | null,
): Promise<GateFacts['acceptanceFiling']> {
  const [app] = await db
    .select({
      jointAcceptanceNo: completionApplications.jointAcceptanceNo,
      jointAcceptanceOn: completionApplications.jointAcceptanceOn,
      filingNo: completionApplications.filingNo,
    })
    .from(completionApplications)
    .where(
      and(
        eq(completionApplications.projectId, projectId),
        eq(completionApplications.status, 'issued'),
        isNull(completionApplications.deletedAt),
      ),
    )
    .limit(1);
  return {
    jointAcceptance: Boolean(app?.jointAcceptanceNo),
    filing: Boolean(app?.filingNo),
    actualCompletionOn: actualCompletionOn ?? app?.jointAcceptanceOn ?? null,
  };
}

/**
 * AT_TARGET → POST_EVALUATED: a scored 达产评价 graded 合格 or better — or the passed re-check of a failed
 * one — is the report; the day its result was sent to the enterprise is the approval; every 整改 of the
 * project still open or being re-checked counts against it.
 */
export async function postEvaluationFact(db: Db, projectId: string): Promise<GateFacts['postEvaluation']> {
  const passing = inArray(evaluations.grade, ['excellent', 'good', 'pass']);
  const ofTarget = sql`(${evaluations.kind} = 'target' OR (${evaluations.kind} = 'recheck' AND EXISTS (
    SELECT 1 FROM evaluations pe WHERE pe.id = ${evaluations.parentId} AND pe.kind = 'target')))`;
  const [latest] = await db
    .select({ notifiedAt: evaluations.notifiedAt })
    .from(evaluations)
    .where(
      and(
        eq(evaluations.projectId, projectId),
        isNull(evaluations.deletedAt),
        inArray(evaluations.status, ['scored', 'notified']),
        passing,
        ofTarget,
      ),
    )
    .orderBy(sql`${evaluations.notifiedAt} DESC NULLS LAST`, desc(evaluations.scoredAt))
    .limit(1);
  const [open] = await db
    .select({ n: count() })
    .from(evaluationRectifications)
    .where(
      and(
        eq(evaluationRectifications.projectId, projectId),
        isNull(evaluationRectifications.deletedAt),
        inArray(evaluationRectifications.status, ['open', 'rechecking']),
      ),
    );
  return {
    approvedOn: latest?.notifiedAt ? shanghaiDate(latest.notifiedAt) : null,
    report: Boolean(latest),
    openRectifications: open?.n ?? 0,
  };
}
