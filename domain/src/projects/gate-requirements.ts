import type { AttachmentKind } from './attachments';

// What each gated move asks for beyond the "required from this state" fields, so that a page can say it
// before the user tries: the typed documents the fact providers read, and the project fields the gate's
// conditions name (a list of alternatives counts once). Advisory for the UI; transition() decides.
// Keys are `FROM>TO` as in gates.ts.

export const GATE_DOCUMENTS: Readonly<Record<string, readonly AttachmentKind[]>> = {
  // The 准入 review is a record of the attraction pipeline (its date is kept on accessReviewPassedOn).
  'NEGOTIATING>SIGNED': ['investment_agreement'],
  'SIGNED>FILED': ['filing_certificate'],
  'LAND_PREP>LAND_SUPPLIED': ['land_contract'],
  'FILED>APPROVING': ['lease_or_title'],
  'APPROVING>STARTED': ['construction_permit', 'start_photo'],
  'COMPLETED>IN_PRODUCTION': ['production_evidence'],
};

export const GATE_FIELDS: Readonly<Record<string, readonly (string | readonly string[])[]>> = {
  'NEGOTIATING>SIGNED': [
    'signedOn',
    'accessReviewPassedOn',
    'committedIntensityWanPerMu',
    ['committedSalesYuan', 'committedTaxWanPerMu'],
    'plannedStartOn',
    'plannedCompletionOn',
  ],
  'SIGNED>FILED': ['uscc', 'projectCode', 'filedOn'],
  // FILED>LAND_PREP and LAND_PREP>LAND_SUPPLIED read the land module (a linked parcel with its polygon,
  // its 用地清单, the supply record): the project page's 用地 tab says what is missing there.
  'LAND_SUPPLIED>APPROVING': ['approvalStartedOn'],
  'APPROVING>STARTED': ['constructionPermitNo', 'constructionPermitOn', 'actualStartOn'],
  // STARTED>COMPLETED and AT_TARGET>POST_EVALUATED read the evaluation module (the issued 竣工即发证
  // application; the scored 达产评价 and its 整改): the project page's tabs say what is missing there.
  'STARTED>COMPLETED': ['actualCompletionOn'],
  'COMPLETED>IN_PRODUCTION': ['actualProductionOn'],
};
