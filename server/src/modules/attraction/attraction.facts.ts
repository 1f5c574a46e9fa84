import type { GateFacts } from '@groundbreak/domain';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { projectReviews } from '../../db/schema/index';

/**
 * The day the project's 准入 stands passed: the meeting day of its latest review when that review passed or
 * passed with conditions; null when there is none or the latest one rejected it (a later 不通过 withdraws an
 * earlier 通过).
 */
export async function reviewPassedOn(db: Db, projectId: string): Promise<string | null> {
  const [latest] = await db
    .select({ meetingOn: projectReviews.meetingOn, result: projectReviews.result })
    .from(projectReviews)
    .where(and(eq(projectReviews.projectId, projectId), isNull(projectReviews.deletedAt)))
    .orderBy(desc(projectReviews.meetingOn), desc(projectReviews.createdAt))
    .limit(1);
  return latest && latest.result !== 'rejected' ? latest.meetingOn : null;
}

/** The 项目准入 fact of the 已签约 gate: the review record is the opinion (see reviewPassedOn). */
export async function accessReviewFact(db: Db, projectId: string): Promise<GateFacts['accessReview']> {
  const passedOn = await reviewPassedOn(db, projectId);
  return { passedOn, file: passedOn !== null };
}
