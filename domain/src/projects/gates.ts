import { type FieldValues, missingRequiredFields, PROJECT_FIELD_LABELS, REQUIRED_FROM } from './fields';
import {
  forwardTargets,
  isSuspendable,
  isTerminal,
  type LandUse,
  needsLand,
  PROJECT_STATE_LABELS,
  type ProjectState,
  predecessorOf,
} from './states';

// The gates of domain.md §3.3 and the one transition function every state change goes through.
// Gates read facts, never the database: each kind of fact comes from one provider on the server, so a
// later module (land, approvals, completion) replaces the provider without touching the rules here.

/** Every kind of fact a gate may read, each filled by one provider. */
export type GateFacts = {
  /** Local date (YYYY-MM-DD, Asia/Shanghai) the move happens on. */
  today: string;
  /** The record's own fields, for the "required from this state" rule and the simple conditions. */
  fields: FieldValues & { landUse: LandUse | null };
  /** Whether the project belongs to a 板块 (a lead may sit in the district's shared pool). */
  ownership: { subarea: boolean };
  agreement: { signedOn: string | null; file: boolean };
  accessReview: { passedOn: string | null; file: boolean };
  commitments: {
    intensityWanPerMu: number | null;
    salesYuan: number | null;
    taxWanPerMu: number | null;
    plannedStartOn: string | null;
    plannedCompletionOn: string | null;
  };
  builder: { usccValid: boolean };
  filing: { projectCodeValid: boolean; filedOn: string | null; certificate: boolean };
  libraryEntry: { entered: number };
  /** Whether this year's 年度计划投资 is declared. */
  yearPlan: { declared: boolean };
  parcel: { code: string | null; available: boolean; redLineMap: boolean };
  landList: { complete: boolean };
  landContract: { number: string | null; signedOn: string | null; file: boolean };
  planningPermit: { number: string | null };
  leaseOrTitle: { file: boolean };
  approvalStart: { firstAcceptedOn: string | null };
  constructionPermit: { number: string | null; issuedOn: string | null; file: boolean };
  startEvidence: { actualStartOn: string | null; photo: boolean };
  acceptanceFiling: { jointAcceptance: boolean; filing: boolean; actualCompletionOn: string | null };
  production: { actualProductionOn: string | null; evidence: boolean };
  capacity: { reachedOn: string | null; plannedTargetOn: string | null };
  postEvaluation: { approvedOn: string | null; report: boolean; openRectifications: number };
};
export type FactKind = Exclude<keyof GateFacts, 'today' | 'fields'>;

/** One unmet condition, in Chinese, with the fact or field it concerns. */
export type Condition = { code: string; message: string; field?: string };

type Gate = { needs: readonly FactKind[]; check: (f: GateFacts) => Condition[] };

const when = (failed: boolean, code: string, message: string, field?: string): Condition[] =>
  failed ? [field ? { code, message, field } : { code, message }] : [];

const GATES: Record<string, Gate> = {
  'LEAD>NEGOTIATING': {
    needs: [],
    check: (f) => [
      ...when(!f.fields.investorName, 'INVESTOR', '投资方未填写', 'investorName'),
      ...when(!f.fields.industryChain, 'INDUSTRY_CHAIN', '产业类别未选择', 'industryChain'),
      ...when(!f.fields.totalInvestment, 'ESTIMATED_INVESTMENT', '预计总投资未填写', 'totalInvestment'),
      ...when(!f.fields.responsibleOrgId, 'RESPONSIBLE_ORG', '责任单位未指定', 'responsibleOrgId'),
    ],
  },
  'NEGOTIATING>SIGNED': {
    needs: ['ownership', 'agreement', 'accessReview', 'commitments'],
    check: (f) => [
      ...when(!f.ownership.subarea, 'OWNER', '项目仍在区级公共池，签约前须归属一个板块', 'regionId'),
      ...when(!f.agreement.file, 'AGREEMENT_FILE', '未上传投资协议'),
      ...when(!f.agreement.signedOn, 'SIGNED_ON', '签约日期未填写', 'signedOn'),
      ...when(!f.commitments.intensityWanPerMu, 'COMMIT_INTENSITY', '承诺投资强度（万元/亩）未填写'),
      ...when(
        !f.commitments.salesYuan && !f.commitments.taxWanPerMu,
        'COMMIT_OUTPUT',
        '承诺达产年销售或亩均税收未填写',
      ),
      ...when(
        !f.commitments.plannedStartOn || !f.commitments.plannedCompletionOn,
        'COMMIT_DEADLINES',
        '开工、竣工期限（计划开工/竣工日期）未填写',
      ),
      ...when(!f.accessReview.passedOn, 'ACCESS_REVIEW', '项目准入评审未通过（没有通过或有条件通过的评审）'),
      ...when(!f.accessReview.file, 'ACCESS_REVIEW_FILE', '未记录项目准入评审（在「招商」页签记录评审会议）'),
    ],
  },
  'SIGNED>FILED': {
    needs: ['builder', 'filing', 'libraryEntry', 'yearPlan'],
    check: (f) => [
      ...when(!f.builder.usccValid, 'USCC', '建设单位统一社会信用代码无效或未填写', 'uscc'),
      ...when(!f.filing.projectCodeValid, 'PROJECT_CODE', '项目代码未填写或格式不正确', 'projectCode'),
      ...when(!f.filing.filedOn, 'FILED_ON', '备案/核准日期未填写'),
      ...when(!f.filing.certificate, 'FILING_CERTIFICATE', '未上传备案证/核准批复'),
      ...when(f.libraryEntry.entered === 0, 'LIBRARY', '尚未进入任何项目库（至少区重点已入库）'),
      ...when(!f.yearPlan.declared, 'YEAR_PLAN', '未申报本年度计划投资'),
    ],
  },
  'FILED>LAND_PREP': {
    needs: ['parcel'],
    check: (f) => [
      ...when(!needsLand(f.fields.landUse), 'LAND_USE', '用地方式不是新增用地或存量用地，应走无需供地的路径'),
      ...when(!f.parcel.code, 'PARCEL', '未选定地块（在项目“用地”页按匹配结果选地）'),
      ...when(
        Boolean(f.parcel.code) && !f.parcel.available,
        'PARCEL_STATUS',
        '地块状态不是储备或批而未供，不能用于供地',
      ),
      ...when(!f.parcel.redLineMap, 'PARCEL_MAP', '地块没有红线范围（请在地块台账导入其边界）'),
    ],
  },
  'LAND_PREP>LAND_SUPPLIED': {
    needs: ['landList', 'landContract', 'planningPermit'],
    check: (f) => [
      ...when(!f.landList.complete, 'LAND_LIST', '用地清单未完成（各事项已批复且在有效期内，或不涉及）'),
      ...when(!f.landContract.number, 'LAND_CONTRACT_NO', '出让记录未填写合同编号'),
      ...when(!f.landContract.signedOn, 'LAND_CONTRACT_ON', '出让记录未填写合同签订日期'),
      ...when(!f.landContract.file, 'LAND_CONTRACT_FILE', '未上传土地出让合同'),
      ...when(!f.planningPermit.number, 'PLANNING_PERMIT', '出让记录未填写建设用地规划许可证号'),
    ],
  },
  'FILED>APPROVING': {
    needs: ['leaseOrTitle'],
    check: (f) => [
      ...when(needsLand(f.fields.landUse), 'LAND_USE', '新增/存量用地项目须先经过供地准备和供地'),
      ...when(!f.leaseOrTitle.file, 'LEASE_OR_TITLE', '未上传厂房租赁合同或自有土地权证'),
    ],
  },
  'LAND_SUPPLIED>APPROVING': {
    needs: ['approvalStart'],
    check: (f) => [
      ...when(
        !f.approvalStart.firstAcceptedOn,
        'APPROVAL_START',
        '工程建设许可阶段尚无已受理事项（首项受理日期）',
      ),
    ],
  },
  'APPROVING>STARTED': {
    needs: ['constructionPermit', 'startEvidence'],
    check: (f) => [
      ...when(!f.constructionPermit.number, 'PERMIT_NO', '施工许可证（或桩基先行许可）编号未填写'),
      ...when(!f.constructionPermit.issuedOn, 'PERMIT_ON', '施工许可发证日期未填写'),
      ...when(!f.constructionPermit.file, 'PERMIT_FILE', '未上传施工许可证'),
      ...when(!f.startEvidence.actualStartOn, 'ACTUAL_START', '实际开工日期未填写', 'actualStartOn'),
      ...when(
        Boolean(f.startEvidence.actualStartOn) && (f.startEvidence.actualStartOn ?? '') > f.today,
        'ACTUAL_START_FUTURE',
        '实际开工日期晚于今天',
      ),
      ...when(!f.startEvidence.photo, 'START_PHOTO', '未上传开工现场照片'),
    ],
  },
  'STARTED>COMPLETED': {
    needs: ['acceptanceFiling'],
    check: (f) => [
      ...when(
        !f.acceptanceFiling.jointAcceptance,
        'JOINT_ACCEPTANCE',
        '未登记联合验收意见书（竣工即发证办理后自动记录）',
      ),
      ...when(!f.acceptanceFiling.filing, 'COMPLETION_FILING', '未登记竣工验收备案表'),
      ...when(
        !f.acceptanceFiling.actualCompletionOn,
        'ACTUAL_COMPLETION',
        '实际竣工日期未填写',
        'actualCompletionOn',
      ),
    ],
  },
  'COMPLETED>IN_PRODUCTION': {
    needs: ['production'],
    check: (f) => [
      ...when(
        !f.production.actualProductionOn,
        'ACTUAL_PRODUCTION',
        '实际投产日期未填写',
        'actualProductionOn',
      ),
      ...when(!f.production.evidence, 'PRODUCTION_EVIDENCE', '未上传投产证明（如首张发票）'),
    ],
  },
  'IN_PRODUCTION>AT_TARGET': {
    needs: ['capacity'],
    check: (f) => {
      const reached = Boolean(f.capacity.reachedOn);
      const yearDue = Boolean(f.capacity.plannedTargetOn) && (f.capacity.plannedTargetOn ?? '') <= f.today;
      return when(
        !reached && !yearDue,
        'CAPACITY',
        '未达到设计产能（未记录达产日期），且协议约定的达产期限未到',
      );
    },
  },
  'AT_TARGET>POST_EVALUATED': {
    needs: ['postEvaluation'],
    check: (f) => [
      ...when(!f.postEvaluation.report, 'POST_EVAL_REPORT', '达产评价（或整改复核）尚未评为合格及以上'),
      ...when(!f.postEvaluation.approvedOn, 'POST_EVAL_APPROVED', '合格的达产评价结果尚未反馈企业'),
      ...when(
        f.postEvaluation.openRectifications > 0,
        'RECTIFICATIONS',
        `还有 ${f.postEvaluation.openRectifications} 项整改未销号`,
      ),
    ],
  },
};

function gateKey(from: ProjectState, to: ProjectState): string {
  return `${from}>${to}`;
}

/** The facts a move from `from` to `to` reads (empty when the move is not a gated forward move). */
export function factsNeeded(from: ProjectState, to: ProjectState): readonly FactKind[] {
  return GATES[gateKey(from, to)]?.needs ?? [];
}

export const SUSPEND_REASONS = [
  'funding',
  'market',
  'policy',
  'land',
  'planning',
  'enterprise',
  'other',
] as const;
export type SuspendReason = (typeof SUSPEND_REASONS)[number];

export type TransitionEvent =
  | { type: 'advance'; to: ProjectState }
  | { type: 'suspend'; reasonCategory: SuspendReason | null; reason: string; expectedResumeOn: string | null }
  | { type: 'resume'; savedState: ProjectState | null }
  | { type: 'terminate'; reason: string };

export type TransitionResult =
  | { ok: true; to: ProjectState; gateChecked: boolean }
  | { ok: false; illegal: true; message: string }
  | { ok: false; illegal: false; to: ProjectState; unmet: Condition[] };

function gateConditions(from: ProjectState, to: ProjectState, facts: GateFacts): Condition[] {
  const gate = GATES[gateKey(from, to)];
  const missing = missingRequiredFields(facts.fields, to).map((field) => ({
    code: `FIELD_${field}`,
    field: field as string,
    message: `${PROJECT_FIELD_LABELS[field]}未填写（${PROJECT_STATE_LABELS[REQUIRED_FROM[field] ?? to]}起必填）`,
  }));
  const unmet = gate ? gate.check(facts) : [];
  // A gate condition and the required-field rule may name the same field; keep the gate's wording.
  const said = new Set(unmet.map((c) => c.field));
  return [...unmet, ...missing.filter((c) => !said.has(c.field))];
}

/**
 * The one state machine. Returns the new state; or `illegal` when the move does not exist from this
 * state; or every unmet condition when the gate refuses (an override by 区发改 may then force the move).
 */
export function transition(state: ProjectState, event: TransitionEvent, facts: GateFacts): TransitionResult {
  const from = PROJECT_STATE_LABELS[state];
  switch (event.type) {
    case 'advance': {
      const to = event.to;
      if (!forwardTargets(state).includes(to)) {
        return {
          ok: false,
          illegal: true,
          message: `不能从「${from}」直接进入「${PROJECT_STATE_LABELS[to]}」`,
        };
      }
      const unmet = gateConditions(state, to, facts);
      return unmet.length === 0
        ? { ok: true, to, gateChecked: true }
        : { ok: false, illegal: false, to, unmet };
    }
    case 'suspend': {
      if (!isSuspendable(state)) {
        return {
          ok: false,
          illegal: true,
          message: `「${from}」状态的项目不能停缓建（立项之后、竣工之前才可）`,
        };
      }
      const unmet = [
        ...when(!event.reasonCategory, 'SUSPEND_CATEGORY', '停缓建原因类别未选择'),
        ...when(!event.reason.trim(), 'SUSPEND_REASON', '停缓建原因说明未填写'),
        ...when(!event.expectedResumeOn, 'SUSPEND_RESUME_ON', '预计复工日期未填写'),
        ...when(
          Boolean(event.expectedResumeOn) && (event.expectedResumeOn ?? '') <= facts.today,
          'SUSPEND_RESUME_PAST',
          '预计复工日期应晚于今天',
        ),
      ];
      return unmet.length === 0
        ? { ok: true, to: 'SUSPENDED', gateChecked: false }
        : { ok: false, illegal: false, to: 'SUSPENDED', unmet };
    }
    case 'resume': {
      if (state !== 'SUSPENDED' || !event.savedState) {
        return { ok: false, illegal: true, message: '只有停缓建的项目可以恢复' };
      }
      const to = event.savedState;
      const before = predecessorOf(to, facts.fields.landUse);
      const unmet = before ? gateConditions(before, to, facts) : [];
      return unmet.length === 0
        ? { ok: true, to, gateChecked: true }
        : { ok: false, illegal: false, to, unmet };
    }
    case 'terminate': {
      if (isTerminal(state)) return { ok: false, illegal: true, message: `「${from}」的项目不能再终止` };
      const unmet = when(!event.reason.trim(), 'TERMINATE_REASON', '终止原因未填写');
      return unmet.length === 0
        ? { ok: true, to: 'TERMINATED', gateChecked: false }
        : { ok: false, illegal: false, to: 'TERMINATED', unmet };
    }
  }
}

/** The facts a resume re-checks: the gate into the saved state. */
export function factsNeededForResume(savedState: ProjectState, landUse: LandUse | null): readonly FactKind[] {
  const before = predecessorOf(savedState, landUse);
  return before ? factsNeeded(before, savedState) : [];
}
