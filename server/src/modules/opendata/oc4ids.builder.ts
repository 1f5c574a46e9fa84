import type { Oc4idsSettingsFields } from '@groundbreak/contract';
import {
  isLonLat,
  milestoneStatusOf,
  oc4idsDateTime,
  oc4idsPeriod,
  oc4idsProjectId,
  type ProjectState,
  projectSectorsOf,
  projectStatusOf,
  projectTypeOf,
} from '@groundbreak/domain';
import type { ProjectExtras, PublicProjectRow } from './oc4ids.repository';

// One project in OC4IDS 0.9.5, built field by field from an allow-list: every key below is written on
// purpose from a column the repository selected; nothing is copied wholesale, so a column added to the
// registry later (a person's name, a phone) cannot leak into open data. Parties are organisations only —
// the 建设单位 by its credit code and the 板块 or responsible office as public authority — never a contact
// point. Physical progress (ours): the share of 总投资 completed since the start (自开工累计 ÷ 总投资), since
// the registry records 形象进度 as text; financial progress: each month's completed investment.

type Json = Record<string, unknown>;
const cny = (amount: number) => ({ amount, currency: 'CNY' });
const monthEnd = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${String(last).padStart(2, '0')}`;
};

/** The key dates of a project as milestones: 签约, 立项, 供地, 施工许可, 开工, 竣工, 投产. */
function keyMilestones(p: PublicProjectRow, today: string): Json[] {
  const dates: [string, string, string, string | null, string | null, string | null][] = [
    ['signing', '签订投资协议', 'contractClose', 'commercialClose', null, p.signedOn],
    ['filing', '立项（赋码入库）', 'approval', 'projectApproval', null, p.filedOn],
    ['landSupply', '供地（土地出让合同）', 'approval', null, null, p.landContractOn],
    ['constructionPermit', '施工许可', 'approval', 'projectApproval', null, p.constructionPermitOn],
    ['start', '开工', 'delivery', 'commencement', p.plannedStartOn, p.actualStartOn],
    ['completion', '竣工', 'delivery', 'completion', p.plannedCompletionOn, p.actualCompletionOn],
    ['production', '投产', 'delivery', 'commissioning', p.plannedProductionOn, p.actualProductionOn],
  ];
  return dates.flatMap(([id, title, type, code, due, met]) => {
    if (!due && !met) return [];
    return [
      {
        id,
        title,
        type,
        ...(code ? { code } : {}),
        ...(due ? { dueDate: oc4idsDateTime(due) } : {}),
        ...(met && met <= today ? { dateMet: oc4idsDateTime(met) } : {}),
        status: milestoneStatusOf(due, met, today),
      },
    ];
  });
}

/** The 倒排 plan's nodes: due by the approved baseline (its latest finish), met by the recorded finish. */
function planMilestones(plan: ProjectExtras['plan'], today: string): Json[] {
  if (!plan) return [];
  return plan.nodes.map((node) => {
    const base = plan.baseline?.find((b) => b.key === node.key);
    const due = base ? (base.lateFinish ?? base.earlyFinish) : null;
    const met = node.actualFinish;
    return {
      id: `plan-${node.key}`,
      title: node.name,
      type: node.approvalCode ? 'approval' : 'delivery',
      ...(due ? { dueDate: oc4idsDateTime(due) } : {}),
      ...(met && met <= today ? { dateMet: oc4idsDateTime(met) } : {}),
      status: milestoneStatusOf(due, met, today),
    };
  });
}

function metricsOf(p: PublicProjectRow, x: ProjectExtras): Json[] {
  const months = x.reports.filter((r) => r.monthYuan !== null || r.sinceStartYuan !== null);
  const metrics: Json[] = [];
  const total = p.totalInvestment;
  const physical = months.flatMap((r) => {
    if (r.sinceStartYuan === null || !total || total <= 0) return [];
    const percent = Math.min(100, Math.round((r.sinceStartYuan / total) * 1000) / 10);
    return [
      {
        id: `physical-${r.month}`,
        period: oc4idsPeriod(`${r.month}-01`, monthEnd(r.month)),
        measure: percent,
        unit: { name: 'percent', scheme: 'UNCEFACT', id: 'P1' },
        notes: '自开工累计完成投资占总投资的比例',
      },
    ];
  });
  if (physical.length > 0)
    metrics.push({ id: 'physicalProgress', title: '形象进度（按累计完成投资计）', observations: physical });
  const financial = months.flatMap((r) =>
    r.monthYuan === null
      ? []
      : [
          {
            id: `financial-${r.month}`,
            period: oc4idsPeriod(`${r.month}-01`, monthEnd(r.month)),
            value: cny(r.monthYuan),
          },
        ],
  );
  if (financial.length > 0)
    metrics.push({ id: 'financialProgress', title: '本月完成投资', observations: financial });
  return metrics;
}

function forecastsOf(x: ProjectExtras): Json[] {
  if (x.yearPlans.length === 0) return [];
  return [
    {
      id: 'financialProgress',
      title: '年度计划投资',
      observations: x.yearPlans.map((y) => ({
        id: `plan-${y.year}`,
        period: oc4idsPeriod(`${y.year}-01-01`, `${y.year}-12-31`),
        value: cny(y.plannedInvestment),
      })),
    },
  ];
}

function partiesOf(p: PublicProjectRow, x: ProjectExtras, settings: Oc4idsSettingsFields) {
  const parties: Json[] = [];
  const authority = x.responsibleOrg
    ? { id: `org-${x.responsibleOrg.code}`, name: x.responsibleOrg.name }
    : { id: `region-${x.regionCode}`, name: x.regionName };
  parties.push({ ...authority, roles: ['publicAuthority'] });
  if (x.responsibleOrg)
    parties.push({ id: `region-${x.regionCode}`, name: x.regionName, roles: ['administrativeEntity'] });
  if (p.builderName) {
    const identified = p.uscc ? { scheme: settings.usccScheme, id: p.uscc, legalName: p.builderName } : null;
    parties.push({
      id: identified ? `${settings.usccScheme}-${p.uscc}` : `builder-${p.internalNo}`,
      name: p.builderName,
      ...(identified ? { identifier: identified } : {}),
      // The project company owns and pays for the works (ours).
      roles: ['buyer', 'payer'],
    });
  }
  return { parties, publicAuthority: authority };
}

function locationsOf(p: PublicProjectRow, x: ProjectExtras): Json[] {
  const out: Json[] = [];
  if (isLonLat(p.longitude, p.latitude))
    out.push({
      id: 'site',
      ...(p.location ? { description: p.location } : {}),
      geometry: { type: 'Point', coordinates: [p.longitude, p.latitude] },
    });
  for (const parcel of x.parcels)
    out.push({ id: `parcel-${parcel.parcelNo}`, description: parcel.name, geometry: parcel.geometry });
  if (out.length === 0 && p.location) out.push({ id: 'site', description: p.location });
  return out;
}

function completionOf(p: PublicProjectRow, x: ProjectExtras): Json | null {
  const end = x.completion?.filingOn ?? p.actualCompletionOn;
  if (!end) return null;
  const last = [...x.reports].reverse().find((r) => r.sinceStartYuan !== null);
  return {
    endDate: oc4idsDateTime(end),
    ...(x.completion?.titleOn
      ? { endDateDetails: `竣工验收备案与不动产首次登记于 ${x.completion.titleOn} 办结` }
      : {}),
    ...(last?.sinceStartYuan
      ? { finalValue: cny(last.sinceStartYuan), finalValueDetails: '自开工累计完成投资' }
      : {}),
  };
}

/** A public project as OC4IDS (the caller has checked it is public). */
export function buildOc4idsProject(
  p: PublicProjectRow,
  x: ProjectExtras,
  settings: Oc4idsSettingsFields,
  today: string,
): Json & { id: string } {
  const facts = {
    state: p.state as ProjectState,
    suspendedFromState: (p.suspendedFromState as ProjectState | null) ?? null,
    filedOn: p.filedOn,
  };
  const type = projectTypeOf(p.constructionNature);
  const sector = projectSectorsOf(p.industryCode, p.industryChain);
  const period = oc4idsPeriod(p.plannedStartOn, p.plannedCompletionOn);
  const { parties, publicAuthority } = partiesOf(p, x, settings);
  const milestones = [...keyMilestones(p, today), ...planMilestones(x.plan, today)];
  const metrics = metricsOf(p, x);
  const forecasts = forecastsOf(x);
  const locations = locationsOf(p, x);
  const completion = p.state === 'TERMINATED' ? null : completionOf(p, x);
  const phases: [string, string | null, string | null][] = [
    ['preparationPeriod', p.filedOn, p.actualStartOn],
    ['implementationPeriod', p.actualStartOn, p.actualCompletionOn],
    ['maintenancePeriod', p.actualProductionOn, null],
  ];
  const project: Json & { id: string } = {
    id: oc4idsProjectId(settings.idPrefix, p.internalNo),
    updated: p.updatedAt.toISOString(),
    language: 'zh',
    ...(p.projectCode ? { identifiers: [{ id: p.projectCode, scheme: settings.projectCodeScheme }] } : {}),
    title: p.name,
    ...(p.scaleContent ? { description: p.scaleContent } : {}),
    status: projectStatusOf(facts),
    ...(type ? { type } : {}),
    ...(sector.length > 0 ? { sector } : {}),
    ...(p.industryCode
      ? { additionalClassifications: [{ scheme: 'GB/T 4754-2017', id: p.industryCode }] }
      : {}),
    publicAuthority,
    parties,
    ...(p.totalInvestment !== null && p.totalInvestment > 0
      ? { budget: { description: '计划总投资', amount: cny(p.totalInvestment) } }
      : {}),
    ...(period ? { period } : {}),
    ...(locations.length > 0 ? { locations } : {}),
    ...(milestones.length > 0 ? { milestones } : {}),
    ...(forecasts.length > 0 ? { forecasts } : {}),
    ...(metrics.length > 0 ? { metrics } : {}),
    ...(completion ? { completion } : {}),
  };
  for (const [key, start, end] of phases) {
    const value = start ? oc4idsPeriod(start, end) : null;
    if (value) project[key] = value;
  }
  return project;
}

/** The package around its projects (its publishedDate: the latest change of what it holds, else now). */
export function oc4idsPackageHead(settings: Oc4idsSettingsFields, uri: string, publishedDate: Date) {
  const publisher: Json & { name: string } = { name: settings.publisher.name };
  if (settings.publisher.scheme) publisher.scheme = settings.publisher.scheme;
  if (settings.publisher.uid) publisher.uid = settings.publisher.uid;
  if (settings.publisher.uri) publisher.uri = settings.publisher.uri;
  return {
    uri,
    publishedDate: publishedDate.toISOString(),
    version: '0.9',
    publisher,
    license: settings.license,
    publicationPolicy: settings.publicationPolicy,
  };
}
