// Typed project attachments: the documents gates read (投资协议, 出让合同 …) and the rest.

export const ATTACHMENT_KINDS = [
  'investment_agreement',
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

export const ATTACHMENT_KIND_LABELS: Record<AttachmentKind, string> = {
  investment_agreement: '投资协议',
  filing_certificate: '备案证/核准批复',
  parcel_red_line_map: '地块红线图',
  land_contract: '土地出让合同',
  lease_or_title: '厂房租赁合同/自有土地权证',
  construction_permit: '施工许可证',
  start_photo: '开工现场照片',
  joint_acceptance: '联合验收意见',
  completion_filing: '竣工验收备案表',
  production_evidence: '投产证明',
  post_evaluation_report: '后评价报告',
  site_photo: '现场照片',
  other: '其他',
};
