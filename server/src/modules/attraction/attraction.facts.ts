import type { GateFacts } from '@groundbreak/domain';
import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { projectReviews } from '../../db/schema/index';

/**
 * The 项目准入 fact of the 已签约 gate: the review record is the opinion; it passed on the meeting day of the
 * latest review that passed or passed with conditions.
 */
export async function accessReviewFact(db: Db, projectId: string): Promise<GateFacts['accessReview']> {
  const [row] = await db
    .select({ meetingOn: projectReviews.meetingOn })
    .from(projectReviews)
    .where(
      and(
        eq(projectReviews.projectId, projectId),
        inArray(projectReviews.result, ['passed', 'conditional']),
        isNull(projectReviews.deletedAt),
      ),
    )
    .orderBy(desc(projectReviews.meetingOn), desc(projectReviews.createdAt))
    .limit(1);
  return { passedOn: row?.meetingOn ?? null, file: Boolean(row) };
}
