// Typed project attachments: the documents gates read (投资协议, 出让合同 …) and the rest.

export const ATTACHMENT_KINDS = [
  'investment_agreement',
  'access_review_opinion',
  'filing_certificate',
  'parcel_red_line_map',
  'land_contract',
  'lease_or_title',
  'construction_permit',
  'start_photo',
  'joint_acceptance',
  'completion_filing',
  'production_evidence',
  'post_evaluation_report',
  'site_photo',
  'other',
] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];
