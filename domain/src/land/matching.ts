import { daysBetween } from './dates';
import type { ParcelStatus, ParcelUse } from './parcels';

// 地等项目: a project's land demand ranked against the parcels that could take it, by a score whose parts
// are all shown, so that an operator can see why the first parcel is first. Weights are configurable [A].

export type LandDemand = {
  areaM2: number;
  use: ParcelUse;
  /** 产业类别 (重点产业链) of the project. */
  industryChain: string | null;
  /** The 容积率 the project needs (its floor area over its land), if it says. */
  plotRatioNeeded: number | null;
  /** 承诺投资强度 (万元/亩), checked against the parcel's standard-land minimum. */
  intensityWanPerMu: number | null;
  /** When the project wants the land. */
  wantedOn: string | null;
};

export type ParcelOffer = {
  areaM2: number;
  use: ParcelUse;
  status: ParcelStatus;
  /** 准入产业: the chains the parcel is meant for; empty for any. */
  industries: readonly string[];
  plotRatioMin: number | null;
  plotRatioMax: number | null;
  intensityMinWanPerMu: number | null;
  /** 用地清单 progress (items satisfied of all). */
  listDone: number;
  listTotal: number;
  /** When the parcel is expected to be ready for supply (净地), if known. */
  readyOn: string | null;
};

export const MATCH_PARTS = ['area', 'use', 'conditions', 'list', 'timing'] as const;
export type MatchPart = (typeof MATCH_PARTS)[number];

export const MATCH_PART_LABELS: Record<MatchPart, string> = {
  area: '面积匹配',
  use: '用途与产业',
  conditions: '规划条件',
  list: '用地清单',
  timing: '时间',
};

export type MatchWeights = Record<MatchPart, number>;
/** Points each part can give (they add up to 100) [A]. */
export const DEFAULT_MATCH_WEIGHTS: MatchWeights = {
  area: 30,
  use: 25,
  conditions: 15,
  list: 20,
  timing: 10,
};

export type MatchScore = {
  /** 0–100, one decimal. */
  total: number;
  parts: { part: MatchPart; label: string; weight: number; points: number; explanation: string }[];
};

const mu = (m2: number) => ((m2 * 15) / 10_000).toFixed(1);
const COMPATIBLE: Partial<Record<ParcelUse, readonly ParcelUse[]>> = {
  industrial: ['m0', 'warehouse'],
  m0: ['industrial'],
  warehouse: ['industrial'],
};

function areaFit(demand: number, offer: number, explain = true): { value: number; text: string } {
  if (demand <= 0) return { value: 0, text: '需求面积未填写' };
  const r = offer / demand;
  const text = explain ? `地块 ${mu(offer)} 亩，需求 ${mu(demand)} 亩（${r.toFixed(2)} 倍）` : '';
  // Too small will not do; a little larger is ideal; much larger wastes land another project could use.
  if (r < 0.8) return { value: 0, text: `${text}，面积不足` };
  if (r < 1) return { value: (r - 0.8) / 0.2, text: `${text}，略小` };
  if (r <= 1.2) return { value: 1, text };
  return { value: Math.max(0, 1 - (r - 1.2) / 1.3), text: `${text}，偏大` };
}

type PartValues = Record<MatchPart, { value: number; text: string }>;

/**
 * Each part's value (0–1) and, when `explain`, the sentence that explains it. Ranking thousands of parcels
 * needs only the values; the sentences are written for the few shown.
 */
function evaluate(demand: LandDemand, offer: ParcelOffer, today: string, explain: boolean): PartValues {
  const area = areaFit(demand.areaM2, offer.areaM2, explain);

  const sameUse = offer.use === demand.use;
  const compatibleUse = COMPATIBLE[demand.use]?.includes(offer.use) ?? false;
  const industryOk =
    offer.industries.length === 0 ||
    (demand.industryChain !== null && offer.industries.includes(demand.industryChain));
  const use = {
    value: (sameUse ? 1 : compatibleUse ? 0.5 : 0) * (industryOk ? 1 : 0.5),
    text: !explain
      ? ''
      : `${sameUse ? '用途一致' : compatibleUse ? '用途相近' : '用途不符'}；${
          offer.industries.length === 0
            ? '未限定准入产业'
            : industryOk
              ? `准入产业含“${demand.industryChain}”`
              : `准入产业为${offer.industries.join('、')}`
        }`,
  };

  const conditionProblems: string[] = [];
  if (
    demand.plotRatioNeeded !== null &&
    offer.plotRatioMax !== null &&
    demand.plotRatioNeeded > offer.plotRatioMax
  ) {
    conditionProblems.push(`需容积率 ${demand.plotRatioNeeded}，上限 ${offer.plotRatioMax}`);
  }
  if (
    demand.plotRatioNeeded !== null &&
    offer.plotRatioMin !== null &&
    demand.plotRatioNeeded < offer.plotRatioMin
  ) {
    conditionProblems.push(`容积率 ${demand.plotRatioNeeded} 低于下限 ${offer.plotRatioMin}`);
  }
  if (
    demand.intensityWanPerMu !== null &&
    offer.intensityMinWanPerMu !== null &&
    demand.intensityWanPerMu < offer.intensityMinWanPerMu
  ) {
    conditionProblems.push(`投资强度 ${demand.intensityWanPerMu} 低于 ${offer.intensityMinWanPerMu} 万元/亩`);
  }
  const conditions = {
    value: conditionProblems.length === 0 ? 1 : conditionProblems.length === 1 ? 0.4 : 0,
    text: conditionProblems.length === 0 ? '满足规划条件与控制指标' : conditionProblems.join('；'),
  };

  const list = {
    value: offer.listTotal > 0 ? offer.listDone / offer.listTotal : 0,
    text: explain ? `用地清单 ${offer.listDone}/${offer.listTotal} 项完成` : '',
  };

  // Net land is ready now; approved-but-uncleared land needs clearing first.
  let timingValue = offer.status === 'reserve' ? 1 : 0.6;
  let timingText = offer.status === 'reserve' ? '净地，可即供' : '批而未供，待净地';
  if (demand.wantedOn && offer.readyOn && offer.readyOn > demand.wantedOn) {
    const late = daysBetween(demand.wantedOn, offer.readyOn);
    timingValue *= Math.max(0, 1 - late / 365);
    timingText += `；预计 ${offer.readyOn} 可供，晚于需求 ${late} 天`;
  } else if (offer.readyOn && offer.readyOn > today && offer.status === 'reserve') {
    timingText += `；预计 ${offer.readyOn} 可供`;
  }
  const timing = { value: timingValue, text: timingText };
  return { area, use, conditions, list, timing };
}

const pointsOf = (value: number, weight: number) => Math.round(value * weight * 10) / 10;

/** How well `offer` fits `demand` on `today`, part by part. */
export function scoreParcel(
  demand: LandDemand,
  offer: ParcelOffer,
  today: string,
  weights: MatchWeights = DEFAULT_MATCH_WEIGHTS,
): MatchScore {
  const values = evaluate(demand, offer, today, true);
  const parts = MATCH_PARTS.map((part) => ({
    part,
    label: MATCH_PART_LABELS[part],
    weight: weights[part],
    points: pointsOf(values[part].value, weights[part]),
    explanation: values[part].text,
  }));
  return { total: Math.round(parts.reduce((s, p) => s + p.points, 0) * 10) / 10, parts };
}

/** The total of scoreParcel without its sentences: for ranking every candidate before explaining the top. */
export function scoreTotal(
  demand: LandDemand,
  offer: ParcelOffer,
  today: string,
  weights: MatchWeights = DEFAULT_MATCH_WEIGHTS,
): number {
  const values = evaluate(demand, offer, today, false);
  let sum = 0;
  for (const part of MATCH_PARTS) sum += pointsOf(values[part].value, weights[part]);
  return Math.round(sum * 10) / 10;
}

/** Whether a parcel's list is complete or nearly so (at most this many items open) — offered in a match. */
export const NEARLY_COMPLETE_OPEN_ITEMS = 4;
