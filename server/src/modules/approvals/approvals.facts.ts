import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { projectApprovalItems } from '../../db/schema/index';

// The approval facts the project gates read (domain.md §3.3): LAND_SUPPLIED → APPROVING needs the first item
// of the 工程建设许可 stage accepted; APPROVING → STARTED needs the 施工许可证 (or 桩基先行 permit) issued, its
// number and date from the item. A project whose approvals predate the approval items (no item of that
// stage) still reads the dates typed on the project record.

const ACCEPTED = ['accepted', 'accepted_with_gaps', 'done', 'refused'];

/** The first 受理 of a stage-2 item, or the project's recorded date when it has no stage-2 items. */
export async function approvalStartFact(db: Db, projectId: string, recorded: string | null) {
  const items = await db
    .select({ acceptedOn: projectApprovalItems.acceptedOn, status: projectApprovalItems.status })
    .from(projectApprovalItems)
    .where(
      and(
        eq(projectApprovalItems.projectId, projectId),
        eq(projectApprovalItems.stage, 2),
        isNull(projectApprovalItems.deletedAt),
      ),
    )
    .orderBy(asc(projectApprovalItems.acceptedOn));
  if (items.length === 0) return { firstAcceptedOn: recorded };
  const first = items.find((i) => i.acceptedOn && ACCEPTED.includes(i.status));
  return { firstAcceptedOn: first?.acceptedOn ?? null };
}

/** The issued 施工许可证 (or 桩基先行 permit) item, or the project's recorded permit when it has none. */
export async function constructionPermitFact(
  db: Db,
  projectId: string,
  recorded: { number: string | null; issuedOn: string | null },
  file: boolean,
) {
  const items = await db
    .select({
      status: projectApprovalItems.status,
      documentNo: projectApprovalItems.documentNo,
      doneOn: projectApprovalItems.doneOn,
    })
    .from(projectApprovalItems)
    .where(
      and(
        eq(projectApprovalItems.projectId, projectId),
        inArray(projectApprovalItems.code, ['CONSTRUCTION_PERMIT', 'PILE_PERMIT']),
        isNull(projectApprovalItems.deletedAt),
      ),
    );
  if (items.length === 0) return { ...recorded, file };
  const issued = items.find((i) => i.status === 'done' && i.documentNo && i.doneOn);
  return { number: issued?.documentNo ?? null, issuedOn: issued?.doneOn ?? null, file };
}
