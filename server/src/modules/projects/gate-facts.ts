import {
  type AttachmentKind,
  checkProjectCode,
  type FactKind,
  type GateFacts,
  isValidUscc,
  type LandUse,
} from '@groundbreak/domain';
import { and, count, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { attachments, projectLibraries, projectYearPlans, regions } from '../../db/schema/index';
import { approvalStartFact, constructionPermitFact } from '../approvals/approvals.facts';
import { accessReviewFact } from '../attraction/attraction.facts';
import { acceptanceFilingFact, postEvaluationFact } from '../evaluation/evaluation.facts';
import { landContractFact, landListFact, parcelFact, planningPermitFact } from '../land/land.facts';
import type { ProjectRow } from './projects.repository';

// One provider per kind of fact a gate reads. Until the module that owns a fact lands, its provider
// reads typed fields on the project and the typed attachment that proves them; the completion module will
// replace its providers here and nothing else (the land and approvals modules already have).

export type ProviderInput = {
  project: ProjectRow;
  /** Kinds of attachment the project holds (not deleted). */
  files: ReadonlySet<AttachmentKind>;
  db: Db;
  today: string;
};
type Provider<K extends FactKind> = (input: ProviderInput) => GateFacts[K] | Promise<GateFacts[K]>;

export const GATE_FACT_PROVIDERS: { [K in FactKind]: Provider<K> } = {
  ownership: async ({ project, db }) => {
    const [row] = await db
      .select({ level: regions.level })
      .from(regions)
      .where(eq(regions.id, project.regionId));
    return { subarea: row?.level === 'subarea' };
  },
  agreement: ({ project, files }) => ({
    signedOn: project.signedOn,
    file: files.has('investment_agreement'),
  }),
  // The attraction module owns this: the latest review (项目评审/准入) that passed, as the record of it.
  accessReview: ({ project, db }) => accessReviewFact(db, project.id),
  commitments: ({ project }) => ({
    intensityWanPerMu: project.committedIntensityWanPerMu,
    salesYuan: project.committedSalesYuan,
    taxWanPerMu: project.committedTaxWanPerMu,
    plannedStartOn: project.plannedStartOn,
    plannedCompletionOn: project.plannedCompletionOn,
  }),
  builder: ({ project }) => ({ usccValid: Boolean(project.uscc && isValidUscc(project.uscc)) }),
  filing: ({ project, files, today }) => ({
    projectCodeValid: Boolean(project.projectCode && !checkProjectCode(project.projectCode, today)),
    filedOn: project.filedOn,
    certificate: files.has('filing_certificate'),
  }),
  libraryEntry: async ({ project, db }) => {
    const [row] = await db
      .select({ n: count() })
      .from(projectLibraries)
      .where(
        and(
          eq(projectLibraries.projectId, project.id),
          eq(projectLibraries.status, 'entered'),
          isNull(projectLibraries.deletedAt),
        ),
      );
    return { entered: row?.n ?? 0 };
  },
  yearPlan: async ({ project, db, today }) => {
    const [row] = await db
      .select({ n: count() })
      .from(projectYearPlans)
      .where(
        and(eq(projectYearPlans.projectId, project.id), eq(projectYearPlans.year, Number(today.slice(0, 4)))),
      );
    return { declared: (row?.n ?? 0) > 0 };
  },
  // The land module owns these facts: the linked parcel, its 用地清单 and the supply record.
  parcel: ({ project, db }) => parcelFact(db, project.id),
  landList: ({ project, db, today }) => landListFact(db, project.id, today),
  landContract: ({ project, db, files }) => landContractFact(db, project.id, files.has('land_contract')),
  planningPermit: ({ project, db }) => planningPermitFact(db, project.id),
  leaseOrTitle: ({ files }) => ({ file: files.has('lease_or_title') }),
  // The approvals module owns these: the first 受理 of stage 2, the issued 施工许可证 of stage 3.
  approvalStart: ({ project, db }) => approvalStartFact(db, project.id, project.approvalStartedOn),
  constructionPermit: ({ project, db, files }) =>
    constructionPermitFact(
      db,
      project.id,
      { number: project.constructionPermitNo, issuedOn: project.constructionPermitOn },
      files.has('construction_permit'),
    ),
  startEvidence: ({ project, files }) => ({
    actualStartOn: project.actualStartOn,
    photo: files.has('start_photo'),
  }),
  // The evaluation module owns these: the issued 竣工即发证 application, the scored 达产评价 and its 整改.
  acceptanceFiling: ({ project, db }) => acceptanceFilingFact(db, project.id, project.actualCompletionOn),
  production: ({ project, files }) => ({
    actualProductionOn: project.actualProductionOn,
    evidence: files.has('production_evidence'),
  }),
  capacity: ({ project }) => ({
    reachedOn: project.capacityReachedOn,
    plannedTargetOn: project.plannedTargetOn,
  }),
  postEvaluation: ({ project, db }) => postEvaluationFact(db, project.id),
};

export async function attachmentKindsOf(db: Db, projectId: string): Promise<Set<AttachmentKind>> {
  const rows = await db
    .selectDistinct({ kind: attachments.kind })
    .from(attachments)
    .where(and(eq(attachments.projectId, projectId), isNull(attachments.deletedAt)));
  return new Set(rows.map((r) => r.kind as AttachmentKind));
}

/** The record's fields in the shape the required-field rule reads. */
export function fieldValuesOf(p: ProjectRow): GateFacts['fields'] {
  return { ...p, landUse: p.landUse as LandUse | null };
}

/** The facts a gate reads (every kind unless `only` names them), each from its provider. */
export async function collectGateFacts(input: ProviderInput, only?: readonly FactKind[]): Promise<GateFacts> {
  const kinds = only ?? (Object.keys(GATE_FACT_PROVIDERS) as FactKind[]);
  const values = await Promise.all(kinds.map((k) => (GATE_FACT_PROVIDERS[k] as Provider<typeof k>)(input)));
  const facts: Record<string, unknown> = { today: input.today, fields: fieldValuesOf(input.project) };
  kinds.forEach((k, i) => {
    facts[k] = values[i];
  });
  return facts as GateFacts;
}
