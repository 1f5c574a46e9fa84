import { DEFAULT_APPROVAL_CATALOGUE } from '@groundbreak/domain';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { approvalCatalogue, projectApprovalItems, projects } from '../../db/schema/index';
import { AppError } from '../../errors';

// The 建设用地规划许可证 is one approval item (LAND_PLAN_PERMIT), the single source of its number: the land
// supply record shows and records the number through here.

const CODE = 'LAND_PLAN_PERMIT';

/** The permit number on the project's item, if any. */
export async function planningPermitOf(db: Db, projectId: string): Promise<string | null> {
  const [row] = await db
    .select({ documentNo: projectApprovalItems.documentNo })
    .from(projectApprovalItems)
    .where(
      and(
        eq(projectApprovalItems.projectId, projectId),
        eq(projectApprovalItems.code, CODE),
        isNull(projectApprovalItems.deletedAt),
      ),
    );
  return row?.documentNo ?? null;
}

/**
 * Records the number (issued `on`, the contract day when given) on the project's item — 已办结 with it —
 * creating the item from the catalogue when the project has none; clearing the number leaves the status.
 * `was` is the number the writer saw: when the item has since been given another (its department corrected
 * it), the write is refused rather than undo the correction.
 */
export async function recordPlanningPermit(
  tx: Db,
  input: {
    projectId: string;
    number: string | null;
    was?: string | null;
    on: string | null;
    userId: string | null;
    now: Date;
    today: string;
  },
): Promise<void> {
  const [item] = await tx
    .select()
    .from(projectApprovalItems)
    .where(
      and(
        eq(projectApprovalItems.projectId, input.projectId),
        eq(projectApprovalItems.code, CODE),
        isNull(projectApprovalItems.deletedAt),
      ),
    )
    // Locked until the writer's transaction ends, so that a correction cannot slip in between.
    .for('update');
  const current = item?.documentNo ?? null;
  if (input.was !== undefined && current !== input.was && current !== input.number) {
    throw new AppError(
      'VERSION_CONFLICT',
      `建设用地规划许可证号已被改为“${current ?? '空'}”（审批事项），请刷新后再保存`,
    );
  }
  if (item) {
    if (item.documentNo === input.number) return;
    const issuedOn = item.doneOn ?? input.on ?? input.today;
    await tx
      .update(projectApprovalItems)
      .set({
        documentNo: input.number,
        ...(input.number
          ? { status: 'done', doneOn: issuedOn, acceptedOn: item.acceptedOn ?? issuedOn }
          : {}),
        version: sql`${projectApprovalItems.version} + 1`,
        updatedAt: input.now,
        updatedBy: input.userId,
      })
      .where(eq(projectApprovalItems.id, item.id));
    return;
  }
  if (!input.number) return;
  const [entry] = await tx.select().from(approvalCatalogue).where(eq(approvalCatalogue.code, CODE));
  const fallback = DEFAULT_APPROVAL_CATALOGUE.find((e) => e.code === CODE);
  const issuedOn = input.on ?? input.today;
  await tx.insert(projectApprovalItems).values({
    projectId: input.projectId,
    regionId: sql`(SELECT ${projects.regionId} FROM ${projects} WHERE ${projects.id} = ${input.projectId})`,
    code: CODE,
    stage: entry?.stage ?? fallback?.stage ?? 1,
    name: entry?.name ?? fallback?.name ?? '建设用地规划许可证',
    deptKind: entry?.deptKind ?? fallback?.deptKind ?? 'natural_resources',
    promisedDays: entry?.promisedDays ?? fallback?.promisedDays ?? 5,
    unit: entry?.unit ?? fallback?.unit ?? 'working',
    prerequisites: entry?.prerequisites ?? [...(fallback?.prerequisites ?? [])],
    parallelGroup: entry?.parallelGroup ?? fallback?.parallelGroup ?? null,
    sortOrder: entry?.sortOrder ?? 6,
    status: 'done',
    acceptedOn: issuedOn,
    doneOn: issuedOn,
    documentNo: input.number,
    createdAt: input.now,
    updatedAt: input.now,
    createdBy: input.userId,
    updatedBy: input.userId,
  });
}
