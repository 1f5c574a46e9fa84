import { daysBetween } from './dates';

// 闲置土地 (domain.md §10.3, 《闲置土地处置办法》国土资源部令第53号): land whose user has not started ≥ 1 year after
// the agreed start date; or started, with less than 1/3 of the area developed or less than 25% invested
// (land price and taxes excluded), and development stopped for ≥ 1 year. The daily job watches it: 黄 from
// 300 days, 疑似闲置 from 365 [A: both configurable]; 认定 is the 自然资源 department's, by the procedure below.

export type IdleThresholds = {
  /** Days past the agreed start from which the parcel shows 黄 [A]. */
  warnDays: number;
  /** Days past the agreed start (or of stopped development) from which it is 疑似闲置 (53号令: one year). */
  idleDays: number;
  /** Below this share of the area due, development counts as not enough (53号令: 1/3). */
  minDevelopedShare: number;
  /** Below this share of the total investment (land price excluded), likewise (53号令: 25%). */
  minInvestedShare: number;
};

export const DEFAULT_IDLE_THRESHOLDS: IdleThresholds = {
  warnDays: 300,
  idleDays: 365,
  minDevelopedShare: 1 / 3,
  minInvestedShare: 0.25,
};

export type IdleInput = {
  /** 约定动工日期 of the supply contract. */
  agreedStartOn: string | null;
  actualStartOn: string | null;
  areaM2: number;
  developedAreaM2: number | null;
  /** Invested so far, land price and taxes excluded (元). */
  investedYuan: number | null;
  /** The project's total investment, land price excluded (元). */
  totalInvestmentYuan: number | null;
  /** When development last moved (the last report of progress); null when never recorded. */
  lastProgressOn: string | null;
};

export type IdleLight = 'none' | 'yellow' | 'suspected';

export type IdleAssessment = {
  light: IdleLight;
  /** Days since the agreed start (negative before it); null without an agreed start. */
  daysSinceAgreedStart: number | null;
  developedShare: number | null;
  investedShare: number | null;
  /** Why, in Chinese, with the figures that decided it. */
  reason: string;
};

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** Whether supplied land is idle or about to be, on `today`. */
export function assessIdle(
  input: IdleInput,
  today: string,
  t: IdleThresholds = DEFAULT_IDLE_THRESHOLDS,
): IdleAssessment {
  const days = input.agreedStartOn ? daysBetween(input.agreedStartOn, today) : null;
  const developedShare =
    input.developedAreaM2 !== null && input.areaM2 > 0 ? input.developedAreaM2 / input.areaM2 : null;
  const investedShare =
    input.investedYuan !== null && input.totalInvestmentYuan
      ? input.investedYuan / input.totalInvestmentYuan
      : null;
  const base = { daysSinceAgreedStart: days, developedShare, investedShare };
  if (days === null) return { ...base, light: 'none', reason: '未约定动工日期' };
  if (!input.actualStartOn) {
    if (days >= t.idleDays) {
      return {
        ...base,
        light: 'suspected',
        reason: `超过约定动工日期 ${days} 天未动工（满 ${t.idleDays} 天疑似闲置）`,
      };
    }
    if (days >= t.warnDays) {
      return {
        ...base,
        light: 'yellow',
        reason: `超过约定动工日期 ${days} 天未动工（${t.warnDays} 天起预警）`,
      };
    }
    return {
      ...base,
      light: 'none',
      reason: days < 0 ? `距约定动工日期还有 ${-days} 天` : `超过约定动工日期 ${days} 天`,
    };
  }
  const short: string[] = [];
  if (developedShare !== null && developedShare < t.minDevelopedShare)
    short.push(`已开发面积 ${pct(developedShare)}`);
  if (investedShare !== null && investedShare < t.minInvestedShare)
    short.push(`已投资 ${pct(investedShare)}`);
  if (short.length === 0) return { ...base, light: 'none', reason: '已动工，开发进度未低于闲置标准' };
  const stopped = input.lastProgressOn
    ? daysBetween(input.lastProgressOn, today)
    : daysBetween(input.actualStartOn, today);
  if (stopped >= t.idleDays) {
    return {
      ...base,
      light: 'suspected',
      reason: `已动工但${short.join('、')}，且 ${stopped} 天无进展（满 ${t.idleDays} 天疑似闲置）`,
    };
  }
  if (stopped >= t.warnDays) {
    return { ...base, light: 'yellow', reason: `已动工但${short.join('、')}，${stopped} 天无进展` };
  }
  return { ...base, light: 'none', reason: `已动工，${short.join('、')}，仍在推进` };
}

/** 土地闲置费: 20% of the land price when the user caused the idling (53号令 第十四条) [rate configurable]. */
export function idleFeeYuan(landPriceYuan: number, rate = 0.2): number {
  return Math.round(landPriceYuan * rate);
}

export type UnderUseInput = {
  areaM2: number;
  /** 规划条件: the lowest 容积率 the land must reach. */
  plotRatioMin: number | null;
  /** 标准地 控制指标: 固定资产投资强度, 万元/亩. */
  intensityMinWanPerMu: number | null;
  /** What was built and invested (the project's 总建筑面积 and fixed-asset investment, land excluded). */
  floorAreaM2: number | null;
  fixedAssetInvestmentYuan: number | null;
};

/**
 * 用而不足 [A: the working definition of §10.2]: built, but below the planning conditions — 容积率 under the
 * minimum, or 投资强度 under the standard-land indicator.
 */
export function assessUnderUse(input: UnderUseInput): { underused: boolean; reasons: string[] } {
  const reasons: string[] = [];
  if (input.plotRatioMin !== null && input.floorAreaM2 !== null && input.areaM2 > 0) {
    const ratio = input.floorAreaM2 / input.areaM2;
    if (ratio < input.plotRatioMin)
      reasons.push(`容积率 ${ratio.toFixed(2)} 低于规划下限 ${input.plotRatioMin}`);
  }
  if (input.intensityMinWanPerMu !== null && input.fixedAssetInvestmentYuan !== null && input.areaM2 > 0) {
    const mu = (input.areaM2 * 15) / 10_000;
    const intensity = input.fixedAssetInvestmentYuan / 10_000 / mu;
    if (intensity < input.intensityMinWanPerMu) {
      reasons.push(`投资强度 ${intensity.toFixed(0)} 万元/亩 低于标准 ${input.intensityMinWanPerMu} 万元/亩`);
    }
  }
  return { underused: reasons.length > 0, reasons };
}

export const IDLE_CASE_STAGES = [
  'investigation',
  'determination',
  'plan',
  'decision',
  'execution',
  'closed',
] as const;
export type IdleCaseStage = (typeof IDLE_CASE_STAGES)[number];

export const IDLE_CASE_STAGE_LABELS: Record<IdleCaseStage, string> = {
  investigation: '调查',
  determination: '认定',
  plan: '处置方案',
  decision: '处置决定',
  execution: '执行',
  closed: '已结案',
};

export const IDLE_CAUSES = ['enterprise', 'government'] as const;
export type IdleCause = (typeof IDLE_CAUSES)[number];
export const IDLE_CAUSE_LABELS: Record<IdleCause, string> = {
  enterprise: '企业原因',
  government: '政府原因',
};

/** Disposal types (53号令 第十二、十四条): by cause. */
export const IDLE_DISPOSALS = [
  'fee',
  'recovery_free',
  'extension',
  'change_use',
  'temporary_use',
  'recovery_paid',
  'swap',
] as const;
export type IdleDisposal = (typeof IDLE_DISPOSALS)[number];
export const IDLE_DISPOSAL_LABELS: Record<IdleDisposal, string> = {
  fee: '征缴土地闲置费',
  recovery_free: '无偿收回',
  extension: '延长动工期限',
  change_use: '调整用途或规划条件',
  temporary_use: '政府临时使用',
  recovery_paid: '协议有偿收回',
  swap: '置换土地',
};

/** Which disposals fit which cause: the user's fault is charged or recovered, the government's is remedied. */
export const DISPOSALS_BY_CAUSE: Record<IdleCause, readonly IdleDisposal[]> = {
  enterprise: ['fee', 'recovery_free'],
  government: ['extension', 'change_use', 'temporary_use', 'recovery_paid', 'swap'],
};

/** The next stage of a disposal case, or null at the end. */
export function nextIdleStage(stage: IdleCaseStage): IdleCaseStage | null {
  const i = IDLE_CASE_STAGES.indexOf(stage);
  return IDLE_CASE_STAGES[i + 1] ?? null;
}
